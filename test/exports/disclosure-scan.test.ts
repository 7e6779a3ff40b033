// The disclosure scan: every export of the demo, read back from the file, must
// show no service-user count from 1 to 7 and, under the default NHS rule, only
// multiples of 5. User counts are the `users` columns (Users in the report);
// unmet need is expected − users, so it must be computed from the shown count
// (else expected − unmet gives the exact count back); strata flags may quote
// only the ratio the gap table publishes (a ratio from exact counts × expected
// gives the count back), never one for a suppressed area. What is published
// agrees with itself: "low" exactly where the 95% interval is below 1, and a
// suppressed area has no rank (its place between shown ones would bound it).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { ANALYSIS_LAYERS, makeDemoExports, type DemoExports } from './demo-exports';

let ex: DemoExports;
beforeAll(async () => {
  ex = await makeDemoExports();
}, 180_000);

type Cell = string | number | null | undefined;

/** A shown user count: suppressed (*, or null with suppressed = 1 on map layers), 0, or a multiple of 5 above 7. */
function assertUserCount(v: Cell, where: string): void {
  if (v === null || v === undefined || v === '' || v === '*') return;
  const n = typeof v === 'number' ? v : Number(String(v).replace(/,/g, ''));
  expect(Number.isFinite(n), `${where}: "${v}" is not a count`).toBe(true);
  expect(n === 0 || (n > 7 && n % 5 === 0), `${where}: user count ${n}`).toBe(true);
}

/** Unmet need must be max(0, expected − shown users), to 2 dp, and hidden with them. */
function assertUnmet(users: Cell, expected: Cell, unmet: Cell, where: string): void {
  const hidden = (v: Cell) => v === '*' || v === null || v === '';
  if (hidden(users)) {
    expect(hidden(unmet), `${where}: unmet ${unmet} shown for a suppressed count`).toBe(true);
    return;
  }
  const want = Math.round(Math.max(0, Number(expected) - Number(users)) * 100) / 100;
  expect(Math.abs(Number(unmet) - want), `${where}: unmet ${unmet} vs expected ${expected} − users ${users}`).toBeLessThan(0.011);
}

/** The report's gap table: the ranked areas (a suppressed one has no rank), at most 25. */
const reportGapRows = () => Math.min(25, csvRows(readFileSync(ex.csv.gaps, 'utf8')).filter((r) => r.unmet_rank !== '').length);

const csvRows = (text: string) => parse(text, { bom: true, columns: true }) as Record<string, string>[];

/** Shown rows: the flag follows the printed interval. Suppressed rows: no rank. */
function assertConsistent(r: Record<string, Cell>, where: string): void {
  const hidden = (v: Cell) => v === '*' || v === null || v === '';
  if (hidden(r.users)) {
    expect(r.unmet_rank ?? '', `${where}: rank of a suppressed area`).toBe('');
    return;
  }
  if (hidden(r.ci95_upper)) return;
  const [lower, upper] = [Number(r.ci95_lower), Number(r.ci95_upper)];
  expect(r.significance, `${where}: ${lower}–${upper}`).toBe(upper < 1 ? 'low' : lower > 1 ? 'high' : 'not significant');
}

function scanGapRows(rows: Record<string, Cell>[], where: string): number {
  let shown = 0;
  for (const [i, r] of rows.entries()) {
    assertUserCount(r.users, `${where} row ${i + 1}`);
    assertUnmet(r.users, r.expected_users, r.unmet_need, `${where} row ${i + 1}`);
    assertConsistent(r, `${where} row ${i + 1}`);
    if (r.users !== '*' && r.users !== null && r.users !== '') shown++;
  }
  return shown;
}

/** A quoted ratio is the gap table's (2 dp against its 3), and only where the count is shown. */
function scanStrataRows(rows: Record<string, Cell>[], where: string): void {
  const gaps = new Map(csvRows(readFileSync(ex.csv.gaps, 'utf8')).map((r) => [r.area_code, r]));
  for (const r of rows) {
    const ratio = /ratio\s*(-?[\d.]+)/.exec(String(r.flags ?? ''))?.[1];
    if (ratio === undefined) continue;
    const g = gaps.get(String(r.area_code))!;
    expect(g.uptake_ratio, `${where} ${r.area_code}`).not.toBe('*');
    expect(Math.abs(Number(ratio) - Number(g.uptake_ratio)), `${where} ${r.area_code}`).toBeLessThanOrEqual(0.0051);
  }
}

describe('disclosure scan of every export (NHS rule)', () => {
  it('CSV tables', () => {
    const profile = csvRows(readFileSync(ex.csv.profile, 'utf8'));
    profile.forEach((r) => assertUserCount(r.users, `profile ${r.segment_code}`));
    expect(profile.some((r) => r.users === '*' || Number(r.users) > 0)).toBe(true);

    const gaps = csvRows(readFileSync(ex.csv.gaps, 'utf8'));
    expect(gaps.some((r) => r.users === '*')).toBe(true);
    expect(scanGapRows(gaps, 'gaps.csv')).toBeGreaterThan(0);

    scanStrataRows(csvRows(readFileSync(ex.csv.strata, 'utf8')), 'strata.csv');
    const bands = csvRows(readFileSync(ex.csv.bands, 'utf8'));
    expect(Object.keys(bands[0])).not.toContain('users');
    bands.forEach((r) => expect(Number(r.base) % 5, `bands base ${r.base}`).toBe(0));
  });

  it.each(ANALYSIS_LAYERS)('GeoJSON layer %s', (layer) => {
    const doc = JSON.parse(readFileSync(ex.geojson[layer], 'utf8'));
    const rows = doc.features.map((f: { properties: Record<string, Cell> }) => f.properties) as Record<string, Cell>[];
    if (layer === 'strata') return scanStrataRows(rows, layer);
    expect(doc.disclosure).toContain('Counts of 1–7');
    rows.forEach((r, i) => expect(r.users === null, `${layer} ${i}`).toBe(r.suppressed === 1));
    expect(scanGapRows(rows, layer)).toBeGreaterThan(0);
  });

  it('GeoPackage layers, read with ogr2ogr', () => {
    for (const layer of ANALYSIS_LAYERS) {
      const text = execFileSync('ogr2ogr', ['-f', 'CSV', '/vsistdout/', ex.gpkg, layer], { encoding: 'utf8', maxBuffer: 64 << 20 });
      const rows = csvRows(text);
      expect(rows.length).toBeGreaterThan(0);
      if (layer === 'strata') scanStrataRows(rows, `gpkg ${layer}`);
      else expect(scanGapRows(rows, `gpkg ${layer}`)).toBeGreaterThan(0);
    }
  });

  it('report HTML: the Users and Unmet need columns of every table', () => {
    const html = readFileSync(ex.html, 'utf8');
    const tables = [...html.matchAll(/<table[^>]*>([\s\S]*?)<\/table>/g)].map((m) => m[1]);
    let cells = 0;
    for (const t of tables) {
      const headers = [...t.matchAll(/<th[^>]*>(.*?)<\/th>/g)].map((m) => m[1]);
      const rows = [...t.matchAll(/<tr>(.*?)<\/tr>/g)].slice(1).map((m) => [...m[1].matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((c) => c[1]));
      const u = headers.indexOf('Users');
      const e = headers.indexOf('Expected users');
      const un = headers.indexOf('Unmet need');
      for (const r of rows) {
        const num = (v: string) => (v === '*' ? '*' : v === '–' ? null : v.replace(/,/g, ''));
        if (u >= 0) (assertUserCount(num(r[u]), 'report users'), cells++);
        if (un >= 0) assertUnmet(num(r[u]), num(r[e]), num(r[un]), 'report unmet');
      }
      expect(t).not.toMatch(/uptake ratio\s*-?\d/);
    }
    expect(cells).toBeGreaterThanOrEqual(9 + reportGapRows());
    (globalThis as { htmlUserCells?: number }).htmlUserCells = cells;
  });

  it('report PDF: the rendered Users columns, located by pdftotext word boxes', () => {
    const xml = execFileSync('pdftotext', ['-bbox', ex.pdf, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
    const pages = xml.split('<page ').slice(1);
    let cells = 0;
    for (const page of pages) {
      const words = [...page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)<\/word>/g)].map((m) => ({
        x0: +m[1], y0: +m[2], x1: +m[3], text: m[5].replace(/&amp;/g, '&'),
      }));
      const sameLine = (a: { y0: number }, b: { y0: number }) => Math.abs(a.y0 - b.y0) < 2;
      // Column headers "Users" (not "Users %"); numbers are right-aligned under them.
      const headers = words.filter((w, i) => w.text === 'Users' && words[i + 1]?.text !== '%' && words.some((o) => o.text === 'Base' || o.text === 'Expected') && words.some((o) => sameLine(o, w) && (o.text === 'Base' || o.text === 'Expected')));
      for (const h of headers) {
        const column = words.filter((w) => w.y0 > h.y0 + 2 && Math.abs(w.x1 - h.x1) < 2.5).sort((a, b) => a.y0 - b.y0);
        let last = h.y0;
        for (const w of column) {
          // The table ends at the first gap wider than a wrapped row, or the first word that is not a count.
          if (w.y0 - last > 50 || !/^(\*|–|\d[\d,]*)$/.test(w.text)) break;
          assertUserCount(w.text === '–' ? null : w.text, `PDF users "${w.text}"`);
          cells++;
          last = w.y0;
        }
      }
    }
    // Every Users cell of the HTML (9 profile rows and the ranked gap rows) was found in the PDF: nothing escaped the scan.
    expect(cells).toBe(9 + reportGapRows());
  });
});
