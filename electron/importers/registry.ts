// The importers as one registry (Placemark-style): the app's import dialog lists
// them, picks one by file extension, pre-fills the column mapping with
// suggestColumns and calls run(). Adding an input kind is one module + one entry.
import type { ColumnRole } from './columns';
import { suggestColumns } from './columns';
import type { ImportContext, ImportInput, ImportKind, ImportSummary } from './importer';
import type { ProjectHandle } from './project-tables';
import { importAssignments } from './assignments';
import { importBoundaries } from './boundaries';
import { importLookup } from './lookup';
import { importPopulation } from './population';
import { importPostcodes } from './postcodes';
import { importRates } from './rates';
import { importSegments } from './segments';
import { importSegmentProfile } from './segment-profile';
import { importSiteHours } from './site-hours';
import { importSites } from './sites';
import { importUsers } from './users';
import { importIndicators } from './area-indicators';
import { importComparator } from './comparator';

export interface Importer<O> {
  kind: ImportKind;
  label: string;
  /** Lower-case extensions without the dot; the first is the usual one. */
  extensions: string[];
  suggest(headers: string[]): Partial<Record<ColumnRole, string>>;
  run(project: ProjectHandle, input: ImportInput, options: O, ctx?: ImportContext): Promise<ImportSummary>;
}

function importer<O>(kind: ImportKind, label: string, extensions: string[], run: Importer<O>['run']): Importer<O> {
  return { kind, label, extensions, run, suggest: (headers) => suggestColumns(kind, headers) };
}

const CSV = ['csv', 'tsv', 'txt'];

export const importers = {
  boundaries: importer('boundaries', 'Area boundaries', ['geojson', 'json', 'shp', 'gpkg'], importBoundaries),
  segments: importer('segments', 'Segment definitions', CSV, importSegments),
  assignments: importer('assignments', 'Area segment assignments', CSV, importAssignments),
  population: importer('population', 'Population base', CSV, importPopulation),
  postcodes: importer('postcodes', 'Postcode directory', CSV, importPostcodes),
  rates: importer('rates', 'Risk rates by segment', CSV, importRates),
  users: importer('users', 'Service users', CSV, importUsers),
  sites: importer('sites', 'Service sites', [...CSV, 'geojson', 'json'], importSites),
  'site-hours': importer('site-hours', 'Opening hours of sites', CSV, importSiteHours),
  'segment-profile': importer('segment-profile', 'Segment profile (behaviour, channels)', CSV, importSegmentProfile),
  lookup: importer('lookup', 'Area lookup (dissolved into a new level)', CSV, importLookup),
  indicators: importer('indicators', 'Area indicators (IMD, Census tables)', CSV, importIndicators),
  comparator: importer('comparator', 'Comparator base (England, a region)', CSV, importComparator),
} as const;
