// Source attributions an export must carry. A project may declare its own
// list (cgm_meta 'attributions', a JSON array: the demo says it is synthetic,
// an analyst can edit it); that list is then what applies, as the person who
// knows the sources wrote it. Without one, the list is derived from what was
// imported (cgm_datasets), so partners always see the licences that apply:
//   boundaries, segments, assignments, population, postcodes → ONS (OGL)
//   boundaries, postcodes → also OS (ONS boundaries and ONSPD/Code-Point carry OS data)
//   roads → OpenStreetMap (ODbL)
// users, rates and sites are the analyst's own or local data: no fixed licence.
import type Database from 'better-sqlite3';
import { getMeta } from '../store/meta';

export type Source = 'ons' | 'os' | 'osm';

export const SOURCES_BY_KIND: Record<string, Source[]> = {
  boundaries: ['ons', 'os'],
  segments: ['ons'],
  assignments: ['ons'],
  population: ['ons'],
  postcodes: ['ons', 'os'],
  roads: ['osm'],
};

const ORDER: Source[] = ['ons', 'os', 'osm'];

export function attributionText(source: Source, year: number): string {
  if (source === 'ons') return `Contains National Statistics data © Crown copyright and database right ${year}`;
  if (source === 'os') return `Contains OS data © Crown copyright and database right ${year}`;
  return '© OpenStreetMap contributors';
}

export interface DatasetUse {
  kind: string;
  importedAt: string;
}

/** Attributions for data of these kinds; Crown copyright carries the latest year imported. */
export function deriveAttributions(datasets: readonly DatasetUse[]): string[] {
  const years = new Map<Source, number>();
  for (const d of datasets) {
    const year = Number(d.importedAt.slice(0, 4)) || new Date().getFullYear();
    for (const s of SOURCES_BY_KIND[d.kind] ?? []) years.set(s, Math.max(years.get(s) ?? 0, year));
  }
  return ORDER.filter((s) => years.has(s)).map((s) => attributionText(s, years.get(s)!));
}

export function declaredAttributions(db: Database.Database): string[] | null {
  const text = getMeta(db, 'attributions');
  if (text === undefined) return null;
  const parsed = JSON.parse(text) as unknown;
  return Array.isArray(parsed) ? parsed.map(String) : null;
}

/**
 * What an export of data of `kinds` must say (all imported kinds when omitted):
 * the project's declared list when it has one, else the derived one.
 */
export function exportAttributions(db: Database.Database, kinds?: readonly string[]): string[] {
  const declared = declaredAttributions(db);
  if (declared) return declared;
  const rows = db.prepare('SELECT kind, imported_at AS importedAt FROM cgm_datasets').all() as DatasetUse[];
  return deriveAttributions(kinds ? rows.filter((r) => kinds.includes(r.kind)) : rows);
}
