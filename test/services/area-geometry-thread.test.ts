// The first open of a project whose map arrays are not cached yet (a national
// project made before the cache, schema 9): getAreaGeometry, as the app calls
// it, has the arrays built from the blobs and written into the project by a
// worker thread (analysis-thread.ts), so the main thread neither triangulates
// the level nor writes ~60 MB; its answer is what the main thread would have
// built, and the next call comes from memory. A read-only file is left alone
// (area-geometry-cache.test.ts).
import type { Position } from 'geojson';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { AreaGeometry } from '../../shared/contract/area-geometry';
import type { CallContext } from '../../shared/contract';
import { importBoundaries } from '../../electron/importers/index';
import { areaGeometry } from '../../electron/services/area-geometry';
import { dispatch } from '../../electron/services/dispatch';
import { createHandlers } from '../../electron/services/handlers';
import { ProjectSession } from '../../electron/services/project-session';
import * as flatRead from '../../electron/store/gpkg-flat-read';
import { createProject, openProjectReadOnly } from '../../electron/store/project';
import { scratchDir } from '../store/helpers';

// Counts the blob reads made on this (the main) thread; the worker loads the module afresh, uncounted.
vi.mock('../../electron/store/gpkg-flat-read', async (original) => {
  const real = await original<typeof import('../../electron/store/gpkg-flat-read')>();
  return { ...real, readFlatPolygons: vi.fn(real.readFlatPolygons) };
});
const blobReadsHere = () => vi.mocked(flatRead.readFlatPolygons).mock.calls.length;

const square = (x: number, y: number, s: number): Position[] => [[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]];
const boundaries = {
  name: 'areas.geojson',
  data: new TextEncoder().encode(
    JSON.stringify({
      type: 'FeatureCollection',
      features: [['A', 0], ['B', 2], ['C', 4]].map(([code, x]) => ({ type: 'Feature', properties: { code }, geometry: { type: 'Polygon', coordinates: [square(x as number, 50, 1)] } })),
    }),
  ),
};

let scratch: ReturnType<typeof scratchDir>;
beforeEach(() => (scratch = scratchDir()));
afterEach(() => scratch.remove());

it('builds and stores the arrays a project lacks in a worker thread, answering what the main thread would build', async () => {
  const file = scratch.file('p.gpkg');
  const made = createProject(file);
  await importBoundaries(made, boundaries, { level: 'OA', codeField: 'code' });
  made.db.prepare('DELETE FROM cgm_area_geometry_cache').run();
  made.close();
  // What the main thread builds from the blobs, on a connection that cannot store it.
  const reader = openProjectReadOnly(file);
  const expected = areaGeometry(reader.db, 'OA');
  reader.close();
  vi.mocked(flatRead.readFlatPolygons).mockClear();

  const session = new ProjectSession(file);
  try {
    const { db } = session.project;
    const commitsByOthers = () => db.pragma('data_version', { simple: true }) as number;
    const before = commitsByOthers();
    const said: string[] = [];
    const ctx: CallContext = { progress: (m) => said.push(m), signal: new AbortController().signal };
    const got = (await dispatch(createHandlers(session), 'getAreaGeometry', { level: 'OA' }, ctx)) as AreaGeometry;
    // Built elsewhere: this thread read no blob, and the cache rows were committed by another connection (the worker's).
    expect(blobReadsHere()).toBe(0);
    expect(said).toEqual(['Reading the areas’ shapes']);
    expect(commitsByOthers()).not.toBe(before);
    expect(db.prepare("SELECT count(*) FROM cgm_area_geometry_cache WHERE level = 'OA'").pluck().get()).toBe(6);
    expect(got.codes).toEqual(['A', 'B', 'C']);
    for (const part of ['positions', 'polygonStarts', 'polygonArea', 'ringStarts', 'polygonRings', 'triangles'] as const) {
      expect(got[part]).toBeInstanceOf(expected[part].constructor);
      expect([...got[part]], part).toEqual([...expected[part]]);
    }
    expect(got.bbox).toEqual([0, 50, 5, 51]);
    // Asked again: from memory, with no job and no blob read.
    said.length = 0;
    await dispatch(createHandlers(session), 'getAreaGeometry', { level: 'OA' }, ctx);
    expect(said).toEqual([]);
    expect(blobReadsHere()).toBe(0);
  } finally {
    session.close();
  }
}, 120_000);

it('builds once for two asks at the same time, and stores the build though the first ask was cancelled (a page reloaded mid-open)', async () => {
  // 40,000 squares: a build that takes a moment in the worker, long enough to be asked twice and cancelled meanwhile.
  const many = {
    name: 'many.geojson',
    data: new TextEncoder().encode(
      JSON.stringify({
        type: 'FeatureCollection',
        features: Array.from({ length: 40_000 }, (_, i) => ({ type: 'Feature', properties: { code: `A${i}` }, geometry: { type: 'Polygon', coordinates: [square((i % 200) * 0.01, 50 + Math.floor(i / 200) * 0.01, 0.005)] } })),
      }),
    ),
  };
  const file = scratch.file('p.gpkg');
  const made = createProject(file);
  await importBoundaries(made, many, { level: 'OA', codeField: 'code' });
  made.db.prepare('DELETE FROM cgm_area_geometry_cache').run();
  made.close();
  const session = new ProjectSession(file);
  try {
    const { db } = session.project;
    const said: string[] = [];
    const ask = (signal: AbortSignal) => dispatch(createHandlers(session), 'getAreaGeometry', { level: 'OA' }, { progress: (m) => said.push(m), signal });
    const reloaded = new AbortController();
    const first = ask(reloaded.signal);
    const second = ask(new AbortController().signal);
    await vi.waitFor(() => expect(said.length).toBeGreaterThan(0), { interval: 5 });
    reloaded.abort();
    const got = (await second) as AreaGeometry;
    await first.catch(() => {});
    expect(said).toEqual(['Reading the areas’ shapes']);
    expect(got.codes).toHaveLength(40_000);
    expect(db.prepare("SELECT count(*) FROM cgm_area_geometry_cache WHERE level = 'OA'").pluck().get()).toBe(6);
  } finally {
    session.close();
  }
}, 120_000);
