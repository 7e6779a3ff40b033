// Every export of the demo re-opened by an independent tool: GDAL's ogrinfo
// for GeoJSON and GeoPackage, turf for ring orientation, poppler for the PDF,
// csv-parse for the CSV.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { booleanClockwise } from '@turf/turf';
import { parse } from 'csv-parse/sync';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ANALYSIS_LAYERS, cgm, makeDemoExports, TABLE_LAYERS, TABLES, type DemoExports } from './demo-exports';

let ex: DemoExports;
beforeAll(async () => {
  ex = await makeDemoExports();
}, 180_000);

const run = (cmd: string, ...args: string[]) => execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20 });

interface OgrLayer {
  count: number;
  geometry: string;
  epsg4326: boolean;
  fields: string[];
}

function ogrLayer(file: string, layer: string): OgrLayer {
  const text = run('ogrinfo', '-so', '-ro', file, layer);
  return {
    count: Number(/Feature Count: (\d+)/.exec(text)?.[1]),
    geometry: /Geometry: (.+)/.exec(text)?.[1].trim() ?? '',
    epsg4326: /ID\["EPSG",4326\]\]\s*Data axis/.test(text) || /OGC:CRS84|ID\["EPSG",4326\]\]$/m.test(text),
    fields: [...text.matchAll(/^(\w+): (String|Integer|Integer64|Real)/gm)].map((m) => m[1]),
  };
}

const EXPECTED_GEOMETRY: Record<string, string> = {
  area_oa: 'Multi Polygon', area_lsoa: 'Multi Polygon', roads: 'Line String', service_sites: 'Point',
  gaps: 'Multi Polygon', gaps_oa: 'Multi Polygon', gaps_lsoa: 'Multi Polygon', strata: 'Multi Polygon',
};
const GAP_FIELDS = ['area_code', 'need', 'need_index', 'users', 'expected_users', 'uptake_ratio', 'ci95_lower', 'unmet_need', 'unmet_rank', 'gap_type', 'suppressed'];

function projectCount(layer: string): number {
  const table = layer === 'gaps' || layer === 'gaps_oa' || layer === 'strata' ? 'area_oa' : layer === 'gaps_lsoa' ? 'area_lsoa' : layer;
  return ogrLayer(ex.project, table).count;
}

describe('GeoJSON exports, read by ogrinfo', () => {
  it.each([...TABLE_LAYERS, ...ANALYSIS_LAYERS])('%s: count, geometry type, WGS 84, attributes', (layer) => {
    const info = ogrLayer(ex.geojson[layer], layer);
    expect(info.count).toBe(projectCount(layer));
    expect(info.geometry).toBe(EXPECTED_GEOMETRY[layer]);
    expect(info.epsg4326).toBe(true);
    if (layer.startsWith('gaps')) expect(info.fields).toEqual(expect.arrayContaining(GAP_FIELDS));
    if (layer === 'strata') expect(info.fields).toEqual(expect.arrayContaining(['area_code', 'proposed', 'decided', 'effective']));
    if (layer === 'service_sites') expect(info.fields).toEqual(expect.arrayContaining(['name', 'opening_hours']));
  });

  it('follows RFC 7946: right-hand rule, 6 decimals, no crs member', () => {
    for (const layer of ['area_oa', 'area_lsoa', 'gaps', 'gaps_lsoa']) {
      const doc = JSON.parse(readFileSync(ex.geojson[layer], 'utf8'));
      expect(doc.crs).toBeUndefined();
      let rings = 0;
      for (const f of doc.features) {
        for (const polygon of f.geometry.coordinates as number[][][][]) {
          polygon.forEach((ring, i) => {
            rings++;
            expect(booleanClockwise(ring), `${layer} feature ${f.id} ring ${i}`).toBe(i > 0);
            for (const [x, y] of ring) {
              expect(Math.abs(x * 1e6 - Math.round(x * 1e6))).toBeLessThan(1e-6);
              expect(Math.abs(y * 1e6 - Math.round(y * 1e6))).toBeLessThan(1e-6);
            }
          });
        }
      }
      expect(rings).toBeGreaterThan(0);
    }
  });
});

describe('GeoPackage export, read by ogrinfo', () => {
  it('holds every chosen layer with its count, type, CRS and attributes', () => {
    const listing = run('ogrinfo', '-ro', '-q', ex.gpkg);
    for (const layer of [...TABLE_LAYERS, ...ANALYSIS_LAYERS]) {
      expect(listing).toContain(`${layer} (${EXPECTED_GEOMETRY[layer]})`);
      const info = ogrLayer(ex.gpkg, layer);
      expect(info.count).toBe(projectCount(layer));
      expect(info.epsg4326).toBe(true);
      if (layer.startsWith('gaps')) expect(info.fields).toEqual(expect.arrayContaining(GAP_FIELDS));
    }
  });

  it('carries the disclosure note and attributions in export_notes', () => {
    const notes = run('ogrinfo', '-ro', '-q', ex.gpkg, '-sql', 'SELECT topic, text FROM export_notes');
    expect(notes).toContain('Counts of 1–7 shown as *');
    expect(notes).toContain('synthetic town');
  });
});

describe('CSV exports, parsed back', () => {
  it.each(TABLES)('%s: BOM, CRLF, parses to rows', (table) => {
    const bytes = readFileSync(ex.csv[table]);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.replace(/"[^"]*"/g, '').split('\n').slice(0, -1).every((l) => l.endsWith('\r'))).toBe(true);
    const rows = parse(text, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.length).toBeGreaterThan(1);
  });
});

describe('report', () => {
  const pdfText = () => run('pdftotext', '-layout', ex.pdf, '-');

  it('PDF: title, contents, tables and numbered pages', () => {
    const pages = Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', ex.pdf))?.[1]);
    expect(pages).toBeGreaterThanOrEqual(2);
    const text = pdfText();
    expect(text).toContain('Stop smoking service: service profile and gap');
    expect(text).toContain('Contents');
    for (const s of ['Reason for profiling', 'Service profile', 'Gap analysis', 'Stratification summary', 'Continuous improvement']) expect(text).toContain(s);
    expect(text).toContain('Service profile: Stop smoking service by OAC 2011 segment');
    expect(text).toContain('Gap analysis: Stop smoking service, Smoking prevalence (illustrative), OA areas');
    expect(text).toContain('Travel-time bands');
    expect(text).toContain('Areas by stratum');
    for (let p = 1; p <= pages; p++) expect(text).toContain(`Page ${p} of ${pages}`);
    expect(text).toContain('synthetic town');
  });

  it('PDF: renders to an image that is not blank', () => {
    run('pdftoppm', '-r', '40', '-f', '1', '-l', '1', '-png', ex.pdf, join(ex.dir, 'page'));
    const png = PNG.sync.read(readFileSync(join(ex.dir, 'page-1.png')));
    let dark = 0;
    for (let i = 0; i < png.data.length; i += 4) if (png.data[i] < 128) dark++;
    expect(dark).toBeGreaterThan(200);
  });

  it('HTML: self-contained, A4, with contents links to every section', () => {
    const html = readFileSync(ex.html, 'utf8');
    expect(html).toContain('size: A4');
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    for (const id of ['reason', 'service-profile', 'gap-analysis', 'stratification', 'about']) {
      expect(html).toContain(`href="#${id}"`);
      expect(html).toContain(`id="${id}"`);
    }
    expect(html).toContain('data-table="profile"');
  });
});

describe('CLI errors', () => {
  it('lists the choices for an unknown table, layer or service', async () => {
    const p = ['--project', ex.project];
    const bad = await cgm('export', 'csv', ...p, '--table', 'people', '--out', join(ex.dir, 'x.csv'));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('profile, bands, gaps, strata');
    const layer = await cgm('export', 'geojson', ...p, '--layer', 'nope', '--out', join(ex.dir, 'x.geojson'));
    expect(layer.stderr).toContain('gaps_lsoa');
    const service = await cgm('export', 'csv', ...p, '--table', 'gaps', '--service', 'Dentist', '--out', join(ex.dir, 'x.csv'));
    expect(service.stderr).toContain('"Stop smoking service"');
    const over = await cgm('export', 'gpkg', ...p, '--layers', 'roads', '--out', ex.project);
    expect(over.stderr).toContain('over the project file');
  });
});
