// Every call that takes a name (level, layer, service, scheme, indicator,
// view...) and is given one the project does not have is the analyst's
// mistake: a 4xx naming what was wrong, never a 500, through the real server.
// So is a body nested too deeply for anything to walk it.
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoProject, DEMO_INDICATOR, DEMO_SCHEME, DEMO_SERVICE } from '../../data/demo/build-demo-project';
import { main } from '../../electron/cli/main';
import { startBrowserServer, type BrowserServer } from '../../electron/server/browser-server';
import { createHandlers } from '../../electron/services/handlers';
import { ProjectSession } from '../../electron/services/project-session';

const dir = mkdtempSync(join(tmpdir(), 'cgm-unknown-names-'));
let session: ProjectSession;
let server: BrowserServer;

function post(method: string, body: string): Promise<{ status: number; error: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1', port: server.port, path: `/api/${method}`, method: 'POST', agent: false,
        headers: { host: `127.0.0.1:${server.port}`, 'x-cgm-token': server.token, 'content-type': 'application/json' },
      },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, error: String(JSON.parse(text).error ?? '') }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

beforeAll(async () => {
  const path = join(dir, 'demo.gpkg');
  await buildDemoProject(path);
  session = new ProjectSession(path);
  server = await startBrowserServer({ handlers: createHandlers(session), staticDir: dir });
}, 120_000);

afterAll(async () => {
  await server?.close();
  session?.close();
  rmSync(dir, { recursive: true, force: true });
});

const service = DEMO_SERVICE;
const indicator = DEMO_INDICATOR;
const scheme = DEMO_SCHEME;
// [method, input, what the message must name]
const CASES: [string, Record<string, unknown>, RegExp][] = [
  ['getAreaLayer', { level: 'Ward' }, /Ward/],
  ['getAreaLayer', { level: 'OA', scheme: 'Mosaic' }, /Mosaic/],
  ['getAreaLayer', { level: 'OA', scheme, segmentLevel: 'type' }, /"type"/],
  ['getLayerFeatures', { table: 'pubs' }, /pubs/],
  ['getSegments', { scheme: 'Mosaic' }, /Mosaic/],
  ['getSites', { service: 'Dentist' }, /Dentist/],
  ['getAreaAnalysis', { service: 'Dentist', indicator }, /Dentist/],
  ['getAreaAnalysis', { service, indicator: 'Obesity' }, /Obesity/],
  ['getAreaAnalysis', { service, indicator, level: 'Ward' }, /Ward/],
  ['getProfile', { service: 'Dentist', scheme }, /Dentist/],
  ['getProfile', { service, scheme: 'Mosaic' }, /Mosaic/],
  ['getProfile', { service, scheme, segmentLevel: 'type' }, /"type"/],
  ['getIsochrones', { service: 'Dentist' }, /Dentist/],
  ['getUserHexbins', { service: 'Dentist' }, /Dentist/],
  ['getAccessCoverage', { service: 'Dentist' }, /Dentist/],
  ['getAccessCoverage', { service, level: 'Ward' }, /Ward/],
  ['getScenarioAnalysis', { service: 'Dentist', indicator, includeProposed: true }, /Dentist/],
  ['getScenarioAnalysis', { service, indicator: 'Obesity', includeProposed: true }, /Obesity/],
  ['getScenarioAnalysis', { service, indicator, level: 'Ward', includeProposed: true }, /Ward/],
  ['getStrata', { service: 'Dentist', indicator }, /Dentist/],
  ['getStrata', { service, indicator: 'Obesity' }, /Obesity/],
  ['getBandTable', { service: 'Dentist' }, /Dentist/],
  ['getBandTable', { service, indicator: 'Obesity' }, /Obesity/],
  ['getBandTable', { service, scheme: 'Mosaic' }, /Mosaic/],
  ['getBandTable', { service, scheme, segmentLevel: 'type' }, /"type"/],
  ['getFunnelPlot', { service: 'Dentist', indicator }, /Dentist/],
  ['getFunnelPlot', { service, indicator: 'Obesity' }, /Obesity/],
  ['getFunnelPlot', { service, indicator, level: 'Ward' }, /Ward/],
  ['exportTable', { table: 'gaps', service: 'Dentist' }, /Dentist/],
  ['exportTable', { table: 'gaps', indicator: 'Obesity' }, /Obesity/],
  ['exportTable', { table: 'profile', scheme: 'Mosaic' }, /Mosaic/],
  ['exportLayer', { layer: 'pubs' }, /pubs/],
  ['exportGeoPackage', { layers: ['area_oa', 'pubs'] }, /pubs/],
  ['exportReport', { format: 'html', service: 'Dentist' }, /Dentist/],
  ['exportPng', { view: 'Nowhere' }, /Nowhere/],
  ['exportPng', { view: 'Nowhere', size: '90000x10' }, /90000/],
  // Found by the print page itself (the layer catalogue is the renderer's): needs the built renderer and Chromium.
  ['exportPng', { layer: 'pubs', size: 'screen' }, /no layer "pubs"/],
  ['applyMoment', { moment: { proposedSites: { service: 'Dentist', sites: [] } } }, /Dentist/],
  ['applyMoment', { moment: { strata: { decide: [{ service, indicator, areaCode: 'E00000000', assigned: 'Priority' }] } } }, /E00000000/],
  ['applyMoment', { moment: { strata: { decide: [{ service: 'Dentist', indicator, areaCode: 'E00000000', assigned: 'Priority' }] } } }, /Dentist/],
];

describe('a name the project does not have', () => {
  it.each(CASES)('%s %j is refused as the analyst’s mistake, naming it', async (method, input, names) => {
    const res = await post(method, JSON.stringify(input));
    expect(res.status, res.error).toBeGreaterThanOrEqual(400);
    expect(res.status, res.error).toBeLessThan(500);
    expect(res.error).toMatch(names);
  });
});

describe('the same mistakes in the cgm CLI', () => {
  const p = () => ['--project', join(dir, 'demo.gpkg')];
  const CLI_CASES: [string[], RegExp][] = [
    [['profile', '--service', 'Dentist', '--scheme', scheme], /no service "Dentist"/],
    [['profile', '--service', service, '--scheme', 'Mosaic'], /"Mosaic"/],
    [['profile', '--service', service, '--scheme', scheme, '--level', 'type'], /"type"/],
    [['gaps', '--service', service, '--indicator', 'Obesity'], /"Obesity"/],
    [['gaps', '--service', 'Dentist', '--indicator', indicator], /"Dentist"/],
    [['strata', '--service', service, '--indicator', 'Obesity'], /"Obesity"/],
    [['bands', '--service', 'Dentist', '--mode', 'walk'], /"Dentist"/],
    [['isochrones', '--service', 'Dentist', '--mode', 'walk', '--minutes', '5', '--out', join(dir, 'x.geojson')], /"Dentist"/],
    [['review', '--service', service, '--indicator', indicator, '--scheme', scheme, '--compare', 'Spring'], /"Spring"/],
    [['export', 'csv', '--table', 'gaps', '--service', 'Dentist', '--out', join(dir, 'x.csv')], /"Dentist"/],
    [['export', 'geojson', '--layer', 'pubs', '--out', join(dir, 'x.geojson')], /"pubs"/],
  ];
  it.each(CLI_CASES)('cgm %j exits 1 with one line naming it', async (argv, names) => {
    let stdout = '';
    let stderr = '';
    const code = await main([...argv.slice(0, argv[0] === 'export' ? 2 : 1), ...p(), ...argv.slice(argv[0] === 'export' ? 2 : 1)], {
      stdout: (t) => (stdout += t),
      stderr: (t) => (stderr += t),
    });
    expect({ code, stdout }).toEqual({ code: 1, stdout: '' });
    expect(stderr).toMatch(names);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('a body nested deeper than any call needs', () => {
  // 100,000 levels: JSON.parse copes, but zod, JSON.stringify and the store recurse and overflow the stack.
  const deep = (open: string, close: string) => open.repeat(100_000) + close.repeat(100_000);
  it.each([
    ['saveView', `{"name":"v","payload":{"center":[0,0],"zoom":1,"visible":{},"extra":${deep('[', ']')}}}`],
    ['applyMoment', `{"moment":{"views":{"put":[{"name":"v","payload":{"center":[0,0],"zoom":1,"deep":${deep('{"a":', '}').replace('{"a":}', '{"a":1}')}}}]}}}`],
    ['getProjectInfo', deep('[', ']')],
  ])('%s is refused with 400 "request too deeply nested"', async (method, body) => {
    expect(await post(method, body)).toEqual({ status: 400, error: 'request too deeply nested' });
  });

  it('still takes a saved view nested as deeply as the app nests one', async () => {
    const res = await post('saveView', JSON.stringify({ name: 'v', payload: { center: [0, 0], zoom: 1, visible: { a: true }, layers: [{ style: { stops: [[0, '#fff']] } }] } }));
    expect(res).toEqual({ status: 200, error: '' });
  });
});
