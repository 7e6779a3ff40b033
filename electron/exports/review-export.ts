// Review tables as files to share (toolkit step 8): the comparison with a
// saved baseline and its targets, always under the project's sharing rule, so
// `cgm review --out` and the app's Export dialog write the same bytes.
import { TARGET_COLUMNS } from '../../shared/analysis/review-targets';
import { reviewAgainstBaseline, type LaterScope } from '../analysis/review-baselines';
import { REVIEW_COLUMNS } from '../analysis/review-run';
import { sharingDisclosureRule } from '../analysis/disclosure-rule';
import type { Project } from '../store/project';
import { toCsv, type CsvValue } from './csv-writer';
import { exportFile, safeFilename, type ExportFile } from './export-file';

export const REVIEW_TABLES = ['changes', 'targets'] as const;
export type ReviewTableName = (typeof REVIEW_TABLES)[number];

export function reviewCsv(project: Project, baseline: string, table: ReviewTableName, later: LaterScope = {}): ExportFile {
  const review = reviewAgainstBaseline(project, baseline, later, sharingDisclosureRule(project.db));
  const stem = table === 'changes' ? `review ${baseline}` : `review targets ${baseline}`;
  const csv =
    table === 'changes'
      ? toCsv(review.comparison.rows, REVIEW_COLUMNS.map((key) => ({ key })))
      : toCsv(review.targets as unknown as Record<string, CsvValue>[], TARGET_COLUMNS.map((key) => ({ key })));
  return exportFile(safeFilename(stem, '.csv'), csv);
}
