// Issue 16: `import lookup` makes a new geography level from a lookup file,
// its boundaries dissolved by the app. Real Rutland: the OA file's own
// LSOA11CD column is the lookup (as ONS publishes OA11CD,LSOA11CD,LSOA11NM),
// and GDAL's ST_Union over the same OAs grouped by LSOA11CD is the reference.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as turf from '@turf/turf';
import type * as GeoJSON from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importBoundaries, importLookup } from '../../electron/importers/index';
import { readFeatures } from '../../electron/store/gpkg';
import { createHandlers } from '../../electron/services/handlers';
import { ProjectSession } from '../../electron/services/project-session';
import { buildRequest, defaultMapping, missingRequired } from '../../renderer/src/import/fields';
import type { Project } from '../../electron/store/project';
import { requireTool } from '../support/requirements';
import { rutlandLookupCsv } from '../support/rutland-project';
import { RUTLAND, bytes, count, newProject, sha256, tempDir } from './helpers';
import { handlerCall } from '../support/handler-call';

const oas = JSON.parse(readFileSync(RUTLAND + 'oa11_boundaries.geojson', 'utf8')) as GeoJSON.FeatureCollection;
const lsoas = JSON.parse(readFileSync(RUTLAND + 'lsoa11_boundaries.geojson', 'utf8')) as GeoJSON.FeatureCollection;

const file = (name: string, text: string) => ({ name, data: bytes(text) });
const areaOf = (features: GeoJSON.Feature[], codeKey: string) => new Map(features.map((f) => [String(f.properties![codeKey]), turf.area(f as GeoJSON.Feature<GeoJSON.MultiPolygon>)]));

describe('import lookup: OA → LSOA dissolved from real Rutland OAs', () => {
  const tmp = tempDir();
  let p: Project;
  beforeAll(async () => {
    p = newProject(tmp.dir);
    await importBoundaries(p, RUTLAND + 'oa11_boundaries.geojson', { level: 'OA', codeField: 'OA11CD' });
  });
  afterAll(() => { p.close(); tmp.cleanup(); });

  it('dissolves the 116 OAs into the 23 LSOAs GDAL finds, areas equal within 1e-6', async () => {
    const s = await importLookup(p, file('oa_lsoa.csv', rutlandLookupCsv()), { parentLevel: 'LSOA' });
    expect(s).toMatchObject({ kind: 'lookup', dataset: 'LSOA', rowsRead: 116, imported: 116, rejected: {}, warnings: [] });
    expect(s.details).toMatchObject({ table: 'area_lsoa', childLevel: 'OA', areas: 23, parentCodesOn: 'OA' });
    // Both ways are exercised: most LSOAs by shared edges, two where the generalised OAs do not share every vertex.
    expect(s.details!.dissolvedBy).toEqual({ 'shared-edges': 21, union: 2 });
    expect(p.db.prepare('SELECT level, parent_level FROM cgm_geographies ORDER BY rank').all()).toEqual([
      { level: 'OA', parent_level: 'LSOA' }, { level: 'LSOA', parent_level: null },
    ]);
    expect(count(p, "SELECT count(*) FROM area_oa WHERE parent_code = 'E01013787'")).toBe(oas.features.filter((f) => f.properties!.LSOA11CD === 'E01013787').length);

    const ogr2ogr = requireTool('ogr2ogr', 'install GDAL (apt-get install gdal-bin)');
    if (!ogr2ogr) return;
    const out = join(tmp.dir, 'gdal-lsoa.geojson');
    const run = spawnSync(ogr2ogr, ['-f', 'GeoJSON', out, RUTLAND + 'oa11_boundaries.geojson', '-dialect', 'sqlite', '-sql',
      'SELECT ST_Union(geometry) AS geometry, LSOA11CD FROM oa11_boundaries GROUP BY LSOA11CD'], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const reference = areaOf((JSON.parse(readFileSync(out, 'utf8')) as GeoJSON.FeatureCollection).features, 'LSOA11CD');
    const dissolved = readFeatures(p.db, 'area_lsoa').features;
    const ours = areaOf(dissolved, 'code');
    expect([...ours.keys()].sort()).toEqual([...reference.keys()].sort());
    expect(ours.size).toBe(23);
    for (const [code, area] of reference) expect(Math.abs(ours.get(code)! - area) / area, code).toBeLessThan(1e-6);
    // Names came from LSOA11NM, found by the new level's name.
    expect(dissolved.find((f) => f.properties!.code === 'E01013787')!.properties!.name).toBe('Rutland 005A');
    // Parts: a union leaves no seams, so an LSOA is one polygon unless GDAL's is several too.
    const gdalParts = new Map((JSON.parse(readFileSync(out, 'utf8')) as GeoJSON.FeatureCollection).features.map((f) => [String(f.properties!.LSOA11CD), f.geometry.type === 'Polygon' ? 1 : (f.geometry as GeoJSON.MultiPolygon).coordinates.length]));
    for (const f of dissolved) expect((f.geometry as GeoJSON.MultiPolygon).coordinates.length, String(f.properties!.code)).toBe(gdalParts.get(String(f.properties!.code)));
  });

  it('roughly matches the published (separately generalised) LSOA boundaries', () => {
    const published = areaOf(lsoas.features, 'LSOA11CD');
    const ours = areaOf(readFeatures(p.db, 'area_lsoa').features, 'code');
    for (const [code, area] of published) expect(Math.abs(ours.get(code)! - area) / area, code).toBeLessThan(0.05);
  });

  it('re-importing the OAs without parent codes keeps the LSOA codes the lookup gave them', async () => {
    const before = p.db.prepare('SELECT code, parent_code FROM area_oa ORDER BY code').all() as { code: string; parent_code: string }[];
    // Written by the lookup just before; the OA file's own LSOA11CD is the independent answer.
    expect(before.map((r) => r.parent_code)).toEqual(before.map((r) => oas.features.find((f) => f.properties!.OA11CD === r.code)!.properties!.LSOA11CD));
    const s = await importBoundaries(p, RUTLAND + 'oa11_boundaries.geojson', { level: 'OA', codeField: 'OA11CD' });
    expect(s.warnings).toContain('kept the LSOA codes of 116 OA areas from before');
    expect(p.db.prepare('SELECT code, parent_code FROM area_oa ORDER BY code').all()).toEqual(before);
    expect(p.db.prepare('SELECT level, parent_level FROM cgm_geographies ORDER BY rank').all()).toEqual([
      { level: 'OA', parent_level: 'LSOA' }, { level: 'LSOA', parent_level: null },
    ]);
  });
});

describe('import lookup: refusals name the file, row and field, and leave the project as it was', () => {
  const tmp = tempDir();
  let p: Project;
  beforeAll(async () => {
    p = newProject(tmp.dir);
    await importBoundaries(p, RUTLAND + 'oa11_boundaries.geojson', { level: 'OA', codeField: 'OA11CD' });
  });
  afterAll(() => { p.close(); tmp.cleanup(); });

  const refused = async (csv: string, options: Parameters<typeof importLookup>[2] = { parentLevel: 'ward' }) => {
    const before = sha256(p.path);
    const error = await importLookup(p, file('lookup.csv', csv), options).then(() => null, (e: Error) => e.message);
    expect(sha256(p.path)).toBe(before);
    expect(count(p, "SELECT count(*) FROM cgm_geographies WHERE level = 'ward'")).toBe(0);
    return error;
  };

  it('a child with two parents', async () => {
    expect(await refused('OA11CD,WD22CD\nE00069547,W1\nE00069548,W1\nE00069547,W2\n')).toBe(
      'lookup.csv row 4, field "WD22CD": OA "E00069547" has two ward codes, "W1" (row 2) and "W2"; each OA must lie in one ward',
    );
  });

  it('empty codes', async () => {
    expect(await refused('OA11CD,WD22CD\nE00069547,W1\n,W2\n')).toBe('lookup.csv row 3, field "OA11CD": empty, expected the OA code');
    expect(await refused('OA11CD,WD22CD\nE00069547,\n')).toBe('lookup.csv row 2, field "WD22CD": empty, expected the ward code of OA "E00069547"');
  });

  it('no child code in the project (e.g. 2021 codes for a 2011 project)', async () => {
    expect(await refused('OA21CD,WD22CD\nE00199999,W1\nE00188888,W1\n', { parentLevel: 'ward', childField: 'OA21CD' })).toBe(
      'lookup.csv: none of the codes in field "OA21CD" are OA areas of the project (the file has e.g. E00199999, E00188888; the project has e.g. E00069547, E00069548, E00069549)',
    );
  });

  it('a column it cannot find, and a missing level name', async () => {
    expect(await refused('OA11CD,code\nE00069547,W1\n')).toBe('lookup.csv: which column holds the ward codes? Pass --parent-field (columns: "OA11CD", "code")');
    expect(await refused('OA11CD,WD22CD\nE00069547,W1\n', { parentLevel: 'ward', parentField: 'WD' })).toMatch(/^lookup.csv row 1: no column "WD" \(--parent-field\)/);
    expect(await refused('OA11CD,WD22CD\n', { parentLevel: ' ' })).toMatch(/a name for the new geography level is required/);
  });

  it('codes outside the project are counted, partial parents and unmatched OAs are warned about', async () => {
    const csv = ['OA11CD,WD22CD,WD22NM', ...oas.features.slice(1).map((f, i) => `${f.properties!.OA11CD},W${i % 3},Ward ${i % 3}`), 'E09999999,W0,Ward 0', 'E09999998,W9,Ward 9'].join('\n');
    const s = await importLookup(p, file('wards.csv', csv), { parentLevel: 'ward' });
    expect(s.rejected).toEqual({ 'OA code not in the project': 2 });
    expect(s.warnings).toEqual([
      '2 rows rejected: OA code not in the project (e.g. E09999999, E09999998)',
      '1 of 116 OA areas are not in the lookup and belong to no ward: E00069547',
      '1 ward areas also hold OAs the project lacks, so their boundaries cover only the project\'s part (e.g. W0)',
    ]);
    expect(p.db.prepare('SELECT code, name FROM area_ward ORDER BY code').all()).toEqual([
      { code: 'W0', name: 'Ward 0' }, { code: 'W1', name: 'Ward 1' }, { code: 'W2', name: 'Ward 2' },
    ]);
  });
});

describe('import lookup onto OAs that already lie in LSOAs', () => {
  const tmp = tempDir();
  let p: Project;
  beforeAll(async () => {
    p = newProject(tmp.dir);
    await importBoundaries(p, RUTLAND + 'lsoa11_boundaries.geojson', { level: 'LSOA', codeField: 'LSOA11CD' });
    await importBoundaries(p, RUTLAND + 'oa11_boundaries.geojson', { level: 'OA', codeField: 'OA11CD', parentField: 'LSOA11CD', parentLevel: 'LSOA' });
  });
  afterAll(() => { p.close(); tmp.cleanup(); });
  const lsoaCodes = [...new Set(oas.features.map((f) => String(f.properties!.LSOA11CD)))].sort();

  it('a level that splits an LSOA (wards) is kept beside the chain, listing its members', async () => {
    const first = oas.features.filter((f) => f.properties!.LSOA11CD === lsoaCodes[0]).map((f) => String(f.properties!.OA11CD));
    const csv = ['OA11CD,WD22CD', `${first[0]},W1`, `${first[1]},W2`, `${first[2]},W2`].join('\n');
    const s = await importLookup(p, file('wards.csv', csv), { parentLevel: 'ward' });
    expect(s.details).toMatchObject({ areas: 2, parentCodesOn: null, besideChain: true });
    expect(s.warnings).toContain('ward does not nest in the OA areas\' LSOA chain, so it is kept beside it: maps, tables and exports work at ward as at any level');
    // The chain is untouched; the wards list their OAs.
    expect(p.db.prepare('SELECT level, parent_level FROM cgm_geographies ORDER BY rank, level').all()).toEqual([
      { level: 'OA', parent_level: 'LSOA' }, { level: 'LSOA', parent_level: null }, { level: 'ward', parent_level: null },
    ]);
    expect(p.db.prepare('SELECT code, members FROM area_ward ORDER BY code').all()).toEqual([
      { code: 'W1', members: JSON.stringify([first[0]]) }, { code: 'W2', members: JSON.stringify([first[1], first[2]].sort()) },
    ]);
  });

  it('a level that nests (whole LSOAs, as MSOAs do) goes above LSOA in the chain', async () => {
    // Test MSOAs: the sorted LSOAs in fives, M0 holding the first five; its area is theirs.
    const msoaOf = (lsoa: string) => `M${Math.floor(lsoaCodes.indexOf(lsoa) / 5)}`;
    const csv = ['OA11CD,LSOA11CD,MSOA11CD', ...oas.features.map((f) => `${f.properties!.OA11CD},${f.properties!.LSOA11CD},${msoaOf(String(f.properties!.LSOA11CD))}`)].join('\n');
    const s = await importLookup(p, file('oa_msoa.csv', csv), { parentLevel: 'MSOA' });
    expect(s.details).toMatchObject({ areas: 5, parentCodesOn: 'LSOA' });
    expect(p.db.prepare('SELECT level, parent_level FROM cgm_geographies ORDER BY rank, level').all()).toEqual([
      { level: 'OA', parent_level: 'LSOA' }, { level: 'LSOA', parent_level: 'MSOA' }, { level: 'MSOA', parent_level: null }, { level: 'ward', parent_level: null },
    ]);
    expect(p.db.prepare("SELECT code FROM area_lsoa WHERE parent_code = 'M0' ORDER BY code").pluck().all()).toEqual(lsoaCodes.slice(0, 5));
    const m0 = turf.area(readFeatures(p.db, 'area_msoa').features.find((f) => f.properties!.code === 'M0') as GeoJSON.Feature<GeoJSON.MultiPolygon>);
    const oaSum = oas.features.filter((f) => msoaOf(String(f.properties!.LSOA11CD)) === 'M0').reduce((t, f) => t + turf.area(f), 0);
    expect(Math.abs(m0 - oaSum) / oaSum).toBeLessThan(1e-6);
  });

  it('a third level on a chain of two is kept beside it', async () => {
    const s = await importLookup(p, file('wards2.csv', 'OA11CD,WD22CD\nE00069547,W1\n'), { parentLevel: 'ward' });
    expect(s.details).toMatchObject({ besideChain: true });
  });
});

describe('the app: the import dialog\'s Area lookup, then the level switch', () => {
  const tmp = tempDir();
  let session: ProjectSession;
  let handlers: ReturnType<typeof createHandlers>;
  const call = handlerCall(() => handlers);
  beforeAll(async () => {
    const p = newProject(tmp.dir);
    await importBoundaries(p, RUTLAND + 'oa11_boundaries.geojson', { level: 'OA', codeField: 'OA11CD' });
    p.close();
    session = new ProjectSession(join(tmp.dir, 'test.gpkg'));
    handlers = createHandlers(session);
  });
  afterAll(() => { session.close(); tmp.cleanup(); });

  it('stages the file, suggests the small-area column, asks for the new level\'s name and imports it', async () => {
    const data = Buffer.from(rutlandLookupCsv());
    const { uploadId } = await call('beginImportUpload', { name: 'oa11_lsoa11.csv', size: data.length });
    await call('putImportChunk', { uploadId, part: 'main', offset: 0, dataBase64: data.toString('base64') });
    const staged = await call('finishImportUpload', { uploadId });
    expect(staged.kindGuess).toBe('lookup');
    const mapping = defaultMapping('lookup', staged);
    expect(mapping).toEqual({ areaCode: 'OA11CD' });
    expect(missingRequired('lookup', staged, mapping, {})).toEqual(['Name of the new level']);
    const request = buildRequest('lookup', staged, mapping, { parentLevel: 'LSOA', childLevel: '' });
    expect(request.options).toEqual({ childField: 'OA11CD', parentLevel: 'LSOA' });
    const summary = await call('runImport', request);
    expect(summary).toMatchObject({ kind: 'lookup', dataset: 'LSOA', imported: 116, details: { areas: 23 } });
    expect((await call('getAreaLayer', { level: 'LSOA' })).features).toHaveLength(23);
  });

  it('keeps the map level in the project, and refuses one it lacks', async () => {
    expect(await call('getMapLevel', {})).toEqual({ level: null });
    expect(await call('setMapLevel', { level: 'LSOA' })).toEqual({ level: 'LSOA' });
    expect(await call('getMapLevel', {})).toEqual({ level: 'LSOA' });
    await expect(call('setMapLevel', { level: 'ward' })).rejects.toThrow('the project has no geography level "ward" (levels: OA, LSOA)');
    expect(await call('getMapLevel', {})).toEqual({ level: 'LSOA' });
  });
});
