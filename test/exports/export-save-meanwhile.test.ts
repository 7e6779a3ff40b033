// An analyst saves an edit while a national export is being written in a worker
// thread (issue 18). The project file uses SQLite's rollback journal, so a
// commit waits until no reader holds the file's shared lock: an export that
// read a whole level in one statement held it for seconds, and the save waited
// (up to the 5 s busy timeout, then "database is locked"). The exports read in
// short statements (gpkg-features.ts), so the save waits at most one of them;
// and an export that another connection committed to while it read is read
// again, or refused, never a mix of two states (store/unchanged-read.ts).
// Synthetic Output Areas with 40 vertices each: reading the level's geometry
// takes seconds under this machine's load.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type * as GeoJSON from 'geojson';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { nationalProject } from '../../bench/national/project';
import { dispatch } from '../../electron/services/dispatch';
import { createHandlers } from '../../electron/services/handlers';
import { ProjectSession } from '../../electron/services/project-session';
import { quietContext } from '../support/handler-call';

const AREAS = 60_000;
const VERTICES = 40;
/** A save made while the export reads answers within this (it waits for one short read at most). */
const PROMPT_MS = 200;

const dir = mkdtempSync(join(tmpdir(), 'cgm-export-save-'));
let session: ProjectSession;
let path = '';
const ctx = quietContext();
const exportAreas = () =>
  dispatch(createHandlers(session), 'exportLayer', { layer: 'area_oa' }, ctx).then((f) => JSON.parse(Buffer.from((f as { dataBase64: string }).dataBase64, 'base64').toString('utf8')) as GeoJSON.FeatureCollection);
let before: GeoJSON.FeatureCollection;

beforeAll(async () => {
  ({ path } = await nationalProject(dir, AREAS, VERTICES));
  session = new ProjectSession(path);
  // The worker thread starts (and compiles its sources) on the first export: not what is measured.
  before = await exportAreas();
  expect(before.features).toHaveLength(AREAS);
}, 600_000);

afterAll(() => {
  session?.close();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * Resolves true once another connection is seen reading the file: three probes in a row (or
 * twenty in all) find a reader holding the file's shared lock, so a save now waits for the rest
 * of that read. A probe takes the exclusive lock and lets it go at once, writing nothing (so no
 * reader sees a commit); it fails while any reader holds the shared lock.
 */
async function readerSeen(until: Promise<unknown>): Promise<boolean> {
  const probe = new Database(path, { timeout: 0 });
  let over = false;
  void until.finally(() => (over = true));
  try {
    for (let seen = 0, inRow = 0; !over; ) {
      try {
        probe.exec('BEGIN EXCLUSIVE');
        probe.exec('ROLLBACK');
        inRow = 0;
      } catch (error) {
        if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw error;
        if (++inRow === 3 || ++seen === 20) return true;
      }
      await new Promise((r) => setTimeout(r, 1));
    }
    return false;
  } finally {
    probe.close();
  }
}

/** The main thread's save of the project's name, timed. */
function save(name: string): number {
  const t = performance.now();
  session.project.db.prepare("UPDATE cgm_meta SET value = ? WHERE key = 'name'").run(name);
  return performance.now() - t;
}

it(`saves within ${PROMPT_MS} ms while a ${AREAS.toLocaleString('en-GB')}-area layer is exported in a worker, and the file is whole`, async () => {
  const exporting = exportAreas();
  // While the export reads the level, the analyst saves.
  expect(await readerSeen(exporting)).toBe(true);
  const ms = save('renamed while exporting');
  const after = await exporting;
  console.log(`the save took ${ms.toFixed(1)} ms`);
  expect(ms).toBeLessThan(PROMPT_MS);
  // The save changed nothing the layer holds: the same features, in the same order, as before.
  expect(after).toEqual(before);
}, 600_000);

it('never writes a mix of the project before and after an edit made while it reads', async () => {
  const db = session.project.db;
  const exporting = exportAreas();
  expect(await readerSeen(exporting)).toBe(true);
  // Names for the first area and the last in one commit: the export reads the first long before the last.
  db.prepare("UPDATE area_oa SET name = 'edited' WHERE fid IN (1, ?)").run(AREAS);
  const after = await exporting;
  const names = [after.features[0], after.features[AREAS - 1]].map((f) => f.properties?.name);
  // Read again after the edit: both edited (or, had the edit landed after the reading, neither).
  expect(names[0]).toBe(names[1]);
  expect(after.features).toHaveLength(AREAS);
}, 600_000);

it('refuses, saying why, when the project is saved again and again while it reads', async () => {
  const exporting = exportAreas().then(() => null, (e: Error) => e);
  let saves = 0;
  let settled = false;
  void exporting.then(() => (settled = true));
  while (!settled) {
    save(`save ${++saves}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  const error = await exporting;
  expect(saves).toBeGreaterThan(3);
  expect(error?.message).toMatch(/saved while .* was being read/);
}, 600_000);
