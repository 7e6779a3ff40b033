// Exported gap rows name each area's dominant segment in the export's scheme and
// level when those differ from the analysis's own (the indicator's finest), as
// the app's map and tables do; otherwise the rows are left exactly as they were.
import type { AreaResult } from '../../shared/contract';
import type { AreaAnalysis } from '../analysis/area-analysis';
import { withChosenSegments } from '../analysis/dominant-segments';
import type { Project } from '../store/project';
import type { ExportParams } from './params';

export function chosenSegmentRows(project: Project, analysis: AreaAnalysis, rows: AreaResult[], p: ExportParams): AreaResult[] {
  if (!p.segmentLevel && p.scheme === analysis.scheme) return rows;
  return withChosenSegments(project.db, rows, { segmentScheme: p.scheme, segmentLevel: p.segmentLevel }, analysis.level, { period: p.period, base: p.base });
}
