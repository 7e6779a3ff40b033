// The report's saved-view embeds, drawn: each `map` block gets a PNG of its
// view from the same print page as `cgm export png`, sized for an A4 page's
// text width at 300 dpi. A view that cannot be drawn (deleted, or no browser)
// keeps the placeholder note and says why, rather than failing the report.
import type { Project } from '../../store/project';
import type { ReportModel } from '../report/report-model';
import { ExportCancelled } from '../cancellable';
import { printMap } from '../png-export';
import type { PngRenderer } from './print-job';

/** 182 mm (the report's text width) at 300 dpi, in A4's landscape proportions. */
export const REPORT_MAP_SIZE = '2150x1520';

export async function drawReportMaps(project: Project, model: ReportModel, renderer?: PngRenderer, signal?: AbortSignal): Promise<void> {
  const drawn = new Map<string, Promise<{ png?: string; problem?: string }>>();
  for (const section of model.sections) {
    for (const block of section.blocks) {
      if (block.kind !== 'map') continue;
      // A view embedded twice is drawn once.
      if (!drawn.has(block.view)) {
        drawn.set(
          block.view,
          printMap(project, { view: block.view, size: REPORT_MAP_SIZE, title: block.view, includeProposed: model.includeProposed, signal }, renderer).then(
            (r) => ({ png: r.png.toString('base64') }),
            (e: unknown) => {
              // A cancelled report stops here, not with a note in each map's place.
              if (e instanceof ExportCancelled) throw e;
              return { problem: e instanceof Error ? e.message : String(e) };
            },
          ),
        );
      }
      // One at a time: each map is a browser of its own, and a laptop has few cores.
      Object.assign(block, await drawn.get(block.view)!);
    }
  }
}
