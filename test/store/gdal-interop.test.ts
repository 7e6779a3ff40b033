// Proves the project file is a GeoPackage that GDAL (and so QGIS) reads, with
// a working spatial index, and that we read what GDAL writes. Needs gdal-bin;
// CI installs it.

import fs from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFeatureTable, insertFeatures, readFeatures } from '../../electron/store/gpkg';
import { createProject, openProject } from '../../electron/store/project';
import { required, requireTool } from '../support/requirements';
import { findGpkgValidator, point, run, scratchDir, square } from './helpers';

const ogrinfo = requireTool('ogrinfo', 'apt-get install gdal-bin');
const ogr2ogr = requireTool('ogr2ogr', 'apt-get install gdal-bin');
const validator = required("GDAL's validate_gpkg.py", findGpkgValidator() !== null, 'apt-get install python3-gdal') ? findGpkgValidator() : null;
const gdal = ogrinfo && ogr2ogr;

let scratch: ReturnType<typeof scratchDir>;
beforeAll(() => {
  scratch = scratchDir();
});
afterAll(() => scratch.remove());

/** Areas, roads and sites in a small made-up town around (-1.5, 53.8). */
function writeProject(file: string): void {
  const p = createProject(file, { name: 'Interop' });
  try {
    createFeatureTable(p.db, {
      table: 'areas',
      geometryType: 'MULTIPOLYGON',
      columns: [{ name: 'code', type: 'TEXT' }, { name: 'population', type: 'INTEGER' }],
      title: 'Areas',
    });
    createFeatureTable(p.db, { table: 'roads', geometryType: 'LINESTRING', columns: [{ name: 'highway', type: 'TEXT' }] });
    createFeatureTable(p.db, { table: 'sites', geometryType: 'POINT', columns: [{ name: 'name', type: 'TEXT' }, { name: 'score', type: 'REAL' }] });
    insertFeatures(p.db, 'areas', [
      { geometry: { type: 'Polygon', coordinates: [square(-1.6, 53.7, 0.1), square(-1.58, 53.72, 0.02)] }, properties: { code: 'A1', population: 1500 } },
      { geometry: { type: 'Polygon', coordinates: [square(-1.5, 53.7, 0.1)] }, properties: { code: 'A2', population: 1620 } },
      {
        geometry: { type: 'MultiPolygon', coordinates: [[square(-1.4, 53.7, 0.1)], [square(-1.2, 53.7, 0.05)]] },
        properties: { code: 'A3', population: 1710 },
      },
    ]);
    insertFeatures(p.db, 'roads', [
      { geometry: { type: 'LineString', coordinates: [[-1.6, 53.75], [-1.3, 53.75]] }, properties: { highway: 'primary' } },
      { geometry: { type: 'LineString', coordinates: [[-1.45, 53.7], [-1.45, 53.8]] }, properties: { highway: 'residential' } },
    ]);
    insertFeatures(
      p.db,
      'sites',
      Array.from({ length: 100 }, (_, i) => ({
        geometry: point(-1.6 + (i % 10) * 0.04, 53.7 + Math.floor(i / 10) * 0.01),
        properties: { name: `Site ${i + 1}`, score: i / 10 },
      })),
    );
  } finally {
    p.close();
  }
}

describe.skipIf(!gdal)('GDAL reads our project files', () => {
  let file: string;
  beforeAll(() => {
    file = scratch.file('interop.gpkg');
    writeProject(file);
  });

  it('ogrinfo lists the layers with their geometry types; internal tables stay hidden', () => {
    const out = run(ogrinfo!, [file]);
    expect(out).toContain("using driver `GPKG' successful");
    expect(out).toMatch(/\d+: areas \(Multi Polygon\)/);
    expect(out).toMatch(/\d+: roads \(Line String\)/);
    expect(out).toMatch(/\d+: sites \(Point\)/);
    expect(out).toMatch(/\d+: cgm_about \(None\)/);
    expect(out).not.toMatch(/cgm_settings/);
  });

  it('ogrinfo -so -al reports feature counts, extents and EPSG:4326', () => {
    const out = run(ogrinfo!, ['-so', '-al', file]);
    const layers = Object.fromEntries(
      out
        .split(/\nLayer name: /)
        .slice(1)
        .map((block) => [block.split('\n')[0].trim(), block]),
    );
    const expected: Record<string, [string, number]> = { areas: ['Multi Polygon', 3], roads: ['Line String', 2], sites: ['Point', 100] };
    for (const [name, [geometry, count]] of Object.entries(expected)) {
      const block = layers[name];
      expect(block, `layer ${name}`).toBeDefined();
      expect(block).toContain(`Geometry: ${geometry}`);
      expect(block).toContain(`Feature Count: ${count}`);
      expect(block).toMatch(/ID\["EPSG",4326\]/);
    }
    expect(layers.areas).toContain('Extent: (-1.600000, 53.700000) - (-1.150000, 53.800000)');
    expect(layers.areas).toMatch(/population: Integer/);
  });

  it('ogrinfo -spat uses the index to return just the features in the window', () => {
    // Sites are on a 0.04 x 0.01 degree grid; this window holds columns 1-2 of rows 0-1.
    const out = run(ogrinfo!, ['-q', '-spat', '-1.565', '53.695', '-1.515', '53.715', file, 'sites']);
    const fids = (text: string) => [...text.matchAll(/OGRFeature\(sites\):(\d+)/g)].map((m) => Number(m[1])).sort((a, b) => a - b);
    expect(fids(out)).toEqual([2, 3, 12, 13]);
    expect(out).toContain('name (String) = Site 13');
    // Control: with fid 13 taken out of the index, GDAL no longer finds it, so
    // the answer above came from our R-tree rather than a full scan.
    const damaged = scratch.file('damaged-index.gpkg');
    fs.copyFileSync(file, damaged);
    const db = new Database(damaged);
    db.prepare('DELETE FROM rtree_sites_geom WHERE id = 13').run();
    db.close();
    expect(fids(run(ogrinfo!, ['-q', '-spat', '-1.565', '53.695', '-1.515', '53.715', damaged, 'sites']))).toEqual([2, 3, 12]);
    const areas = run(ogrinfo!, ['-q', '-spat', '-1.19', '53.71', '-1.17', '53.72', file, 'areas']);
    expect([...areas.matchAll(/code \(String\) = (\w+)/g)].map((m) => m[1])).toEqual(['A3']);
  });

  it('holds the hole in the first area', () => {
    const out = run(ogrinfo!, ['-q', '-where', "code = 'A1'", file, 'areas']);
    expect(out).toMatch(/MULTIPOLYGON \(\(\(-1\.6 53\.7,.*\),\(-1\.58 53\.72,.*\)\)\)/);
  });

  it.skipIf(!validator)("passes GDAL's validate_gpkg.py", () => {
    // Prints nothing and exits 0 when the file conforms; run() throws otherwise.
    expect(run(validator!.python, [validator!.script, file]).trim()).toBe('');
  });
});

describe.skipIf(!gdal)('we read GeoPackages written by ogr2ogr', () => {
  let file: string;
  beforeAll(() => {
    const geojson = scratch.file('wards.geojson');
    fs.writeFileSync(
      geojson,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', properties: { ward: 'North', pop: 5000 }, geometry: { type: 'Polygon', coordinates: [square(0, 0, 4), square(1, 1, 1)] } },
          { type: 'Feature', properties: { ward: 'South', pop: 6200 }, geometry: { type: 'MultiPolygon', coordinates: [[square(10, 0, 2)], [square(20, 0, 2)]] } },
          { type: 'Feature', properties: { ward: 'Nowhere', pop: 0 }, geometry: null },
        ],
      }),
    );
    file = scratch.file('wards.gpkg');
    run(ogr2ogr!, ['-f', 'GPKG', file, geojson, '-nln', 'wards', '-nlt', 'PROMOTE_TO_MULTI']);
  });

  it('reads features, attributes and holes with readFeatures, and filters by bbox via GDAL\'s R-tree', () => {
    const db = new Database(file, { readonly: true });
    try {
      const fc = readFeatures(db, 'wards');
      expect(fc.features.map((f) => [f.id, f.properties])).toEqual([
        [1, { ward: 'North', pop: 5000 }],
        [2, { ward: 'South', pop: 6200 }],
        [3, { ward: 'Nowhere', pop: 0 }],
      ]);
      expect(fc.features[0].geometry).toEqual({ type: 'MultiPolygon', coordinates: [[square(0, 0, 4), square(1, 1, 1)]] });
      expect(fc.features[2].geometry).toBeNull();
      expect(readFeatures(db, 'wards', { bbox: [19, -1, 21, 1] }).features.map((f) => f.id)).toEqual([2]);
    } finally {
      db.close();
    }
  });

  it('opens it as a project and appends to its layer without upsetting GDAL', () => {
    const copy = scratch.file('wards-project.gpkg');
    fs.copyFileSync(file, copy);
    const p = openProject(copy);
    try {
      insertFeatures(p.db, 'wards', [{ geometry: { type: 'Polygon', coordinates: [square(30, 0, 1)] }, properties: { ward: 'East', pop: 10 } }]);
      expect(readFeatures(p.db, 'wards', { bbox: [29, -1, 32, 2] }).features.map((f) => f.properties?.ward)).toEqual(['East']);
    } finally {
      p.close();
    }
    const out = run(ogrinfo!, ['-so', copy, 'wards']);
    expect(out).toContain('Feature Count: 4');
    expect(run(ogrinfo!, ['-q', '-spat', '29', '-1', '32', '2', copy, 'wards'])).toContain('ward (String) = East');
    if (validator) expect(run(validator.python, [validator.script, copy]).trim()).toBe('');
  });
});
