// The postcode directory written by its own thread while the file is read
// (postcode-output.ts) gives the table, index and dataset row the write at the
// end gives: on the real Rutland and Leeds directories, and on a directory whose
// leading area column changes mid-file (the rows written for the first leader
// are rolled back and written again for the winner), and on one not sorted by
// postcode (written sorted at the end). A failure mid-file leaves the project as
// it was; a thread that cannot start leaves the write to the importer's thread;
// the thread takes SQLite's write lock only with the first rows it writes.
import { copyFileSync, existsSync, readFileSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { importBoundaries, importPostcodes } from '../../electron/importers/index';
import type { PostcodeOptions } from '../../electron/importers/postcodes';
import { POSTCODE_WRITE_THREAD, postcodeWriterRuns } from '../../electron/importers/postcode-output';
import { openProject, type Project } from '../../electron/store/project';
import { LEEDS, RUTLAND, newProject, tempDir } from './helpers';

const DEFAULTS = { ...POSTCODE_WRITE_THREAD };
afterEach(() => Object.assign(POSTCODE_WRITE_THREAD, DEFAULTS));

/** Everything the import writes: the table in key order (its only order, WITHOUT ROWID), the index's blobs, the dataset row less its time. */
function written(path: string) {
  const p = openProject(path);
  try {
    return {
      table: p.db.prepare('SELECT * FROM cgm_postcodes ORDER BY postcode').raw().all(),
      index: p.db.prepare('SELECT keys, areas, statuses, area_codes FROM cgm_postcode_index').raw().all(),
      dataset: p.db.prepare("SELECT kind, name, source_file, rows_read, rows_imported, summary FROM cgm_datasets WHERE kind = 'postcodes'").raw().all(),
    };
  } finally {
    p.close();
  }
}

/** Imports `file` into a copy of `base` written at the end here, and into another written by the thread; both results. */
async function bothWays(dir: string, base: string, file: string, options: PostcodeOptions = {}) {
  const out = [];
  for (const threaded of [false, true]) {
    const path = join(dir, `${threaded ? 'thread' : 'here'}-${Math.random().toString(36).slice(2)}.gpkg`);
    copyFileSync(base, path);
    POSTCODE_WRITE_THREAD.minBytes = threaded ? 0 : Infinity;
    const before = postcodeWriterRuns();
    const p = openProject(path);
    try {
      const summary = await importPostcodes(p, file, options);
      const after = postcodeWriterRuns();
      out.push({ summary, ...written(path), threads: after.started - before.started, restarts: after.restarts - before.restarts });
    } finally {
      p.close();
    }
  }
  return out;
}

describe('the postcode writer thread', () => {
  const tmp = tempDir('cgm-pc-thread-');
  let rutland: string;
  let leeds: string;
  let empty: string;
  const oaCodes: string[] = [];
  beforeAll(async () => {
    const make = async (name: string, area: string) => {
      const p: Project = newProject(tmp.dir, name);
      await importBoundaries(p, area + 'lsoa11_boundaries.geojson', { level: 'LSOA', codeField: 'LSOA11CD' });
      await importBoundaries(p, area + 'oa11_boundaries.geojson', { level: 'OA', codeField: 'OA11CD', parentField: 'LSOA11CD', parentLevel: 'LSOA' });
      if (area === RUTLAND) oaCodes.push(...(p.db.prepare('SELECT code FROM area_oa ORDER BY code').pluck().all() as string[]));
      p.close();
      return p.path;
    };
    rutland = await make('rutland.gpkg', RUTLAND);
    leeds = await make('leeds.gpkg', LEEDS);
    const e = newProject(tmp.dir, 'empty.gpkg');
    empty = e.path;
    e.close();
  }, 120_000);
  afterAll(() => tmp.cleanup());

  it('writes the real Rutland and Leeds directories as the write at the end does, for every way of placing them', async () => {
    POSTCODE_WRITE_THREAD.batchRows = 100;
    for (const [base, area] of [[rutland, RUTLAND], [leeds, LEEDS], [empty, RUTLAND]] as const) {
      for (const options of [{}, { areaField: 'lsoa11cd' }, { eastingField: 'easting', northingField: 'northing' }]) {
        const [here, thread] = await bothWays(tmp.dir, base, area + 'postcodes_codepoint_open.csv', options);
        expect(here.threads).toBe(0);
        expect(thread.threads).toBe(1);
        expect(thread.summary).toEqual(here.summary);
        expect(thread.table.length).toBeGreaterThan(50);
        expect(thread.table).toEqual(here.table);
        expect(thread.index).toEqual(here.index);
        expect(thread.dataset).toEqual(here.dataset);
      }
    }
  }, 120_000);

  /**
   * 20,000 postcodes with two candidate area columns: the first 6,000 rows name an OA in column
   * oa11 only, the rest in oa21 only. oa11 leads until oa21 passes it at row ~12,000, so oa21
   * wins with 14,000 hits and the first 6,000 rows are outside the study area.
   */
  function shiftingDirectory(): string {
    const letters = 'ABDEFGHJLNPQRSTUWXYZ';
    const lines = ['pcds,lat,long,oa11,oa21'];
    for (let i = 0; i < 20_000; i++) {
      const postcode = `LE${1 + Math.floor(i / 4000)} ${Math.floor(i / 400) % 10}${letters[Math.floor(i / 20) % 20]}${letters[i % 20]}`;
      const oa = oaCodes[i % oaCodes.length];
      lines.push(`${postcode},52.6${i % 10},-0.7${i % 7},${i < 6000 ? oa : ''},${i < 6000 ? '' : oa}`);
    }
    const file = join(tmp.dir, 'shifting.csv');
    writeFileSync(file, lines.join('\n') + '\n');
    return file;
  }

  it('rolls back the rows written for a column that led early and writes them again for the one that wins', async () => {
    const file = shiftingDirectory();
    POSTCODE_WRITE_THREAD.batchRows = 500;
    const [here, thread] = await bothWays(tmp.dir, rutland, file);
    expect(here.summary).toMatchObject({ rowsRead: 20_000, imported: 14_000, rejected: { 'outside study area': 6000 }, details: { areaSource: 'column "oa21"' } });
    expect(thread.restarts).toBe(1);
    expect(thread.summary).toEqual(here.summary);
    expect(thread.table).toEqual(here.table);
    expect(thread.index).toEqual(here.index);
    expect(thread.dataset).toEqual(here.dataset);
    // No change of guess allowed mid-file: the rows past the change wait for the end's choice, which
    // rolls back those written for oa11 (the one roll-back) and writes every row for oa21.
    POSTCODE_WRITE_THREAD.restarts = 0;
    const [, waited] = await bothWays(tmp.dir, rutland, file);
    expect(waited.restarts).toBe(1);
    expect(waited.table).toEqual(here.table);
    expect(waited.index).toEqual(here.index);
  }, 60_000);

  it('leaves the project as it was when the file fails after rows were written, and the file can be imported again', async () => {
    const path = join(tmp.dir, 'failing.gpkg');
    copyFileSync(rutland, path);
    POSTCODE_WRITE_THREAD.minBytes = 0;
    POSTCODE_WRITE_THREAD.batchRows = 100;
    const p = openProject(path);
    try {
      await importPostcodes(p, RUTLAND + 'postcodes_codepoint_open.csv');
      const before = written(path);
      // The real directory, then its first row again with latitude and longitude swapped.
      const real = (await import('node:fs')).readFileSync(RUTLAND + 'postcodes_codepoint_open.csv', 'utf8').trimEnd().split('\n');
      const bad = join(tmp.dir, 'swapped.csv');
      const [postcode, easting, northing, lat, lon, ...rest] = real[1].split(',');
      writeFileSync(bad, [...real, ['LE99 9ZZ', easting, northing, lon, lat, ...rest].join(',')].join('\n') + '\n');
      const runs = postcodeWriterRuns().started;
      await expect(importPostcodes(p, bad)).rejects.toThrow(new RegExp(`swapped.csv row ${(real.length + 1).toLocaleString('en-GB')}\\b.*look swapped`));
      expect(postcodeWriterRuns().started).toBe(runs + 1);
      expect(existsSync(`${path}-journal`)).toBe(false);
      expect(written(path)).toEqual(before);
      expect(postcode).not.toBe('LE99 9ZZ');
      // Nothing left holding the file: the same connection imports again.
      await importPostcodes(p, RUTLAND + 'postcodes_codepoint_open.csv', { areaField: 'lsoa11cd' });
      expect(p.db.prepare('SELECT count(DISTINCT area_code) FROM cgm_postcodes').pluck().get()).toBeLessThan(before.table.length);
    } finally {
      p.close();
    }
  }, 60_000);

  it('nests in a transaction the caller holds: a good import keeps the caller\'s work, a failing one undoes only itself', async () => {
    const path = join(tmp.dir, 'nested.gpkg');
    copyFileSync(rutland, path);
    POSTCODE_WRITE_THREAD.minBytes = 0; // a thread is not used inside a transaction, whatever the size
    const p = openProject(path);
    try {
      p.db.exec('CREATE TABLE scratch (x INTEGER)');
      const runs = postcodeWriterRuns().started;
      const cache = p.db.pragma('cache_size', { simple: true });
      p.db.exec('BEGIN');
      p.db.prepare('INSERT INTO scratch VALUES (1)').run();
      await importPostcodes(p, RUTLAND + 'postcodes_codepoint_open.csv');
      expect(p.db.inTransaction).toBe(true);
      const kept = p.db.prepare('SELECT count(*) FROM cgm_postcodes').pluck().get() as number;
      expect(kept).toBeGreaterThan(50);
      // A file that fails at its last row: the caller's row and the directory imported before it stay.
      const real = (await import('node:fs')).readFileSync(RUTLAND + 'postcodes_codepoint_open.csv', 'utf8').trimEnd().split('\n');
      const [, easting, northing, lat, lon, ...rest] = real[1].split(',');
      const bad = join(tmp.dir, 'nested-swapped.csv');
      writeFileSync(bad, [...real, ['LE99 9ZZ', easting, northing, lon, lat, ...rest].join(',')].join('\n') + '\n');
      await expect(importPostcodes(p, bad)).rejects.toThrow(/look swapped/);
      expect(p.db.inTransaction).toBe(true);
      expect(p.db.prepare('SELECT count(*) FROM cgm_postcodes').pluck().get()).toBe(kept);
      p.db.exec('COMMIT');
      expect(postcodeWriterRuns().started).toBe(runs);
      expect(p.db.prepare('SELECT count(*) FROM scratch').pluck().get()).toBe(1);
      expect(p.db.pragma('cache_size', { simple: true })).toBe(cache); // the write's own cache given back
    } finally {
      p.close();
    }
  }, 60_000);
  /** Rutland's directory past 8 MB with rows outside the study area (an OA no boundary has): kept rows stay below a batch. */
  function paddedRutland(): string {
    const pad = 'ZZ991ZZ,486137,308843,52.670462,-0.727611,10,E06000017,E05001815,E00999999,E01999999,point_in_polygon\n';
    const file = join(tmp.dir, 'padded.csv');
    writeFileSync(file, Buffer.concat([readFileSync(RUTLAND + 'postcodes_codepoint_open.csv'), Buffer.from(pad.repeat(90_000))]));
    return file;
  }

  it('writes a directory not sorted by postcode in key order at the end: the table the write here gives', async () => {
    // Rutland's directory with its rows reversed: the order breaks at the second row.
    const [header, ...rows] = readFileSync(RUTLAND + 'postcodes_codepoint_open.csv', 'utf8').trimEnd().split('\n');
    const file = join(tmp.dir, 'reversed.csv');
    writeFileSync(file, [header, ...rows.reverse()].join('\n') + '\n');
    POSTCODE_WRITE_THREAD.batchRows = 100;
    const [here, thread] = await bothWays(tmp.dir, rutland, file);
    expect(thread.threads).toBe(1);
    expect(here.summary.imported).toBe(1207);
    expect(thread.summary).toEqual(here.summary);
    expect(thread.table).toEqual(here.table);
    expect(thread.index).toEqual(here.index);
    // The same rows as the sorted file gives.
    const [sorted] = await bothWays(tmp.dir, rutland, RUTLAND + 'postcodes_codepoint_open.csv');
    expect(here.table).toEqual(sorted.table);
    expect(here.index).toEqual(sorted.index);
  }, 60_000);

  it('leaves the file free to other connections while it is read, when no rows have gone to the thread yet', async () => {
    // 1,207 rows kept, fewer than a batch: none go to the thread before the end.
    const file = paddedRutland();
    const path = join(tmp.dir, 'unlocked.gpkg');
    copyFileSync(rutland, path);
    const p = openProject(path);
    const other = new Database(path, { timeout: 0 });
    const free: boolean[] = [];
    const canWrite = () => {
      try {
        other.exec('BEGIN IMMEDIATE');
        other.exec('ROLLBACK');
        return true;
      } catch (error) {
        expect(String(error)).toMatch(/database is locked/);
        return false;
      }
    };
    try {
      const runs = postcodeWriterRuns();
      // At the first progress report (a megabyte read), 3 s for the thread to start and, were it to
      // take the write lock on starting, to take it; then at every report after.
      let first = true;
      const progress = () => {
        if (first) {
          first = false;
          const until = Date.now() + 3000;
          while (Date.now() < until) {
            free.push(canWrite());
            Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
          }
        } else free.push(canWrite());
      };
      const summary = await importPostcodes(p, file, {}, { progress });
      expect(summary).toMatchObject({ imported: 1207, rejected: { 'outside study area': 90_000 } });
      expect(postcodeWriterRuns().started).toBe(runs.started + 1);
      expect(postcodeWriterRuns().fallbacks).toBe(runs.fallbacks);
      expect(free.length).toBeGreaterThan(50);
      expect(free.every((f) => f)).toBe(true);
      expect(written(path).table.length).toBe(1207);
    } finally {
      other.close();
      p.close();
    }
  }, 60_000);

  it('writes here, with the same result, when the thread cannot start (it cannot open the project file by its name)', async () => {
    const [expected] = await bothWays(tmp.dir, rutland, RUTLAND + 'postcodes_codepoint_open.csv');
    const real = join(tmp.dir, 'real.gpkg');
    const link = join(tmp.dir, 'link.gpkg');
    copyFileSync(rutland, real);
    symlinkSync(real, link);
    POSTCODE_WRITE_THREAD.minBytes = 0;
    POSTCODE_WRITE_THREAD.batchRows = 100;
    // Opened through a link that is then gone: this connection holds the file, a new one cannot open that name.
    const p = openProject(link);
    try {
      unlinkSync(link);
      const runs = postcodeWriterRuns();
      const summary = await importPostcodes(p, RUTLAND + 'postcodes_codepoint_open.csv');
      expect(postcodeWriterRuns().started).toBe(runs.started + 1);
      expect(postcodeWriterRuns().fallbacks).toBe(runs.fallbacks + 1);
      expect(summary).toEqual(expected.summary);
    } finally {
      p.close();
    }
    const got = written(real);
    expect(got.table).toEqual(expected.table);
    expect(got.index).toEqual(expected.index);
    expect(got.dataset).toEqual(expected.dataset);
  }, 60_000);
});
