// While a large import runs, the browser-mode server still answers (issue 18):
// the importer works in a worker thread, so a cheap request is never queued
// behind it. The file is big enough that the import takes well over the
// bound below, so an import on the server's own thread would fail this test.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startBrowserServer, type BrowserServer } from '../../electron/server/browser-server';
import { createHandlers } from '../../electron/services/handlers';
import { ProjectSession } from '../../electron/services/project-session';
import { createProject } from '../../electron/store/project';
import { syntheticAreas } from '../../bench/recolour/synthetic-areas';
import { apiClient } from '../support/api-client';

/** The longest any one answer may take while the import runs (a blocked server takes the import's whole length). */
const BOUND_MS = 1000;
/** Issue 18: any other request answered in under 100 ms while a national import runs; the median, as a loaded machine's scheduler may delay one. */
const MEDIAN_MS = 100;
// 160,000: at 80,000 a quiet machine imported in under 2 s once the boundary import lost its page faults.
const AREAS = 160_000;

const dir = mkdtempSync(join(tmpdir(), 'cgm-responsive-'));
let session: ProjectSession;
let server: BrowserServer;

const { call } = apiClient(() => server);

beforeAll(async () => {
  const path = join(dir, 'national.gpkg');
  createProject(path).close();
  session = new ProjectSession(path);
  server = await startBrowserServer({ handlers: createHandlers(session), staticDir: dir });
});

afterAll(async () => {
  await server?.close();
  session?.close();
  rmSync(dir, { recursive: true, force: true });
});

it(`answers getProjectInfo within ${MEDIAN_MS} ms (median) all through a large boundary import`, async () => {
  const fc = syntheticAreas(AREAS);
  const bytes = Buffer.from(JSON.stringify({ type: 'FeatureCollection', features: fc.features.map((f) => ({ ...f, properties: { code: f.properties!.code } })) }));
  const { uploadId, chunkBytes } = await call('beginImportUpload', { name: 'oa.geojson', size: bytes.length });
  for (let offset = 0; offset < bytes.length; offset += chunkBytes) {
    await call('putImportChunk', { uploadId, part: 'main', offset, dataBase64: bytes.subarray(offset, offset + chunkBytes).toString('base64') });
  }
  const staged = await call('finishImportUpload', { uploadId });

  const started = performance.now();
  let finished = 0;
  const importing = call('runImport', { fileId: staged.fileId, kind: 'boundaries', options: { level: 'OA', codeField: 'code' } }).finally(() => (finished = performance.now()));
  const latencies: number[] = [];
  while (!finished) {
    const t = performance.now();
    const info = await call('getProjectInfo', {});
    if (!finished) latencies.push(performance.now() - t);
    expect(info.path).toContain('national.gpkg');
    await new Promise((r) => setTimeout(r, 20));
  }
  const summary = await importing;
  expect(summary.imported).toBe(AREAS);
  const importMs = finished - started;
  // The test can only fail for a blocked server if the import outlasts the bound well over.
  expect(importMs).toBeGreaterThan(2 * BOUND_MS);
  latencies.sort((a, b) => a - b);
  const median = latencies[Math.floor(latencies.length / 2)];
  const max = latencies[latencies.length - 1];
  console.log(`import ${Math.round(importMs)} ms; getProjectInfo during it: ${latencies.length} answers, median ${median.toFixed(1)} ms, max ${max.toFixed(1)} ms`);
  // Without the worker: one answer, after the whole import (6.3 s here); so max first, then that it kept answering.
  expect(max).toBeLessThan(BOUND_MS);
  expect(median).toBeLessThan(MEDIAN_MS);
  expect(latencies.length).toBeGreaterThan(5);
  // And the project the server reads afterwards has the new level.
  expect((await call('getProjectInfo', {})).levels.map((l: { level: string }) => l.level)).toEqual(['OA']);
}, 600_000);
