// Writing imported sites into service_sites. A file of two proposed GP sites
// must not wipe the service's four real practices, so sites are ADDED to the
// service's own; a site already there (same code, or without codes the same
// name at the same place) is updated in place; the rest are removed only when
// the analyst asked to replace them. Runs inside the importer's transaction.
import type Database from 'better-sqlite3';
import type * as GeoJSON from 'geojson';
import { createFeatureTable, hasFeatureTable, insertFeatures, readFeatures } from '../store/gpkg';
import { registerGpkgFunctions } from '../store/gpkg-functions';
import { encodeGeometry } from '../store/gpkg-geometry';

export const SITES_TABLE = 'service_sites';

export interface SiteFeature {
  geometry: GeoJSON.Point;
  properties: { service: string; code: string | null; name: string | null; type: string; opening_hours: string | null; postcode: string | null; proposed: number };
}

export interface SiteChanges {
  added: number;
  /** Sites already in the service that the file updated (same code or name). */
  updated: number;
  /** Sites of the service the file left as they were. */
  kept: number;
  removed: number;
  /** The service's sites after the import. */
  total: number;
  updatedNames: string[];
}

export function ensureSitesTable(db: Database.Database): void {
  if (!hasFeatureTable(db, SITES_TABLE)) {
    createFeatureTable(db, {
      table: SITES_TABLE, geometryType: 'POINT', title: 'Service sites',
      columns: [
        { name: 'service', type: 'TEXT' }, { name: 'code', type: 'TEXT' }, { name: 'name', type: 'TEXT' }, { name: 'type', type: 'TEXT' },
        { name: 'opening_hours', type: 'TEXT' }, { name: 'postcode', type: 'TEXT' }, { name: 'proposed', type: 'INTEGER' },
      ],
    });
    return;
  }
  // Projects from before site codes were kept have the table without the column.
  const columns = db.prepare(`SELECT name FROM pragma_table_info('${SITES_TABLE}')`).pluck().all() as string[];
  if (!columns.includes('code')) db.exec(`ALTER TABLE "${SITES_TABLE}" ADD COLUMN code TEXT`);
}

type Stored = { fid: number; code: string | null; name: string | null; proposed: number; coordinates: number[] };

const codeKey = (code: string | null) => (code ? code.trim().toUpperCase() : null);
// Without codes a site is the same one only at the same place (to about a metre) under the same name:
// a re-imported file then updates its sites, while two branches of one chain stay two sites.
const placeKey = (name: string | null, [lon, lat]: number[]) => `${(name ?? '').trim().toLowerCase()} ${lon.toFixed(5)} ${lat.toFixed(5)}`;

function groupBy(rows: Stored[], key: (row: Stored) => string | null): Map<string, Stored[]> {
  const out = new Map<string, Stored[]>();
  for (const row of rows) {
    const k = key(row);
    if (k !== null) out.set(k, [...(out.get(k) ?? []), row]);
  }
  return out;
}

/** Adds `sites` to the service (replace: and removes its other sites from files; what-if sites stay). */
export function writeSites(db: Database.Database, service: string, sites: SiteFeature[], replace: boolean): SiteChanges {
  ensureSitesTable(db);
  registerGpkgFunctions(db);
  const existing: Stored[] = readFeatures(db, SITES_TABLE, { where: { column: 'service', equals: service } }).features.map((f) => ({
    fid: Number(f.id),
    code: (f.properties?.code as string | null | undefined) ?? null,
    name: (f.properties?.name as string | null | undefined) ?? null,
    proposed: Number(f.properties?.proposed ?? 0),
    coordinates: (f.geometry as GeoJSON.Point).coordinates,
  }));
  const byCode = groupBy(existing, (e) => codeKey(e.code));
  const byPlace = groupBy(existing, (e) => placeKey(e.name, e.coordinates));
  const matched = new Set<number>();
  const take = (rows: Stored[] | undefined, ok: (row: Stored) => boolean) => rows?.find((r) => !matched.has(r.fid) && ok(r));
  const updatedNames: string[] = [];
  const added: SiteFeature[] = [];
  const update = db.prepare(`UPDATE "${SITES_TABLE}" SET geom = ?, code = ?, name = ?, type = ?, opening_hours = ?, postcode = ?, proposed = ? WHERE fid = ?`);
  for (const site of sites) {
    const p = site.properties;
    const c = codeKey(p.code);
    // A code decides; the place only where the stored site has no code to compare.
    const same = (c ? take(byCode.get(c), () => true) : undefined) ?? take(byPlace.get(placeKey(p.name, site.geometry.coordinates)), (r) => !c || !r.code);
    if (same) {
      matched.add(same.fid);
      update.run(encodeGeometry(site.geometry), p.code, p.name, p.type, p.opening_hours, p.postcode, p.proposed, same.fid);
      updatedNames.push(p.code ? `${p.code}${p.name ? ` (${p.name})` : ''}` : (p.name ?? 'a site without a name'));
    } else added.push(site);
  }
  let removed = 0;
  if (replace) {
    // What-if sites drawn in the app are the analyst's own work, not the file's: they stay.
    const remove = db.prepare(`DELETE FROM "${SITES_TABLE}" WHERE fid = ?`);
    for (const e of existing) if (!matched.has(e.fid) && e.proposed === 0) removed += remove.run(e.fid).changes;
  }
  if (added.length > 0) insertFeatures(db, SITES_TABLE, added);
  const total = db.prepare(`SELECT count(*) FROM "${SITES_TABLE}" WHERE service = ?`).pluck().get(service) as number;
  return { added: added.length, updated: matched.size, kept: existing.length - matched.size - removed, removed, total, updatedNames };
}
