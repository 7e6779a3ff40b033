// Areas of one geography level as GeoJSON, each with its population and its
// segment. Segments assigned at a finer level (OA) are carried up to the
// requested level (LSOA) as the segment holding most of the population.
import type Database from 'better-sqlite3';
import type { FeatureCollection } from 'geojson';
import { readFeatures } from '../store/gpkg';

interface GeographyRow {
  level: string;
  table_name: string;
  parent_level: string | null;
}

export function geographies(db: Database.Database): GeographyRow[] {
  return db.prepare('SELECT level, table_name, parent_level FROM cgm_geographies ORDER BY rank, level').all() as GeographyRow[];
}

/** child code → code of its ancestor at `level` (identity for areas of that level). */
export function ancestorAt(db: Database.Database, level: string): Map<string, string> {
  const geos = geographies(db);
  const parentOf = new Map<string, string>();
  const levelOf = new Map<string, string>();
  for (const g of geos) {
    const rows = db.prepare(`SELECT code, parent_code FROM "${g.table_name}"`).all() as { code: string; parent_code: string | null }[];
    for (const r of rows) {
      levelOf.set(r.code, g.level);
      if (r.parent_code) parentOf.set(r.code, r.parent_code);
    }
  }
  const result = new Map<string, string>();
  for (const code of levelOf.keys()) {
    let c: string | undefined = code;
    for (let depth = 0; c && depth < 8; depth++) {
      if (levelOf.get(c) === level) {
        result.set(code, c);
        break;
      }
      c = parentOf.get(c);
    }
  }
  return result;
}

/** Segment code → its ancestor at `segmentLevel` within the scheme. */
function segmentAncestor(db: Database.Database, scheme: string, segmentLevel: string | undefined): (code: string) => string {
  if (!segmentLevel) return (code) => code;
  const rows = db.prepare('SELECT code, parent_code, level FROM cgm_segments WHERE scheme = ?').all(scheme) as {
    code: string;
    parent_code: string | null;
    level: string;
  }[];
  const byCode = new Map(rows.map((r) => [r.code, r]));
  return (code) => {
    let r = byCode.get(code);
    for (let depth = 0; r && depth < 8; depth++) {
      if (r.level === segmentLevel) return r.code;
      r = r.parent_code ? byCode.get(r.parent_code) : undefined;
    }
    return code;
  };
}

export function areaLayer(
  db: Database.Database,
  level: string,
  scheme?: string,
  segmentLevel?: string,
): FeatureCollection {
  const geo = geographies(db).find((g) => g.level === level);
  if (!geo) throw new Error(`The project has no geography level "${level}".`);
  const collection = readFeatures(db, geo.table_name);
  const population = new Map<string, number>();
  for (const r of db.prepare("SELECT area_code, count FROM cgm_population WHERE base_kind = 'persons'").all() as {
    area_code: string;
    count: number;
  }[])
    population.set(r.area_code, r.count);

  const up = ancestorAt(db, level);
  const totals = new Map<string, number>();
  for (const [code, ancestor] of up) {
    const p = population.get(code);
    if (p !== undefined && code !== ancestor) totals.set(ancestor, (totals.get(ancestor) ?? 0) + p);
  }

  const dominant = new Map<string, string>();
  if (scheme) {
    const lift = segmentAncestor(db, scheme, segmentLevel);
    const weights = new Map<string, Map<string, number>>();
    const rows = db.prepare('SELECT area_code, segment_code, count FROM cgm_assignments WHERE scheme = ?').all(scheme) as {
      area_code: string;
      segment_code: string;
      count: number | null;
    }[];
    for (const r of rows) {
      const target = up.get(r.area_code);
      if (!target) continue;
      const weight = r.count ?? population.get(r.area_code) ?? 1;
      const seg = lift(r.segment_code);
      const m = weights.get(target) ?? new Map<string, number>();
      m.set(seg, (m.get(seg) ?? 0) + weight);
      weights.set(target, m);
    }
    for (const [area, m] of weights) {
      let best = '';
      let bestWeight = -1;
      for (const [seg, w] of [...m].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
        if (w > bestWeight) [best, bestWeight] = [seg, w];
      }
      dominant.set(area, best);
    }
  }

  for (const f of collection.features) {
    const props = (f.properties ??= {});
    const code = String(props.code);
    props.population = population.get(code) ?? totals.get(code) ?? null;
    if (scheme) props.segment = dominant.get(code) ?? null;
  }
  return collection;
}
