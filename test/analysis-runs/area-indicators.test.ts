// Issue 19 items 1-2: area indicators imported at one level and read at another.
//
// Real data: Rutland's Census 2021 TS045 car availability by OA and TS001
// usual residents (the apportioning weights), from ../shared/data/uk/rutland.
// The IMD "File 7" files below are HAND-WRITTEN in the published layout: no
// real IMD 2019 file is available here (../shared/ENVIRONMENT.md), so every
// IMD figure in this file is made up to exercise the layout, not a real figure.
//
// Two real LSOAs, by hand from the CSVs:
//   E01013795: OAs E00069587 / E00069588 / E00069589 / E00069590
//     usual residents 117 / 374 / 323 / 313 = 1,127
//     TS045 households 57 / 163 / 153 / 141 = 514; no_car 2 / 12 / 9 / 8 = 31
//   E01013799: OAs E00069601 / E00069602 / E00069606 / E00172620 / E00172621 / E00172622
//     usual residents 209 / 322 / (no row) / 209 / 156 / 144 = 1,040
//     (E00069606 is a 2011 OA with no 2021 population or TS045 row: README "Join coverage")
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cgm, parseCsv } from './fixture';
import { buildRutland, rutlandFile, text } from '../support/rutland-project';
import { importIndicators } from '../../electron/importers/area-indicators';
import { guessIndicatorKind, indicatorAtLevel } from '../../shared/analysis/area-indicators';
import { tempDir } from '../importers/helpers';
import { openProject } from '../../electron/store/project';
import { dispatch } from '../../electron/services/dispatch';
import { createHandlers } from '../../electron/services/handlers';
import { ProjectSession } from '../../electron/services/project-session';

const tmp = tempDir('cgm-indicators-');
afterAll(() => tmp.cleanup());

const IMD_SCORE = 'Index of Multiple Deprivation (IMD) Score';
const IMD_RANK = 'Index of Multiple Deprivation (IMD) Rank (where 1 is most deprived)';
const IMD_DECILE = 'Index of Multiple Deprivation (IMD) Decile (where 1 is most deprived 10% of LSOAs)';
const EDUCATION = 'Education, Skills and Training Score';
const POP_2015 = 'Total population: mid 2015 (excluding prisoners)';
/** File 7's leading columns (published names), a domain with a comma in its name and a population count. HAND-WRITTEN values. */
const FILE7_HEADER = ['LSOA code (2011)', 'LSOA name (2011)', 'Local Authority District code (2019)', 'Local Authority District name (2019)', IMD_SCORE, IMD_RANK, IMD_DECILE, 'Income Score (rate)', EDUCATION, POP_2015];
const csvLine = (cells: (string | number)[]) => cells.map((c) => (/[,"]/.test(String(c)) ? `"${String(c).replace(/"/g, '""')}"` : String(c))).join(',');
/** Hand-written rows for two Rutland LSOAs: NOT real IMD figures. */
const file7 = (rows: (string | number)[][]) => [csvLine(FILE7_HEADER), ...rows.map(csvLine)].join('\n') + '\n';
const HAND_WRITTEN = file7([
  ['E01013795', 'Rutland 001A', 'E06000017', 'Rutland', 12.5, 20000, 7, 0.08, 10.25, 1000],
  ['E01013799', 'Rutland 002E', 'E06000017', 'Rutland', 30, 6000, 2, 0.2, 40.5, 1560],
]);

let path: string;
beforeAll(async () => {
  const r = await buildRutland({ dir: tmp.dir, file: 'ind.gpkg', oac: false, postcodes: false, sites: false });
  path = r.path;
  r.project.close();
  for (const args of [
    ['--file', rutlandFile('car_availability_census2021_ts045_by_oa.csv'), '--area-field', 'oa_code', '--level', 'OA'],
  ]) {
    const res = await cgm('import', 'indicators', '--project', path, '--quiet', ...args);
    expect(res.stderr).toBe('');
  }
});

const values = async (indicator: string, level: string) => {
  const r = await cgm('indicators', '--project', path, '--indicator', indicator, '--level', level);
  expect(r.code).toBe(0);
  return { note: r.stderr, byArea: new Map(parseCsv(r.stdout).map((x) => [x.area_code, Number(x.value)])) };
};

describe('TS045 car availability (real Rutland) at OA and aggregated to LSOA', () => {
  it('imports every numeric column as a count, plus the share without a car', async () => {
    const r = await cgm('indicators', '--project', path);
    expect(parseCsv(r.stdout).map((x) => [x.name, x.level, x.kind])).toEqual([
      ['households', 'OA', 'count'], ['households_without_car_pct', 'OA', 'rate'], ['no_car', 'OA', 'count'],
      ['one_car', 'OA', 'count'], ['three_plus_cars', 'OA', 'count'], ['two_cars', 'OA', 'count'],
    ]);
  });

  it('sums counts up to LSOA: E01013795 no_car 2 + 12 + 9 + 8 = 31, households 514', async () => {
    expect((await values('no_car', 'LSOA')).byArea.get('E01013795')).toBe(31);
    const h = await values('households', 'LSOA');
    expect(h.byArea.get('E01013795')).toBe(514);
    expect(h.note).toBe('note: households (count) at LSOA: OA counts summed to LSOA\n');
  });

  it('averages the share up by population: E01013795 = Σ residents × % / 1,127', async () => {
    // OA shares 100 × 2/57 = 3.5088, 12/163 = 7.3620, 9/153 = 5.8824, 8/141 = 5.6738;
    // (117 × 3.5088 + 374 × 7.3620 + 323 × 5.8824 + 313 × 5.6738) / 1,127
    //   = (410.53 + 2,753.37 + 1,900.00 + 1,775.89) / 1,127 = 6,839.79 / 1,127 = 6.0690.
    const r = await values('households_without_car_pct', 'LSOA');
    expect(r.byArea.get('E01013795')).toBeCloseTo(6.069, 3);
    expect(r.note).toBe('note: households_without_car_pct (rate) at LSOA: population-weighted mean of the OA rates in each LSOA (population: persons)\n');
    // At its own level the value is as imported: E00069587 100 × 2 / 57.
    expect((await values('households_without_car_pct', 'OA')).byArea.get('E00069587')).toBeCloseTo(3.50877, 4);
  });
});

describe('IMD File 7 layout (HAND-WRITTEN figures) at LSOA, apportioned to OA', () => {
  beforeAll(async () => {
    const p = openProject(path);
    try {
      const s = await importIndicators(p, text('imd2019_file7_handwritten.csv', HAND_WRITTEN), { areaField: 'LSOA code (2011)', level: 'LSOA' });
      expect(s.details!.indicators).toEqual([
        { name: IMD_SCORE, kind: 'score' }, { name: IMD_RANK, kind: 'rank' }, { name: IMD_DECILE, kind: 'decile' },
        { name: 'Income Score (rate)', kind: 'score' }, { name: EDUCATION, kind: 'score' }, { name: POP_2015, kind: 'count' },
      ]);
      expect(s.warnings).toEqual(["21 of the project's 23 LSOA areas have no row, so no value"]);
    } finally {
      p.close();
    }
  });

  it('shares a count among the OAs by population: E01013795 1,000 × 117 / 1,127 and × 374 / 1,127', async () => {
    // 1,000 × 117 / 1,127 = 103.815; 1,000 × 374 / 1,127 = 331.854.
    // E01013799: 1,560 × 209 / 1,040 = 313.5; E00069606 has no residents so gets 0 of it.
    const r = await values(POP_2015, 'OA');
    expect(r.byArea.get('E00069587')).toBeCloseTo(103.815, 3);
    expect(r.byArea.get('E00069588')).toBeCloseTo(331.854, 3);
    expect(r.byArea.get('E00069601')).toBeCloseTo(313.5, 6);
    expect(r.byArea.get('E00069606')).toBe(0);
    expect(r.note).toBe(`note: ${POP_2015} (count) at OA: LSOA counts shared among its OA areas in proportion to their population (population: persons)\nnote: 106 OA area(s) have no value\n`);
  });

  it("gives each OA its LSOA's decile, rank and score (never a share of them)", async () => {
    const d = await values(IMD_DECILE, 'OA');
    expect([...['E00069587', 'E00069590', 'E00069601', 'E00069606', 'E00172622'].map((c) => d.byArea.get(c))]).toEqual([7, 7, 2, 2, 2]);
    expect(d.byArea.size).toBe(10); // the 4 + 6 OAs of the two LSOAs; the file has no other LSOA
    expect(d.note).toBe(`note: ${IMD_DECILE} (decile) at OA: each OA takes the decile of its LSOA\nnote: 106 OA area(s) have no value\n`);
    expect((await values(EDUCATION, 'OA')).byArea.get('E00069588')).toBe(10.25);
  });

  it('names the file, row and field of a bad cell and leaves the project as it was', async () => {
    const bad = file7([
      ['E01013795', 'Rutland 001A', 'E06000017', 'Rutland', 12.5, 20000, 7, 0.08, 10.25, 1000],
      ['E01013799', 'Rutland 002E', 'E06000017', 'Rutland', 30, 6000, 11, 0.2, 40.5, 1560],
    ]);
    const p = openProject(path);
    try {
      await expect(importIndicators(p, text('bad_file7.csv', bad), { areaField: 'LSOA code (2011)', level: 'LSOA' })).rejects.toThrow(
        `bad_file7.csv row 3, field "${IMD_DECILE}": "11" is not a decile (expected a whole number 1 to 10)`,
      );
      const notNumber = HAND_WRITTEN.replace('40.5', 'n/a');
      await expect(importIndicators(p, text('bad_file7.csv', notNumber), { areaField: 'LSOA code (2011)', level: 'LSOA', fields: `${IMD_DECILE},${EDUCATION}` })).rejects.toThrow(
        `bad_file7.csv row 3, field "${EDUCATION}": "n/a" is not a number`,
      );
      expect(p.db.prepare('SELECT value FROM cgm_area_indicator_values WHERE indicator = ? AND area_code = ?').pluck().get(IMD_DECILE, 'E01013799')).toBe(2);
    } finally {
      p.close();
    }
  });

  it('--fields picks columns, a comma inside a column name included', async () => {
    const r = await cgm('import', 'indicators', '--project', path, '--quiet', '--file', writeTmp('f7.csv', HAND_WRITTEN), '--area-field', 'LSOA code (2011)', '--level', 'LSOA', '--fields', `${EDUCATION},${IMD_SCORE}`);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).details.indicators).toEqual([{ name: EDUCATION, kind: 'score' }, { name: IMD_SCORE, kind: 'score' }]);
  });
});

describe('the area panel (getAreaIndicatorValues): every indicator for one area, with its method', () => {
  it('gives E01013795 at LSOA its summed count, weighted share and own decile, and no value for a rank it would have to average', async () => {
    const session = new ProjectSession(path);
    try {
      const ctx = quietContext();
      const r = (await dispatch(createHandlers(session), 'getAreaIndicatorValues', { level: 'LSOA', code: 'E01013795' }, ctx)) as { values: { name: string; value: number | null; method: string }[] };
      const v = new Map(r.values.map((x) => [x.name, x]));
      expect(v.get('no_car')!.value).toBe(31);
      expect(v.get('households_without_car_pct')!.value).toBeCloseTo(6.069, 3);
      expect(v.get(IMD_DECILE)!.value).toBe(7); // hand-written, as imported at LSOA
      expect(v.get('no_car')!.method).toBe('no_car (count) at LSOA: OA counts summed to LSOA');
    } finally {
      session.close();
    }
  });
});

describe('the kind a column name says', () => {
  it('reads snake_case names as words (a decile named imd_decile was taken for a score)', () => {
    expect(['imd_decile', 'income_rank', 'imd_score', 'no_car_pct', 'no_car'].map((n) => guessIndicatorKind(n, [1, 2]))).toEqual(['decile', 'rank', 'score', 'rate', 'count']);
  });
});

describe('the method of each kind (indicatorAtLevel, hand-made two-level example)', () => {
  // Parent P has children a (population 100) and b (300).
  const base = { sourceLevel: 'child', targetLevel: 'parent', targetAreas: ['P'], parents: { a: 'P', b: 'P' }, population: new Map([['a', 100], ['b', 300]]), finestAreas: ['a', 'b'], values: new Map([['a', 2], ['b', 6]]) };
  it('refuses to average ranks and deciles up', () => {
    const r = indicatorAtLevel({ ...base, kind: 'decile' });
    expect(r.values.size).toBe(0);
    expect(r.missing).toEqual(['P']);
    expect(r.method).toBe('deciles are not averaged, so there is no parent value; use the score at parent instead');
  });
  it('weights scores by population, (100 × 2 + 300 × 6) / 400 = 5, and sums counts, 8', () => {
    expect(indicatorAtLevel({ ...base, kind: 'score' }).values.get('P')).toBe(5);
    expect(indicatorAtLevel({ ...base, kind: 'count' }).values.get('P')).toBe(8);
  });
});

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { quietContext } from '../support/handler-call';
function writeTmp(name: string, body: string): string {
  const file = join(tmp.dir, name);
  writeFileSync(file, body);
  return file;
}
