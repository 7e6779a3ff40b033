// The app imports in a worker thread (import-worker.ts); a postcode directory of
// 8 MB or more starts its writer thread from there (postcode-output.ts), a thread
// started by a thread. Its table is the one the same file gives written inline,
// and the thread did run: while the import ran, the project file was open twice
// in this process (the import worker's connection and the writer's), and more
// than a batch of rows was kept, so rows went to it while the file was read.
import { copyFileSync, readFileSync, readdirSync, readlinkSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importBoundaries, importPostcodes } from '../../electron/importers/index';
import { POSTCODE_WRITE_THREAD } from '../../electron/importers/postcode-output';
import { runImportInWorker } from '../../electron/services/import-thread';
import { openProject } from '../../electron/store/project';
import { RUTLAND, newProject, tempDir } from '../importers/helpers';

describe('a large postcode directory imported through the app', () => {
  const tmp = tempDir('cgm-app-pc-writer-');
  let base: string;
  // Rutland's directory padded past 8 MB with postcodes of one of its OAs (kept: more than a batch) and
  // rows outside the study area (an OA no boundary has). The kept ones, YO10 0AA.. YO27 9ZZ, sort after
  // Rutland's LE15, so the file stays sorted.
  const letters = 'ABDEFGHJLNPQRSTUWXYZ';
  const kept = Array.from({ length: 18 * 4000 }, (_, i) =>
    `YO${10 + Math.floor(i / 4000)}${Math.floor(i / 400) % 10}${letters[Math.floor(i / 20) % 20]}${letters[i % 20]},486137,308843,52.670462,-0.727611,10,E06000017,E05001815,E00069606,E01013799,point_in_polygon\n`).join('');
  const pad = 'ZZ991ZZ,486137,308843,52.670462,-0.727611,10,E06000017,E05001815,E00999999,E01999999,point_in_polygon\n';
  const data = Buffer.concat([readFileSync(RUTLAND + 'postcodes_codepoint_open.csv'), Buffer.from(kept), Buffer.from(pad.repeat(20_000))]);
  /** How many descriptors of this process point at the file now (Linux). */
  const openCount = (file: string) => readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`) === file;
    } catch {
      return false; // closed while listed
    }
  }).length;
  beforeAll(async () => {
    const p = newProject(tmp.dir, 'base.gpkg');
    await importBoundaries(p, RUTLAND + 'oa11_boundaries.geojson', { level: 'OA', codeField: 'OA11CD' });
    base = p.path;
    p.close();
  }, 60_000);
  afterAll(() => tmp.cleanup());

  const rows = (path: string) => {
    const p = openProject(path);
    try {
      return p.db.prepare('SELECT * FROM cgm_postcodes ORDER BY postcode').raw().all();
    } finally {
      p.close();
    }
  };

  it('through the import worker (which starts the writer thread for a file this size) gives the table the write at the end gives', async () => {
    expect(data.length).toBeGreaterThanOrEqual(POSTCODE_WRITE_THREAD.minBytes);
    const inWorker = join(tmp.dir, 'worker.gpkg');
    copyFileSync(base, inWorker);
    const real = realpathSync(inWorker);
    let mostOpen = 0;
    const watch = setInterval(() => { mostOpen = Math.max(mostOpen, openCount(real)); }, 2);
    const summary = await runImportInWorker(inWorker, { name: 'postcodes_big.csv', data: new Uint8Array(data) }, { fileId: 'x', kind: 'postcodes', options: {} }, {}).finally(() => clearInterval(watch));
    expect(mostOpen).toBe(2);
    const here = join(tmp.dir, 'here.gpkg');
    copyFileSync(base, here);
    const minBytes = POSTCODE_WRITE_THREAD.minBytes;
    POSTCODE_WRITE_THREAD.minBytes = Infinity;
    try {
      const p = openProject(here);
      const expected = await importPostcodes(p, { name: 'postcodes_big.csv', data: new Uint8Array(data) });
      p.close();
      expect(summary).toEqual(expected);
    } finally {
      POSTCODE_WRITE_THREAD.minBytes = minBytes;
    }
    expect(summary).toMatchObject({ imported: 1207 + 72_000, rejected: { 'outside study area': 20_000 } });
    expect(72_000).toBeGreaterThan(POSTCODE_WRITE_THREAD.batchRows);
    expect(rows(inWorker)).toEqual(rows(here));
  }, 120_000);
});
