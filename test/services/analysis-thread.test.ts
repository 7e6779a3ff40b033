// The analyses and non-PNG exports the app now runs in worker threads
// (electron/services/analysis-thread.ts) answer exactly what the same handlers
// answer run here, on the demo project: the same JSON for every analysis, the
// same bytes for every file (a GeoPackage: the same rows, its write time aside),
// and the same error kinds and messages, through
// the real dispatch (input and output validated).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallContext } from '../../shared/contract';
import { ANALYSIS_METHODS, EXPORT_METHODS, threadedHandlers } from '../../electron/services/analysis-worker';
import { analysisThreadIds } from '../../electron/services/analysis-thread';
import { dispatch, RequestError } from '../../electron/services/dispatch';
import { exportHandlers } from '../../electron/services/export-handlers';
import { createHandlers } from '../../electron/services/handlers';
import { ProjectSession } from '../../electron/services/project-session';
import { cgm } from '../exports/demo-exports';
import { importAssignments, importSegments } from '../../electron/importers/index';
import { InputError } from '../../shared/errors';

const dir = mkdtempSync(join(tmpdir(), 'cgm-analysis-thread-'));
let session: ProjectSession;
let said: string[] = [];
const ctx: CallContext = { progress: (m) => said.push(m), signal: new AbortController().signal };
/** As the app calls them: the long ones in worker threads. */
const threaded = (method: string, input: unknown) => dispatch(createHandlers(session), method, input, ctx);
/** The same handlers run here, on the main thread (as before this change). */
const here = (method: string, input: unknown) => dispatch({ ...createHandlers(session), ...threadedHandlers(session), ...exportHandlers(session) }, method, input, ctx);

let service = '', indicator = '', scheme = '', by = '';
beforeAll(async () => {
  const path = join(dir, 'demo.gpkg');
  expect((await cgm('demo', '--project', path, '--force')).code).toBe(0);
  session = new ProjectSession(path);
  const info = (await here('getProjectInfo', {})) as { services: string[]; indicators: string[]; schemes: { name: string }[] };
  [service, indicator, scheme] = [info.services[0], info.indicators[0], info.schemes[0].name];
  // A second scheme to cross the segments by (the demo holds no IMD): every other OA in "A", the rest in "B".
  const codes = session.project.db.prepare('SELECT code FROM area_oa ORDER BY code').pluck().all() as string[];
  writeFileSync(join(dir, 'halves.csv'), 'code,name,level\nA,First,half\nB,Second,half\n');
  writeFileSync(join(dir, 'halves-by-oa.csv'), ['oa_code,half', ...codes.map((c, i) => `${c},${'AB'[i % 2]}`)].join('\n'));
  await importSegments(session.project, join(dir, 'halves.csv'), { scheme: 'Halves' });
  await importAssignments(session.project, join(dir, 'halves-by-oa.csv'), { scheme: 'Halves', areaField: 'oa_code', segmentField: 'half' });
  by = 'Halves';
  expect(((await here('getAreaContext', {})) as { crosstabBy: string[] }).crosstabBy).toContain(by);
  await here('saveBaseline', { name: 'before', service, indicator, scheme });
}, 120_000);
afterAll(() => {
  session?.close();
  rmSync(dir, { recursive: true, force: true });
});

const requests = (): [string, unknown][] => [
  ['getAreaAnalysis', { service, indicator, mode: 'walk' }],
  ['getAreaAnalysis', { service, indicator, mode: 'drive', presentation: true }],
  ['getProfile', { service, scheme }],
  ['getScenarioAnalysis', { service, indicator, includeProposed: true }],
  ['getStrata', { service, indicator }],
  ['getUserHexbins', { service, hexMetres: 300 }],
  ['getFunnelPlot', { service, indicator }],
  ['getCrosstab', { service, scheme, by }],
  ['getAccessCoverage', { service, mode: 'walk' }],
  ['getBaselineReview', { name: 'before' }],
  ['suggestSites', { service, indicator, mode: 'walk', minutes: 10, k: 2 }],
  ['exportTable', { table: 'profile', scheme }],
  ['exportTable', { table: 'bands', scheme }],
  ['exportTable', { table: 'gaps', scheme, level: 'LSOA' }],
  ['exportTable', { table: 'strata', scheme }],
  ['exportLayer', { layer: 'gaps_lsoa', scheme }],
  ['exportLayer', { layer: 'area_oa' }],
  ['exportGeoPackage', { layers: ['area_lsoa', 'gaps'], scheme }],
  ['exportCrosstab', { service, scheme, by }],
  ['exportReview', { name: 'before', table: 'changes' }],
  ['exportSuggestions', { service, indicator, mode: 'walk', minutes: 10, k: 2 }],
  ['exportReport', { format: 'html', scheme }],
];

/**
 * Every row of every table of a downloaded GeoPackage: two exports of the same layers differ in
 * bytes only by gpkg_contents.last_change, the moment each was written (a GeoPackage requires it).
 */
function gpkgRows(file: unknown): Record<string, unknown[]> {
  const { dataBase64 } = file as { dataBase64: string };
  const path = join(dir, `check-${Math.random().toString(36).slice(2)}.gpkg`);
  writeFileSync(path, Buffer.from(dataBase64, 'base64'));
  const db = new Database(path, { readonly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];
    return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT * FROM "${t}"`).all().map((r) => (t === 'gpkg_contents' ? { ...(r as object), last_change: null } : r))]));
  } finally {
    db.close();
  }
}

describe('threaded analyses and exports', () => {
  it('cover every threaded method in this test', () => {
    expect(new Set(requests().map(([m]) => m))).toEqual(new Set([...ANALYSIS_METHODS.filter((m) => m !== 'getPeriodReview'), ...EXPORT_METHODS, 'exportReport']));
  });

  it('answer what the handlers answer on the main thread, byte for byte, with progress', async () => {
    for (const [method, input] of requests()) {
      said = [];
      const got = await threaded(method, input);
      expect(said.length, method).toBeGreaterThan(0);
      const expected = await here(method, input);
      if (method === 'exportGeoPackage') expect(gpkgRows(got), method).toEqual(gpkgRows(expected));
      else expect(JSON.stringify(got), `${method} ${JSON.stringify(input)}`).toBe(JSON.stringify(expected));
    }
    // Both runs really differed in where they ran: the threads exist.
    expect(analysisThreadIds().length).toBeGreaterThan(0);
  }, 600_000);

  it('fail with the same kinds and messages', async () => {
    const wrong: [string, unknown][] = [
      ['getProfile', { service: 'nope', scheme }],
      ['exportTable', { table: 'gaps', indicator: 'nope' }],
      ['exportLayer', { layer: 'no_such_layer' }],
      ['exportReview', { name: 'never saved', table: 'changes' }],
      ['getPeriodReview', { service, indicator, scheme, periods: ['1999-01', '1999-02'] }],
      // An ImportError (a kind of InputError): the analyst's file to fix, answered 422, not 500.
      ['suggestSites', { service, indicator, mode: 'walk', minutes: 10, k: 2, candidates: { name: 'mine.csv', text: 'name,lat,lon\nHall,52.1,-0.5\nBarn,ninety,-0.5\n' } }],
    ];
    for (const [method, input] of wrong) {
      const a = await threaded(method, input).then(() => null, (e: Error) => e);
      const b = await here(method, input).then(() => null, (e: Error) => e);
      expect(b, method).toBeInstanceOf(Error);
      // A kind of InputError comes back as an InputError by its own name: the transports answer by kind.
      if (b instanceof InputError) expect(a, method).toBeInstanceOf(InputError);
      else expect(a?.constructor, method).toBe(b?.constructor);
      expect(a?.name, method).toBe(b?.name);
      expect(a?.message, method).toBe(b?.message);
      if (b instanceof RequestError) expect((a as RequestError).status, method).toBe(b.status);
    }
  }, 600_000);
});
