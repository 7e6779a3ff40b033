// The importer a runImport request names, run on a project: in the import
// worker (import-worker.ts), on the copy that will replace the project file.
import type { Handlers, ImportSummaryResult } from '../../shared/contract';
import type { ImportContext, ImportSummary, InMemoryFile } from '../importers/importer';
import { importGtfs } from '../importers/gtfs';
import { importers } from '../importers/registry';
import { importRoads } from '../routing/roads-import';
import type { Project } from '../store/project';

export type RunInput = Parameters<Handlers['runImport']>[0];

/** Read from memory (no temporary file), under the same rules as `cgm import roads`. */
async function importRoadsFrom(project: Project, input: InMemoryFile, ctx: ImportContext): Promise<ImportSummary | ImportSummaryResult> {
  ctx.progress?.(`Reading ${input.name}`, null);
  const s = await importRoads(project, { file: input }, ctx);
  const unplaced = s.ways - s.roadFeatures;
  return {
    kind: 'roads',
    dataset: 'roads',
    file: s.file,
    rowsRead: s.ways,
    imported: s.roadFeatures,
    rejected: unplaced > 0 ? { 'fewer than two of its nodes in the file': unplaced } : {},
    warnings: s.missingNodeRefs > 0 ? [`${s.missingNodeRefs.toLocaleString('en-GB')} node references lie outside the extract (ways clipped at its edge)`] : [],
    details: { nodes: s.nodes, highways: s.highways },
  };
}

/** One switch, so the compiler checks each kind's validated options against its importer's option type. */
export function runImporter(project: Project, input: InMemoryFile, request: RunInput, ctx: ImportContext): Promise<ImportSummary | ImportSummaryResult> {
  switch (request.kind) {
    case 'boundaries':
      return importers.boundaries.run(project, input, request.options, ctx);
    case 'segments':
      return importers.segments.run(project, input, request.options, ctx);
    case 'assignments':
      return importers.assignments.run(project, input, request.options, ctx);
    case 'population':
      return importers.population.run(project, input, request.options, ctx);
    case 'postcodes':
      return importers.postcodes.run(project, input, request.options, ctx);
    case 'rates':
      return importers.rates.run(project, input, request.options, ctx);
    case 'users':
      return importers.users.run(project, input, request.options, ctx);
    case 'sites':
      return importers.sites.run(project, input, request.options, ctx);
    case 'site-hours':
      return importers['site-hours'].run(project, input, request.options, ctx);
    case 'segment-profile':
      return importers['segment-profile'].run(project, input, request.options, ctx);
    case 'lookup':
      return importers.lookup.run(project, input, request.options, ctx);
    case 'roads':
      return importRoadsFrom(project, input, ctx);
    case 'indicators':
      return importers.indicators.run(project, input, request.options, ctx);
    case 'comparator':
      return importers.comparator.run(project, input, request.options, ctx);
    case 'gtfs':
      return importGtfs(project, input, {}, ctx);
  }
}
