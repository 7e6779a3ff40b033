// Coordinates no map can hold, holes outside their area and header rows cut
// short: each refused with one error naming the file, the feature or row and
// the field, from the CLI (exit 1) and from the app (422 over browser mode).
// Every file is written here by hand; the expected messages are read off them.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserServer, type BrowserServer } from '../../electron/server/browser-server';
import { createHandlers } from '../../electron/services/handlers';
import { ProjectSession } from '../../electron/services/project-session';
import { createProject } from '../../electron/store/project';
import { runCli } from '../cli/capture';
import { count, sha256, tempDir } from './helpers';
import { apiClient } from '../support/api-client';

const square = (x: number, y: number, d = 0.01) => [[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]];
const area = (code: string, ...rings: number[][][]) => ({ type: 'Feature', properties: { code }, geometry: { type: 'Polygon', coordinates: rings } });
const collection = (features: unknown[], crs?: string) =>
  JSON.stringify({ type: 'FeatureCollection', ...(crs ? { crs: { type: 'name', properties: { name: crs } } } : {}), features });
const OAKHAM = [-0.73, 52.67];
const sites = (coordinates: unknown) => JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: 'Clinic' }, geometry: { type: 'Point', coordinates } }] });
// A header of `columns` 1,000-character names with the count column at its far end, and 31 areas of 1 person each.
const wideHeader = (columns: number) => ['oa_code', ...Array.from({ length: columns }, (_, i) => `c${String(i).padStart(999, '0')}`), 'n'].join(',');
const wideCsv = (columns: number) =>
  [wideHeader(columns), ...Array.from({ length: 31 }, (_, i) => `E000695${String(i).padStart(2, '0')},${','.repeat(columns)}1`)].join('\n') + '\n';

type Case = { file: string; text: string; kind: 'boundaries' | 'sites' | 'population'; message: string };
const CASES: Case[] = [
  { file: 'huge.geojson', kind: 'boundaries', text: collection([area('A', square(OAKHAM[0], OAKHAM[1])), area('B', square(OAKHAM[0], OAKHAM[1]))]).replace(`[${OAKHAM[0] + 0.01},${OAKHAM[1]}]`, '[1e999,52.67]'),
    message: 'huge.geojson feature 1: the geometry has a coordinate that is not a finite number' },
  { file: 'west.geojson', kind: 'boundaries', text: collection([area('A', square(OAKHAM[0], OAKHAM[1])), area('B', square(-200, 52.6))]),
    message: 'west.geojson feature 2 (code "B"): the geometry has longitude -200, outside -180..180' },
  { file: 'north.geojson', kind: 'boundaries', text: collection([area('A', square(OAKHAM[0], OAKHAM[1])), area('B', square(-0.7, 95))], 'urn:ogc:def:crs:OGC:1.3:CRS84'),
    message: 'north.geojson feature 2 (code "B"): the geometry has latitude 95, outside -90..90' },
  // The hole sits 0.2 degrees east of its area, wholly outside it.
  { file: 'hole.geojson', kind: 'boundaries', text: collection([area('A', square(OAKHAM[0], OAKHAM[1]), square(OAKHAM[0] + 0.2, OAKHAM[1], 0.005).reverse())]),
    message: 'hole.geojson feature 1 (code "A"): the geometry has a hole (ring 2 of part 1) outside its outer ring' },
  // The same hole in the second part of the third area, after areas of one and two parts: the part is counted within
  // its own area (the import gathers every area in one builder, whose part count runs on across areas).
  { file: 'hole-later.geojson', kind: 'boundaries', text: collection([area('A', square(OAKHAM[0], OAKHAM[1])),
    { type: 'Feature', properties: { code: 'B' }, geometry: { type: 'MultiPolygon', coordinates: [[square(OAKHAM[0] + 0.1, OAKHAM[1])], [square(OAKHAM[0] + 0.3, OAKHAM[1])]] } },
    { type: 'Feature', properties: { code: 'C' }, geometry: { type: 'MultiPolygon', coordinates: [[square(OAKHAM[0], OAKHAM[1] + 0.1)],
      [square(OAKHAM[0] + 0.1, OAKHAM[1] + 0.1), square(OAKHAM[0] + 0.3, OAKHAM[1] + 0.1, 0.005).reverse()]] } }]),
    message: 'hole-later.geojson feature 3 (code "C"): the geometry has a hole (ring 2 of part 2) outside its outer ring' },
  { file: 'site.geojson', kind: 'sites', text: JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: 'Clinic' }, geometry: { type: 'Point', coordinates: [0, 0] } }] }).replace('[0,0]', '[-0.73,1e999]'),
    message: 'site.geojson feature 1: the geometry has a coordinate that is not a finite number' },
  // Found by the fuzz harness (test/fuzz/README.md): each reached the app as a TypeError or RangeError (a 500).
  { file: 'bare.geojson', kind: 'boundaries', text: collection([area('A', square(OAKHAM[0], OAKHAM[1])), area('B', square(-0.7, 52.6))]).replace('[-0.7,52.6]', '5'),
    message: 'bare.geojson feature 2, field "coordinates": not the positions of a Polygon (each position is an array of two numbers, longitude and latitude or x and y)' },
  { file: 'gap.geojson', kind: 'boundaries', text: collection([area('A', square(OAKHAM[0], OAKHAM[1]))]).replace('"coordinates":', '"cordinates":'),
    message: 'gap.geojson feature 1, field "coordinates": not the positions of a Polygon (each position is an array of two numbers, longitude and latitude or x and y)' },
  // 20,000 nested arrays as the area code: String() recursed once per level.
  { file: 'deep.geojson', kind: 'boundaries', text: collection([area('A', square(OAKHAM[0], OAKHAM[1]))]).replace('"A"', '['.repeat(20000) + ']'.repeat(20000)),
    message: 'deep.geojson feature 1, field "code": the value is an array or object that cannot be read as text (nested too deeply?)' },
  { file: 'deep-site.geojson', kind: 'sites', text: sites([-0.73, 52.67]).replace('"Clinic"', '['.repeat(20000) + ']'.repeat(20000)),
    message: 'deep-site.geojson feature 1, field "name": the value is an array or object that cannot be read as text (nested too deeply?)' },
  // The fuzz harness's replay of boundaries-geojson and sites-geojson, seed 20: the root "type" itself nested 20,000 deep.
  { file: 'deep-type.geojson', kind: 'sites', text: `{"type":${'['.repeat(20000) + ']'.repeat(20000)},"features":[]}`,
    message: 'deep-type.geojson: expected a GeoJSON FeatureCollection, found "(an array or object too deeply nested to show)"' },
  // The replay of sites-geojson, seed 1, input 284: a deleted chunk left a geometry whose type is no geometry type.
  { file: 'poi.geojson', kind: 'sites', text: sites([-0.73, 52.67]).replace('"type":"Point"', '"type":"Poi=hospital"'),
    message: 'poi.geojson feature 1, field "type": "Poi=hospital" is not a GeoJSON geometry type' },
  { file: 'nested.geojson', kind: 'sites', text: sites([-0.73, 52.67]).replace(/"geometry":(\{.*\})\}\]\}$/, (_, g) => `"geometry":${'{"type":"GeometryCollection","geometries":['.repeat(17)}${g}${']}'.repeat(17)}}]}`),
    message: 'nested.geojson feature 1, field "geometries": not a list of geometries (or collections nested over 16 deep)' },
  // A Point whose position is wrapped once more: its latitude was undefined and reached lat.toFixed.
  { file: 'wrapped-site.geojson', kind: 'sites', text: sites([[-0.73, 52.67]]),
    message: 'wrapped-site.geojson feature 1, field "coordinates": not the positions of a Point (each position is an array of two numbers, longitude and latitude or x and y)' },
  { file: 'text-site.geojson', kind: 'sites', text: sites([-0.73, '52.67']),
    message: 'text-site.geojson feature 1, field "coordinates": not the positions of a Point (each position is an array of two numbers, longitude and latitude or x and y)' },
  // 66 columns of 1,000 characters: a 66 KB header row.
  { file: 'wide.csv', kind: 'population', text: wideCsv(66),
    message: 'wide.csv row 1: the header row is longer than 64 KB (is this a table with one header row?)' },
];

const CLI_OPTIONS: Record<Case['kind'], string[]> = {
  boundaries: ['--level', 'OA', '--code-field', 'code'],
  sites: ['--service', 'Clinics', '--name-field', 'name'],
  population: ['--area-field', 'oa_code', '--count-field', 'n'],
};
const APP_OPTIONS: Record<Case['kind'], Record<string, string>> = {
  boundaries: { level: 'OA', codeField: 'code' },
  sites: { service: 'Clinics', nameField: 'name' },
  population: { areaField: 'oa_code', countField: 'n' },
};

const tmp = tempDir('cgm-bad-coords-');
const P = join(tmp.dir, 'p.gpkg');
let hash = '';
beforeAll(() => {
  createProject(P).close();
  for (const c of CASES) writeFileSync(join(tmp.dir, c.file), c.text);
  hash = sha256(P);
});
afterAll(() => tmp.cleanup());

describe('the CLI refuses them with one line', () => {
  it.each(CASES)('$file', async ({ file, kind, message }) => {
    const r = await runCli(['import', kind, '--project', P, '--file', join(tmp.dir, file), '--quiet', ...CLI_OPTIONS[kind]]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`cgm import ${kind}: ${message}\n`);
    expect(sha256(P)).toBe(hash);
  });
});

describe('the app refuses them with 422 and the same words', () => {
  let session: ProjectSession;
  let server: BrowserServer;
  const client = apiClient(() => server);
  const post = async (method: string, input: unknown) => {
    const res = await client.post(method, input);
    return { status: res.status, body: await res.json() };
  };
  beforeAll(async () => {
    session = new ProjectSession(P);
    server = await startBrowserServer({ handlers: createHandlers(session), staticDir: tmp.dir });
  });
  afterAll(async () => {
    await server.close();
    session.close();
  });

  it.each(CASES)('$file', async ({ file, kind, text, message }) => {
    const data = Buffer.from(text);
    const begun = await post('beginImportUpload', { name: file, size: data.length });
    await post('putImportChunk', { uploadId: begun.body.uploadId, part: 'main', offset: 0, dataBase64: data.toString('base64') });
    const staged = await post('finishImportUpload', { uploadId: begun.body.uploadId });
    // A CSV whose header cannot be read is refused already when it is described for the mapping step.
    const result = staged.status === 200 ? await post('runImport', { fileId: staged.body.fileId, kind, options: APP_OPTIONS[kind] }) : staged;
    expect(result).toEqual({ status: 422, body: { error: message } });
  });

  it('left the project as it was', () => {
    expect(count(session.project, "SELECT count(*) FROM gpkg_contents WHERE table_name LIKE 'area_%'")).toBe(0);
  });
});

describe('what is right still imports', () => {
  it('a hole inside its area, and a 62 KB header row', async () => {
    const lake = join(tmp.dir, 'lake.geojson');
    writeFileSync(lake, collection([area('A', square(OAKHAM[0], OAKHAM[1]), square(OAKHAM[0] + 0.003, OAKHAM[1] + 0.003, 0.002).reverse())]));
    const b = await runCli(['import', 'boundaries', '--project', P, '--file', lake, '--quiet', ...CLI_OPTIONS.boundaries]);
    expect(b.stderr).toBe('');
    expect(JSON.parse(b.stdout)).toMatchObject({ imported: 1 });
    const wide = join(tmp.dir, 'wide-ok.csv');
    writeFileSync(wide, wideCsv(62));
    // A project of its own: with the lake imported, these area codes would match no boundary.
    const fresh = join(tmp.dir, 'fresh.gpkg');
    createProject(fresh).close();
    const pop = await runCli(['import', 'population', '--project', fresh, '--file', wide, '--quiet', ...CLI_OPTIONS.population]);
    expect(pop.stderr).toBe('');
    expect(JSON.parse(pop.stdout)).toMatchObject({ rowsRead: 31, details: { total: 31 } });
  });
});
