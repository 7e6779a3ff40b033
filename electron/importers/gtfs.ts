// cgm import gtfs: a public-transport timetable (GTFS zip or folder), checked
// and stored whole. Rows that cannot be used are left out and named; the rest
// of the feed is kept, so one broken trip does not cost a town its buses. A
// feed with no usable trip at all is refused and the project left as it was.
import { buildFeed } from '../../shared/transit/feed-build';
import { servicesDateRange } from '../../shared/transit/service-days';
import { writeTransitFeed } from '../store/transit';
import { readGtfsTables } from './gtfs-read';
import type { ImportContext, ImportInput, ImportSummary } from './importer';
import { ImportError, checkAborted, fmt, inputName } from './importer';
import type { ProjectHandle } from './project-tables';
import { recordDataset } from './project-tables';

/** How many problems the summary spells out; all of them are stored in the project. */
const LISTED_PROBLEMS = 20;

export async function importGtfs(project: ProjectHandle, input: ImportInput, _options: Record<string, never> = {}, ctx?: ImportContext): Promise<ImportSummary> {
  const file = inputName(input).replace(/^.*[\\/]/, '');
  const tables = await readGtfsTables(input, ctx);
  checkAborted(ctx, file);
  ctx?.progress?.('Checking the timetable', null);
  const { feed, problems } = buildFeed(tables);
  const where = (p: (typeof problems)[number]) => `${p.file}${p.row === null ? '' : ` row ${fmt(p.row)}`}${p.field ? `, field "${p.field}"` : ''}`;
  const listed = problems.slice(0, LISTED_PROBLEMS).map((p) => `${where(p)}: ${p.message}`);
  if (feed.trips.length === 0) {
    throw new ImportError(`${file}: no trip in the feed can be used${listed.length ? `:\n${listed.join('\n')}` : ''}`);
  }
  const rejected: Record<string, number> = {};
  for (const p of problems) if (p.severity === 'error') rejected[p.file] = (rejected[p.file] ?? 0) + 1;
  const warnings = [...listed];
  if (problems.length > LISTED_PROBLEMS) warnings.push(`and ${fmt(problems.length - LISTED_PROBLEMS)} more problems, kept with the project (cgm info --transit)`);
  const range = servicesDateRange(feed.weeks, feed.exceptions);
  const rowsRead = tables['stop_times.txt']?.length ?? 0;
  const summary: ImportSummary = {
    kind: 'gtfs', dataset: 'transit', file, rowsRead, imported: feed.trips.length, rejected, warnings,
    details: {
      stops: feed.stops.length, routes: feed.routes.length, trips: feed.trips.length, frequencies: feed.frequencies.length,
      firstDate: range?.first ?? null, lastDate: range?.last ?? null, problems: problems.length,
    },
  };
  checkAborted(ctx, file);
  project.db.transaction(() => {
    writeTransitFeed(project.db, feed, problems);
    recordDataset(project.db, 'gtfs', 'transit', file, rowsRead, feed.trips.length, summary);
  })();
  return summary;
}
