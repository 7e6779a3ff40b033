// What each importer format is fed: the seed, how it is damaged, and the
// import request the app would send for it (the dialog's usual mapping).
// generateInput is a pure function of (corpus, run seed, format, index), so
// the runner, the worker and a replay all make the very same bytes.
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunImportInput } from '../../shared/contract';
import { mutateDbf, mutatePbf, mutateShp, writeZip } from './binary-formats';
import { mutateBytes, mutateJson, mutateText } from './mutate';
import { rngFor, type Rng } from './prng';
import type { Corpus } from './seeds';

export interface FuzzInput {
  /** The dropped file's name and bytes, with shapefile sidecars by extension. */
  name: string;
  data: Uint8Array;
  siblings: Record<string, Uint8Array>;
  /** The runImport request without its fileId: the kind and the dialog's column mapping. */
  request: { kind: RunImportInput['kind']; options: Record<string, unknown> };
  /** What was done to the seed, for the failure report. */
  how: string[];
}

type Make = (corpus: Corpus, rng: Rng, how: string[]) => Omit<FuzzInput, 'request' | 'how'>;

interface Target {
  request: FuzzInput['request'];
  make: Make;
}

const one = (name: string, data: Uint8Array) => ({ name, data, siblings: {} });

/** Blind bytes, text-aware or JSON-aware damage, in the given proportions. */
function damage(seed: Uint8Array, corpus: Corpus, rng: Rng, how: string[], weights: { bytes: number; text: number; json?: number }): Uint8Array {
  const donor = corpus[rng.pick(Object.keys(corpus))];
  const roll = rng.next() * (weights.bytes + weights.text + (weights.json ?? 0));
  const r = roll < weights.bytes ? mutateBytes(seed, rng, donor) : roll < weights.bytes + weights.text ? mutateText(seed, rng) : mutateJson(seed, rng);
  how.push(...r.how);
  return r.data;
}

const csv = (seed: string): Make => (corpus, rng, how) => one(seed, damage(corpus[seed], corpus, rng, how, { bytes: 1, text: 2 }));
const geojson = (seed: string): Make => (corpus, rng, how) => one(seed, damage(corpus[seed], corpus, rng, how, { bytes: 1, text: 1, json: 2 }));

/** A shapefile's parts, one of them damaged (or missing), as a dropped set of files. */
function shapefileParts(corpus: Corpus, rng: Rng, how: string[]): Record<string, Uint8Array> {
  const parts: Record<string, Uint8Array> = {};
  for (const ext of ['shp', 'shx', 'dbf', 'prj', 'cpg']) if (corpus[`shp/oa.${ext}`]) parts[ext] = corpus[`shp/oa.${ext}`];
  const donor = corpus[rng.pick(Object.keys(corpus))];
  const roll = rng.next();
  if (roll < 0.35) {
    const r = rng.chance(0.6) ? mutateShp(parts.shp, rng) : { data: mutateBytes(parts.shp, rng, donor).data, how: '.shp bytes' };
    parts.shp = r.data;
    how.push(r.how);
  } else if (roll < 0.65) {
    const r = rng.chance(0.6) ? mutateDbf(parts.dbf, rng) : { data: mutateBytes(parts.dbf, rng, donor).data, how: '.dbf bytes' };
    parts.dbf = r.data;
    how.push(r.how);
  } else if (roll < 0.75) {
    parts.shx = mutateBytes(parts.shx, rng, donor).data;
    how.push('.shx bytes');
  } else if (roll < 0.87) {
    parts.prj = mutateText(parts.prj, rng).data;
    how.push('.prj text');
  } else if (roll < 0.94) {
    parts.cpg = new TextEncoder().encode(rng.pick(['UTF-16', 'CP1252', '88591', 'x-unknown', '', 'UTF-8\u0000', 'ISO-8859-1'.repeat(1000)]));
    how.push('odd .cpg');
  } else {
    const gone = rng.pick(['dbf', 'shx', 'prj']);
    delete parts[gone];
    how.push(`.${gone} missing`);
  }
  return parts;
}

const shapefile: Make = (corpus, rng, how) => {
  const { shp, ...siblings } = shapefileParts(corpus, rng, how);
  return { name: 'oa.shp', data: shp ?? new Uint8Array(), siblings };
};

/** A zip of a damaged shapefile (with odd entry names sometimes), or a damaged zip. */
const zip: Make = (corpus, rng, how) => {
  if (rng.chance(0.4)) return one('oa.zip', damage(corpus['oa.zip'], corpus, rng, how, { bytes: 1, text: 0 }));
  const parts = shapefileParts(corpus, rng, how);
  const folder = rng.pick(['OA_2011/', '', '../../', '/abs/', 'a/b/c/d/e/f/', 'dir\\', '\u202Eevil/']);
  const entries = Object.entries(parts).map(([ext, data]) => ({ name: `${folder}oa.${ext}`, data, stored: rng.chance(0.3) }));
  if (rng.chance(0.2)) {
    entries.push({ name: rng.pick(['second.shp', 'oa.csv', '__MACOSX/._oa.shp', 'oa.SHP', `${folder}oa.shp`]), data: parts.shp ?? new Uint8Array(), stored: true });
    how.push('extra entry');
  }
  how.push(`zip folder ${JSON.stringify(folder)}`);
  return one('oa.zip', writeZip(entries));
};

/** A damaged GeoPackage: SQL-level damage to a well-formed file, or bytes. */
const geopackage: Make = (corpus, rng, how) => {
  if (rng.chance(0.35)) return one('oa.gpkg', damage(corpus['oa.gpkg'], corpus, rng, how, { bytes: 1, text: 0 }));
  const dir = mkdtempSync(join(tmpdir(), 'cgm-fuzz-gpkg-'));
  try {
    const path = join(dir, 'oa.gpkg');
    writeFileSync(path, corpus['oa.gpkg']);
    const db = new Database(path);
    try {
      db.pragma('foreign_keys = OFF');
      // Plain SQLite lacks the ST_ functions the R-tree triggers call; many writers have no triggers anyway.
      for (const t of db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").pluck().all() as string[]) db.exec(`DROP TRIGGER "${t}"`);
      const fids = db.prepare('SELECT fid FROM oa').pluck().all() as number[];
      const fid = rng.pick(fids);
      const sql = rng.pick([
        () => {
          const blob = db.prepare('SELECT geom FROM oa WHERE fid = ?').pluck().get(fid) as Buffer;
          const damaged = rng.chance(0.5) ? mutateBytes(blob, rng, blob).data : Buffer.from(blob);
          if (damaged.length > 3 && rng.chance(0.5)) damaged[3] = rng.pick([0x00, 0x01, 0x0f, 0x10, 0x20, 0xff, 0x0b]);
          db.prepare('UPDATE oa SET geom = ? WHERE fid = ?').run(damaged, fid);
          return 'geometry blob';
        },
        () => (db.prepare('UPDATE gpkg_geometry_columns SET srs_id = ?').run(rng.pick([0, -1, 999999, 27700, 3857])), 'srs_id'),
        () => (db.prepare('UPDATE gpkg_spatial_ref_sys SET definition = ? WHERE srs_id = 4326').run(rng.pick(['', 'garbage', 'PROJCS["x"]'])), 'srs definition'),
        () => (db.exec('DELETE FROM gpkg_spatial_ref_sys'), 'no spatial_ref_sys'),
        () => (db.prepare('UPDATE oa SET OA11CD = ? WHERE fid = ?').run(rng.pick([null, 12, '', 'x'.repeat(100_000), Buffer.from([0xff, 0]), "E00069555' OR 1=1 --"]), fid), 'code value'),
        () => (db.prepare('UPDATE gpkg_contents SET table_name = ?').run(rng.pick(['nope', 'gpkg_contents', 'sqlite_master'])), 'contents table_name'),
        () => (db.prepare('UPDATE gpkg_contents SET data_type = ?').run(rng.pick(['attributes', 'tiles', ''])), 'contents data_type'),
        () => (db.exec('DROP TABLE oa'), 'layer table dropped'),
        () => (db.exec('INSERT INTO oa (geom, OA11CD) SELECT geom, OA11CD FROM oa'), 'rows doubled'),
        () => (db.exec('ALTER TABLE oa RENAME COLUMN OA11CD TO code'), 'code column renamed'),
        () => (db.prepare('UPDATE gpkg_geometry_columns SET geometry_type_name = ?').run(rng.pick(['POINT', 'GEOMETRYCOLLECTION', 'x', ''])), 'geometry type'),
        () => (db.prepare('UPDATE oa SET geom = NULL WHERE fid = ?').run(fid), 'null geometry'),
        () => (db.prepare('UPDATE gpkg_geometry_columns SET column_name = ?').run(rng.pick(['nope', 'OA11CD', 'fid'])), 'geometry column name'),
      ])();
      how.push(`gpkg ${sql}`);
    } finally {
      db.close();
    }
    return one('oa.gpkg', readFileSync(path));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

const pbf: Make = (corpus, rng, how) => {
  const seed = corpus['roads.osm.pbf'];
  if (rng.chance(0.35)) return one('roads.osm.pbf', damage(seed, corpus, rng, how, { bytes: 1, text: 0 }));
  const r = mutatePbf(seed, rng, corpus[rng.pick(Object.keys(corpus))]);
  how.push(r.how);
  return one('roads.osm.pbf', r.data);
};

/** Entity expansion and external entities: what a hostile .osm would try. */
const XML_ATTACKS = [
  '<!DOCTYPE osm [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>',
  '<!DOCTYPE osm [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
  '<?xml-stylesheet href="http://example.com/x.xsl"?>',
];

const osmXml: Make = (corpus, rng, how) => {
  let data = damage(corpus['roads.osm'], corpus, rng, how, { bytes: 1, text: 3 });
  if (rng.chance(0.1)) {
    const text = new TextDecoder().decode(data);
    const at = text.indexOf('<osm');
    data = new TextEncoder().encode(text.slice(0, Math.max(0, at)) + rng.pick(XML_ATTACKS) + text.slice(Math.max(0, at)).replace('version=', 'x="&d;&x;" version='));
    how.push('XML entities');
  }
  return one('roads.osm', data);
};

export const TARGETS: Record<string, Target> = {
  'boundaries-geojson': { request: { kind: 'boundaries', options: { level: 'OA', codeField: 'OA11CD' } }, make: geojson('oa.geojson') },
  'boundaries-shp': { request: { kind: 'boundaries', options: { level: 'OA', codeField: 'OA11CD' } }, make: shapefile },
  'boundaries-gpkg': { request: { kind: 'boundaries', options: { level: 'OA', codeField: 'OA11CD' } }, make: geopackage },
  'boundaries-zip': { request: { kind: 'boundaries', options: { level: 'OA', codeField: 'OA11CD' } }, make: zip },
  segments: { request: { kind: 'segments', options: { scheme: 'OAC 2021', codeField: 'code', nameField: 'name', parentField: 'parent', levelField: 'level' } }, make: csv('segments.csv') },
  assignments: { request: { kind: 'assignments', options: { scheme: 'OAC 2021', areaField: 'oa_code', segmentField: 'supergroup' } }, make: csv('oac.csv') },
  population: { request: { kind: 'population', options: { areaField: 'oa_code', countField: 'usual_residents' } }, make: csv('population.csv') },
  postcodes: { request: { kind: 'postcodes', options: {} }, make: csv('postcodes.csv') },
  rates: { request: { kind: 'rates', options: { indicator: 'Fuzz', scheme: 'OAC 2021', segmentField: 'segment', indexField: 'index', referenceRate: '14%' } }, make: csv('rates.csv') },
  users: { request: { kind: 'users', options: { service: 'Fuzz', postcodeField: 'Post Code', dateField: 'referral_date' } }, make: csv('users.csv') },
  'sites-csv': { request: { kind: 'sites', options: { service: 'GP' } }, make: csv('ods.csv') },
  'sites-geojson': { request: { kind: 'sites', options: { service: 'OSM services', typeField: 'category' } }, make: geojson('services.geojson') },
  // The base project has OA boundaries only: the lookup dissolves them into a new LSOA level.
  lookup: { request: { kind: 'lookup', options: { parentLevel: 'LSOA' } }, make: csv('lookup.csv') },
  'roads-pbf': { request: { kind: 'roads', options: {} }, make: pbf },
  'roads-osm': { request: { kind: 'roads', options: {} }, make: osmXml },
};

export const IMPORT_FORMATS = Object.keys(TARGETS);

export function generateInput(corpus: Corpus, seed: number, format: string, index: number): FuzzInput {
  const target = TARGETS[format];
  if (!target) throw new Error(`unknown fuzz format "${format}" (one of ${IMPORT_FORMATS.join(', ')})`);
  const rng = rngFor(seed, format, index);
  const how: string[] = [];
  // Every 50th input is the seed itself: the oracle's "a successful import leaves a valid project" needs successes too.
  if (index % 50 === 0) return { ...cleanSeed(corpus, format), request: target.request, how: ['unchanged seed'] };
  return { ...target.make(corpus, rng, how), request: target.request, how };
}

function cleanSeed(corpus: Corpus, format: string): Omit<FuzzInput, 'request' | 'how'> {
  switch (format) {
    case 'boundaries-shp': {
      const siblings: Record<string, Uint8Array> = {};
      for (const ext of ['shx', 'dbf', 'prj', 'cpg']) if (corpus[`shp/oa.${ext}`]) siblings[ext] = corpus[`shp/oa.${ext}`];
      return { name: 'oa.shp', data: corpus['shp/oa.shp'], siblings };
    }
    case 'boundaries-geojson': return one('oa.geojson', corpus['oa.geojson']);
    case 'boundaries-gpkg': return one('oa.gpkg', corpus['oa.gpkg']);
    case 'boundaries-zip': return one('oa.zip', corpus['oa.zip']);
    case 'segments': return one('segments.csv', corpus['segments.csv']);
    case 'assignments': return one('oac.csv', corpus['oac.csv']);
    case 'population': return one('population.csv', corpus['population.csv']);
    case 'postcodes': return one('postcodes.csv', corpus['postcodes.csv']);
    case 'rates': return one('rates.csv', corpus['rates.csv']);
    case 'lookup': return one('lookup.csv', corpus['lookup.csv']);
    case 'users': return one('users.csv', corpus['users.csv']);
    case 'sites-csv': return one('ods.csv', corpus['ods.csv']);
    case 'sites-geojson': return one('services.geojson', corpus['services.geojson']);
    case 'roads-pbf': return one('roads.osm.pbf', corpus['roads.osm.pbf']);
    default: return one('roads.osm', corpus['roads.osm']);
  }
}
