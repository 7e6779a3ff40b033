// getAreaColumns on real Rutland, through browser mode's binary frame, the
// contract's schema and the renderer's decoding: the areas the renderer holds
// are the ones getAreaLayer's JSON gave (properties, ids, shapes), and they
// hold the files' own figures: TS001's residents, OAC's supergroups, the
// LSOA boundary file's names.
import { readFileSync } from 'node:fs';
import type { Feature } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../electron/services/handlers';
import { ProjectSession } from '../../electron/services/project-session';
import { startBrowserServer, type BrowserServer } from '../../electron/server/browser-server';
import { AreaColumnsSchema } from '../../shared/contract/area-columns';
import { AreaGeometrySchema } from '../../shared/contract/area-geometry';
import { BINARY_FRAME_TYPE, decodeFrame } from '../../shared/contract/binary-frame';
import { areasFromColumns } from '../../renderer/src/project/area-geometry';
import { buildRutland, OAC, oac, readRutlandCsv, rutlandFile, type RutlandProject } from '../support/rutland-project';
import { apiClient } from '../support/api-client';

let rutland: RutlandProject;
let session: ProjectSession;
let server: BrowserServer;

beforeAll(async () => {
  rutland = await buildRutland({ postcodes: false, sites: false });
  rutland.project.close();
  session = new ProjectSession(rutland.path);
  server = await startBrowserServer({ handlers: createHandlers(session), staticDir: rutland.dir });
}, 120_000);

afterAll(async () => {
  await server?.close();
  session?.close();
  rutland?.cleanup();
});

const client = apiClient(() => server);
async function post(method: string, body: unknown): Promise<Response> {
  const res = await client.post(method, body);
  expect(res.status).toBe(200);
  return res;
}

/** The areas as the renderer builds them from the two binary answers. */
async function rendererAreas(input: { level: string; scheme?: string; segmentLevel?: string }) {
  const res = await post('getAreaColumns', input);
  expect(res.headers.get('content-type')).toBe(BINARY_FRAME_TYPE);
  const columns = AreaColumnsSchema.parse(decodeFrame(await res.arrayBuffer()));
  const geometry = AreaGeometrySchema.parse(decodeFrame(await (await post('getAreaGeometry', { level: input.level })).arrayBuffer()));
  return areasFromColumns(columns, geometry);
}

/** getAreaLayer's JSON features, as the renderer read them before. */
async function jsonAreas(input: { level: string; scheme?: string; segmentLevel?: string; geometry?: boolean }): Promise<Feature[]> {
  return ((await (await post('getAreaLayer', input)).json()) as { features: Feature[] }).features;
}

describe('area columns on Rutland', () => {
  for (const input of [{ level: 'OA', scheme: OAC, segmentLevel: 'supergroup' }, { level: 'OA', scheme: OAC }, { level: 'LSOA', scheme: OAC, segmentLevel: 'group' }, { level: 'LSOA' }]) {
    it(`gives the properties and ids getAreaLayer's JSON gives (${JSON.stringify(input)})`, async () => {
      const areas = await rendererAreas(input);
      const json = await jsonAreas({ ...input, geometry: false });
      expect(areas.features.map((f) => f.properties)).toEqual(json.map((f) => f.properties));
      expect(areas.features.map((f) => f.id)).toEqual(json.map((f) => f.id));
      expect(areas.features.length).toBe(input.level === 'OA' ? 116 : 23);
    });
  }

  it('holds the files’ own figures: residents, supergroups and LSOA names', async () => {
    const oas = await rendererAreas({ level: 'OA', scheme: OAC, segmentLevel: 'supergroup' });
    const residents = new Map(readRutlandCsv('population_census2021_ts001_by_oa.csv').map((r) => [r.oa_code, Number(r.usual_residents)]));
    const supergroup = new Map(oac().map((r) => [r.oa_code, r.supergroup]));
    // The boundaries are 2011 OAs: one the 2021 files do not list has no figures (null, as JSON gives it).
    for (const f of oas.features) {
      expect(f.properties?.population).toBe(residents.get(String(f.properties?.code)) ?? null);
      expect(f.properties?.segment).toBe(supergroup.get(String(f.properties?.code)) ?? null);
    }
    expect(oas.features.filter((f) => f.properties?.population !== null).length).toBeGreaterThan(100);
    // An LSOA's residents are its OAs' (the boundary file names each OA's LSOA): the county's total.
    const lsoas = await rendererAreas({ level: 'LSOA' });
    const total = oas.features.reduce((s, f) => s + (residents.get(String(f.properties?.code)) ?? 0), 0);
    expect(total).toBeGreaterThan(35_000);
    expect(lsoas.features.reduce((s, f) => s + (f.properties?.population as number), 0)).toBe(total);
    const file = JSON.parse(readFileSync(rutlandFile('lsoa11_boundaries.geojson'), 'utf8')) as { features: Feature[] };
    const named = new Map(file.features.map((f) => [f.properties?.LSOA11CD as string, f.properties?.LSOA11NM as string]));
    expect(lsoas.features.map((f) => f.properties?.name)).toEqual(lsoas.features.map((f) => named.get(String(f.properties?.code))));
    expect(named.get('E01013788')).toBe('Rutland 001A');
  });

  it('draws each area’s shape from the arrays as the GeoJSON had it, carried by a structured clone (maplibre’s setData)', async () => {
    const areas = await rendererAreas({ level: 'OA' });
    const json = await jsonAreas({ level: 'OA' });
    const asPolygons = (g: Feature['geometry']) => (g?.type === 'MultiPolygon' ? g.coordinates : g?.type === 'Polygon' ? [g.coordinates] : null);
    areas.features.forEach((f, i) => expect(asPolygons(f.geometry)).toEqual(asPolygons(json[i].geometry)));
    expect(Object.keys(areas.features[0])).toContain('geometry');
    const cloned = structuredClone(areas.features[5]);
    expect(asPolygons(cloned.geometry)).toEqual(asPolygons(json[5].geometry));
    // The properties stay the page's own to write (density, analysis values).
    areas.features[0].properties!.density = 1;
    expect(areas.features[0].properties?.density).toBe(1);
  });
});
