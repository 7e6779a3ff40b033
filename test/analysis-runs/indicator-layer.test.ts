// Issue 19: each area indicator is a map layer with the same exports as the
// others. Real data: Rutland's Census 2021 TS045 car availability by OA and
// TS001 usual residents (the weights), from ../shared/data/uk/rutland.
//
// Hand-checked at LSOA (from the CSVs, as in area-indicators.test.ts):
//   E01013795: OAs E00069587 / 88 / 89 / 90, usual residents 117 / 374 / 323 / 313 = 1,127;
//     TS045 no_car 2 / 12 / 9 / 8 = 31; households 57 / 163 / 153 / 141 = 514;
//     share without a car, population-weighted:
//     (117 × 100·2/57 + 374 × 100·12/163 + 323 × 100·9/153 + 313 × 100·8/141) / 1,127
//     = (410.53 + 2,753.37 + 1,900.00 + 1,775.89) / 1,127 = 6.0690.
// The one decile file below is HAND-WRITTEN (two OAs), not real figures.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { requireTool } from '../support/requirements';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cgm, parseCsv } from './fixture';
import { buildRutland, rutlandFile } from '../support/rutland-project';
import { tempDir } from '../importers/helpers';
import { dispatch } from '../../electron/services/dispatch';
import { createHandlers } from '../../electron/services/handlers';
import { ProjectSession } from '../../electron/services/project-session';
import { quietContext } from '../support/handler-call';

const tmp = tempDir('cgm-indicator-layer-');
afterAll(() => tmp.cleanup());
const SHARE = 'households_without_car_pct';
let path: string;

beforeAll(async () => {
  const r = await buildRutland({ dir: tmp.dir, file: 'layer.gpkg', oac: false, postcodes: false, sites: false });
  path = r.path;
  r.project.close();
  const ts045 = await cgm('import', 'indicators', '--project', path, '--quiet', '--file', rutlandFile('car_availability_census2021_ts045_by_oa.csv'), '--area-field', 'oa_code', '--level', 'OA');
  expect(ts045.code, ts045.stderr).toBe(0);
  const deciles = join(tmp.dir, 'oa_deciles_handwritten.csv');
  writeFileSync(deciles, 'oa_code,made_up_decile\nE00069587,3\nE00069588,8\n');
  expect((await cgm('import', 'indicators', '--project', path, '--quiet', '--file', deciles, '--area-field', 'oa_code', '--level', 'OA')).code).toBe(0);
});

const cliValues = async (indicator: string, level: string) => {
  const r = await cgm('indicators', '--project', path, '--indicator', indicator, '--level', level);
  expect(r.code, r.stderr).toBe(0);
  return new Map(parseCsv(r.stdout).map((x) => [x.area_code, Number(x.value)]));
};

const call = async (method: string, input: unknown) => {
  const session = new ProjectSession(path);
  try {
    return await dispatch(createHandlers(session), method as never, input as never, quietContext());
  } finally {
    session.close();
  }
};

type LayerData = { values: { code: string; value: number }[]; method: string; problem: string | null; level: string };

describe('the map layer (getAreaIndicatorLayer) at the map level', () => {
  it('gives the values `cgm indicators` prints: E01013795 no_car 31, share 6.069', async () => {
    for (const name of ['no_car', SHARE]) {
      const layer = (await call('getAreaIndicatorLayer', { indicator: name, level: 'LSOA' })) as LayerData;
      const cli = await cliValues(name, 'LSOA');
      expect(new Map(layer.values.map((v) => [v.code, v.value]))).toEqual(cli);
      expect(layer.values).toHaveLength(23); // every Rutland LSOA has TS045 rows under it
      expect(layer.problem).toBeNull();
    }
    const share = (await call('getAreaIndicatorLayer', { indicator: SHARE, level: 'LSOA' })) as LayerData;
    expect(share.values.find((v) => v.code === 'E01013795')!.value).toBeCloseTo(6.069, 3);
    expect(share.method).toBe(`${SHARE} (rate) at LSOA: population-weighted mean of the OA rates in each LSOA (population: persons)`);
    const noCar = (await call('getAreaIndicatorLayer', { indicator: 'no_car', level: 'LSOA' })) as LayerData;
    expect(noCar.values.find((v) => v.code === 'E01013795')!.value).toBe(31);
  });

  it('is an empty layer that says why where the method gives no value (a decile is not averaged up)', async () => {
    const d = (await call('getAreaIndicatorLayer', { indicator: 'made_up_decile', level: 'LSOA' })) as LayerData;
    expect(d.values).toEqual([]);
    expect(d.problem).toBe('deciles are not averaged, so there is no LSOA value; use the score at LSOA instead');
    const oa = (await call('getAreaIndicatorLayer', { indicator: 'made_up_decile', level: 'OA' })) as LayerData;
    expect(oa.values).toEqual([{ code: 'E00069587', value: 3 }, { code: 'E00069588', value: 8 }]);
    await expect(call('getAreaIndicatorLayer', { indicator: 'nope', level: 'OA' })).rejects.toThrow('no area indicator "nope" in the project');
  });
});

describe('exports of the indicator layer', () => {
  it('lists indicator:<name> among the export layers', async () => {
    const layers = (await call('listExportLayers', {})) as { name: string; kind: string }[];
    expect(layers.filter((l) => l.name.startsWith('indicator:')).map((l) => l.name)).toEqual([
      'indicator:households', `indicator:${SHARE}`, 'indicator:made_up_decile', 'indicator:no_car', 'indicator:one_car', 'indicator:three_plus_cars', 'indicator:two_cars',
    ]);
  });

  it('cgm export geojson --layer indicator:NAME --level LSOA holds the CLI values and states the method', async () => {
    const out = join(tmp.dir, 'share.geojson');
    const r = await cgm('export', 'geojson', '--project', path, '--layer', `indicator:${SHARE}`, '--level', 'LSOA', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(readFileSync(out, 'utf8')) as { name: string; method: string; features: { properties: { area_code: string; area_name: string; value: number } }[] };
    expect(doc.name).toBe('indicator_households_without_car_pct');
    expect(doc.method).toBe(`${SHARE} (rate) at LSOA: population-weighted mean of the OA rates in each LSOA (population: persons)`);
    const cli = await cliValues(SHARE, 'LSOA');
    expect(doc.features).toHaveLength(23);
    for (const f of doc.features) expect(f.properties.value).toBe(cli.get(f.properties.area_code));
    const e = doc.features.find((f) => f.properties.area_code === 'E01013795')!;
    expect(e.properties.value).toBeCloseTo(6.069, 3);
    expect(e.properties.area_name).toBe('Rutland 005C'); // LSOA11NM in lsoa11_boundaries.geojson
  });

  it('cgm export gpkg puts the layer in its own table, with NULL where an area has no value', async () => {
    const out = join(tmp.dir, 'ind.gpkg');
    const r = await cgm('export', 'gpkg', '--project', path, '--layers', 'indicator:no_car,indicator:made_up_decile', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    const db = new Database(out, { readonly: true });
    try {
      // Without --level: the finest (OA). E00069587 has 2 households without a car in TS045.
      expect(db.prepare('SELECT value FROM indicator_no_car WHERE area_code = ?').pluck().get('E00069587')).toBe(2);
      const deciles = db.prepare('SELECT area_code, value FROM indicator_made_up_decile WHERE value IS NOT NULL ORDER BY area_code').all();
      expect(deciles).toEqual([{ area_code: 'E00069587', value: 3 }, { area_code: 'E00069588', value: 8 }]);
      expect(db.prepare('SELECT COUNT(*) FROM indicator_made_up_decile').pluck().get()).toBe(db.prepare('SELECT COUNT(*) FROM indicator_no_car').pluck().get());
      const notes = db.prepare("SELECT text FROM export_notes WHERE topic = 'indicator_no_car: method'").pluck().all();
      expect(notes).toEqual(['no_car (count) at OA: as imported at OA']);
    } finally {
      db.close();
    }
    // GDAL reads the same table: every OA, the value a Real column.
    const ogrinfo = requireTool('ogrinfo', 'apt-get install gdal-bin');
    if (!ogrinfo) return;
    const info = execFileSync(ogrinfo, ['-ro', '-q', out, 'indicator_no_car', '-where', "area_code = 'E00069587'"], { encoding: 'utf8' });
    expect(info).toMatch(/value \(Real\) = 2\b/);
    expect(execFileSync(ogrinfo, ['-so', '-ro', out, 'indicator_no_car'], { encoding: 'utf8' })).toMatch(/Geometry: Multi Polygon/);
  });
});
