// Source attributions an export must carry. A project may declare its own
// list (cgm_meta 'attributions', a JSON array: the demo says it is synthetic,
// an analyst can edit it); that list is then what applies, as the person who
// knows the sources wrote it. Without one, the list is derived from what was
// imported (cgm_datasets), so partners always see the licences that apply:
//   boundaries, segments (OAC), assignments, population (Census), postcodes → ONS (OGL)
//   boundaries, postcodes → also OS (ONS boundaries and ONSPD/Code-Point carry OS data)
//   postcodes → also Royal Mail (Code-Point Open and the ONSPD carry Royal Mail data)
//   sites from NHS ODS (epraccur and the like) → NHS England (OGL)
//   roads, and sites taken from OpenStreetMap → OpenStreetMap contributors (ODbL)
// users, rates and other sites are the analyst's own or local data: no fixed licence.
// Each credit's year is the year of the newest data it covers (the datasets'
// own dates, recorded at import and editable), not the year of the import.
import type Database from 'better-sqlite3';
import { getMeta } from '../store/meta';
import { listDatasets } from '../store/datasets';

export type Source = 'ons' | 'os' | 'royal-mail' | 'nhs-ods' | 'osm';

export const SOURCES_BY_KIND: Record<string, Source[]> = {
  boundaries: ['ons', 'os'],
  segments: ['ons'],
  assignments: ['ons'],
  population: ['ons'],
  postcodes: ['ons', 'os', 'royal-mail'],
  roads: ['osm'],
};

const ORDER: Source[] = ['ons', 'os', 'royal-mail', 'nhs-ods', 'osm'];

export function attributionText(source: Source, year: number): string {
  switch (source) {
    case 'ons':
      return `Contains National Statistics data © Crown copyright and database right ${year}`;
    case 'os':
      return `Contains OS data © Crown copyright and database right ${year}`;
    case 'royal-mail':
      return `Contains Royal Mail data © Royal Mail copyright and database right ${year}`;
    case 'nhs-ods':
      return `Contains NHS Organisation Data Service data © NHS England ${year}, Open Government Licence v3.0`;
    case 'osm':
      return '© OpenStreetMap contributors (ODbL)';
  }
}

export interface DatasetUse {
  kind: string;
  importedAt: string;
  /** The data's own date (YYYY, YYYY-MM or YYYY-MM-DD); the import's year stands in while unknown. */
  dataDate?: string | null;
  /** Where a sites file came from, when the import could tell (sites.ts siteSource). */
  origin?: Source | null;
}

function sourcesOf(d: DatasetUse): Source[] {
  if (d.kind === 'sites') return d.origin ? [d.origin] : [];
  return SOURCES_BY_KIND[d.kind] ?? [];
}

/** Attributions for data of these kinds; each credit carries the latest year of the data it covers. */
export function deriveAttributions(datasets: readonly DatasetUse[]): string[] {
  const years = new Map<Source, number>();
  for (const d of datasets) {
    const year = Number((d.dataDate ?? d.importedAt).slice(0, 4)) || new Date().getFullYear();
    for (const s of sourcesOf(d)) years.set(s, Math.max(years.get(s) ?? 0, year));
  }
  return ORDER.filter((s) => years.has(s)).map((s) => attributionText(s, years.get(s)!));
}

export function declaredAttributions(db: Database.Database): string[] | null {
  const text = getMeta(db, 'attributions');
  if (text === undefined) return null;
  const parsed = JSON.parse(text) as unknown;
  return Array.isArray(parsed) ? parsed.map(String) : null;
}

const origin = (summary: unknown): Source | null => {
  const o = (summary as { details?: { origin?: unknown } } | null)?.details?.origin;
  return o === 'nhs-ods' || o === 'osm' ? o : null;
};

/** What the project holds, as attributions read it. */
export function datasetUses(db: Database.Database, kinds?: readonly string[]): DatasetUse[] {
  return listDatasets(db)
    .filter((d) => !kinds || kinds.includes(d.kind))
    .map((d) => ({ kind: d.kind, importedAt: d.importedAt, dataDate: d.dataDate, origin: d.kind === 'sites' ? origin(d.summary) : null }));
}

/**
 * What an export of data of `kinds` must say (all imported kinds when omitted):
 * the project's declared list when it has one, else the derived one.
 */
export function exportAttributions(db: Database.Database, kinds?: readonly string[]): string[] {
  return declaredAttributions(db) ?? deriveAttributions(datasetUses(db, kinds));
}
