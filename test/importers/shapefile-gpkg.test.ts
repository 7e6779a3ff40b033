// BNG inputs made from the real Rutland boundaries with ogr2ogr: the shapefile
// and GeoPackage round-trip to within a metre, and CRS mistakes are refused.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as turf from '@turf/turf';
import type * as GeoJSON from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFeatures } from '../../electron/store/gpkg';
import type { Project } from '../../electron/store/project';
import { importBoundaries } from '../../electron/importers/index';
import { RUTLAND, newProject, tempDir } from './helpers';

const WGS84_PRJ = 'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';

function maxVertexError(p: Project, table: string): number {
  const original = JSON.parse(readFileSync(RUTLAND + 'oa11_boundaries.geojson', 'utf8')) as GeoJSON.FeatureCollection;
  const byCode = new Map(original.features.map((f) => [String(f.properties?.OA11CD), turf.coordAll(f)]));
  let worst = 0;
  for (const f of readFeatures(p.db, table).features) {
    const ref = byCode.get(String(f.properties?.code))!;
    for (const v of turf.coordAll(f)) {
      let best = Infinity;
      for (const r of ref) best = Math.min(best, turf.distance(v, r, { units: 'meters' }));
      worst = Math.max(worst, best);
    }
  }
  return worst;
}

describe('BNG shapefile and GeoPackage input', () => {
  const tmp = tempDir();
  const shp = join(tmp.dir, 'oa_bng.shp');
  const gpkg = join(tmp.dir, 'oa_bng.gpkg');
  let p: Project;
  beforeAll(() => {
    execFileSync('/usr/bin/ogr2ogr', ['-t_srs', 'EPSG:27700', '-f', 'ESRI Shapefile', shp, RUTLAND + 'oa11_boundaries.geojson']);
    execFileSync('/usr/bin/ogr2ogr', ['-t_srs', 'EPSG:27700', '-f', 'GPKG', '-nln', 'oa', gpkg, RUTLAND + 'oa11_boundaries.geojson']);
    p = newProject(tmp.dir);
  });
  afterAll(() => { p.close(); tmp.cleanup(); });

  it('reads the .prj as British National Grid and round-trips within a metre', async () => {
    const s = await importBoundaries(p, shp, { level: 'OA', codeField: 'OA11CD', parentField: 'LSOA11CD', parentLevel: 'LSOA' });
    expect(s).toMatchObject({ imported: 116, details: { crs: 'EPSG:27700', crsSource: '.prj', format: 'Shapefile' } });
    expect(maxVertexError(p, 'area_oa')).toBeLessThan(1);
  });

  it('reads a GeoPackage layer in EPSG:27700', async () => {
    const s = await importBoundaries(p, gpkg, { level: 'OA gpkg', codeField: 'OA11CD', layer: 'oa' });
    expect(s).toMatchObject({ imported: 116, details: { crs: 'EPSG:27700', format: 'GeoPackage' } });
    expect(maxVertexError(p, 'area_oa_gpkg')).toBeLessThan(1);
  });

  it('refuses a shapefile without .prj unless --crs is given', async () => {
    const dir = join(tmp.dir, 'noprj');
    mkdirSync(dir);
    for (const ext of ['shp', 'shx', 'dbf']) copyFileSync(shp.replace(/shp$/, ext), join(dir, `oa.${ext}`));
    await expect(importBoundaries(p, join(dir, 'oa.shp'), { level: 'X', codeField: 'OA11CD' })).rejects.toThrow(
      /oa\.shp: no coordinate system \(none \(no \.prj file\)\); give one with --crs \(the coordinates look like British National Grid metres: --crs EPSG:27700\)/,
    );
    const s = await importBoundaries(p, join(dir, 'oa.shp'), { level: 'X', codeField: 'OA11CD', crs: 'EPSG:27700' });
    expect(s.imported).toBe(116);
  });

  it('refuses a .prj that does not match the coordinates', async () => {
    const dir = join(tmp.dir, 'badprj');
    mkdirSync(dir);
    for (const ext of ['shp', 'shx', 'dbf']) copyFileSync(shp.replace(/shp$/, ext), join(dir, `oa.${ext}`));
    writeFileSync(join(dir, 'oa.prj'), WGS84_PRJ);
    await expect(importBoundaries(p, join(dir, 'oa.shp'), { level: 'Y', codeField: 'OA11CD' })).rejects.toThrow(
      /\.prj says WGS 84 .* but the coordinates .* are not longitude\/latitude; they look like British National Grid metres/,
    );
  });

  it('refuses truncated and garbage shapefiles', async () => {
    const data = readFileSync(shp);
    const siblings = { dbf: readFileSync(shp.replace(/shp$/, 'dbf')) };
    await expect(importBoundaries(p, { name: 'cut.shp', data: data.subarray(0, data.length >> 1), siblings }, { level: 'Z', codeField: 'OA11CD', crs: 'EPSG:27700' }))
      .rejects.toThrow(/cut\.shp: truncated shapefile/);
    await expect(importBoundaries(p, { name: 'junk.shp', data: new Uint8Array(500).fill(7), siblings }, { level: 'Z', codeField: 'OA11CD' }))
      .rejects.toThrow('junk.shp: not a shapefile');
    await expect(importBoundaries(p, { name: 'junk.gpkg', data: new Uint8Array(4096).fill(1) }, { level: 'Z', codeField: 'OA11CD' }))
      .rejects.toThrow(/junk\.gpkg: not a/);
  });
});
