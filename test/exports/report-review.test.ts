// Issue 16: the report's review section (workbook section 9) compares with a
// saved baseline, as the workbook's Review panel does: the change in users,
// index and uptake by segment, and the baseline's targets met or not. Real
// Rutland (test/support/rutland-project.ts), OAC 2021 assigned at supergroup:
// the 111 OAs with a segment are 37 in supergroup 1, 54 in 2, 11 in 6 and 9 in 7
// (oac2021_by_oa.csv). The baseline has 10 users at each OA's first postcode,
// the later extract 20, so users per supergroup go 370 → 740, 540 → 1,080,
// 110 → 220 and 90 → 180: multiples of 5, which the project's sharing rule (NHS:
// counts rounded to 5) publishes unchanged. Uptake and index
// depend only on each segment's share of users against its share of need, which
// doubling every count leaves as it was: no change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addReviewTargets } from '../../electron/analysis/review-baselines';
import { saveReviewBaseline } from '../../electron/analysis/review-run';
import { exportReport } from '../../electron/exports/export-service';
import { importUsers } from '../../electron/importers/index';
import { buildRutland, GP, OAC, text, usersExtract, type RutlandProject } from '../support/rutland-project';

const INDICATOR = 'Smoking';
const RATE: Record<string, number> = { '1': 0.1, '2': 0.12, '6': 0.16, '7': 0.2 };
let rutland: RutlandProject;

/** The report's HTML section for workbook section `id`. */
function section(html: string, id: string): string {
  const at = html.indexOf(`<section class="report-section" id="${id}"`);
  return at < 0 ? '' : html.slice(at, html.indexOf('</section>', at));
}
/** A table of the report by its data-table name: its rows as cell texts. */
function tableRows(html: string, name: string): string[][] {
  const at = html.indexOf(`data-table="${name}"`);
  if (at < 0) return [];
  const body = html.slice(at, html.indexOf('</table>', at));
  return [...body.matchAll(/<tr>(.*?)<\/tr>/gs)].slice(1).map((m) => [...m[1].matchAll(/<t[dh][^>]*>(.*?)<\/t[dh]>/gs)].map((c) => c[1].replace(/<[^>]+>/g, '').replace(/&gt;/g, '>').replace(/&lt;/g, '<').replace(/&amp;/g, '&').trim()));
}
const report = async () => (await exportReport(rutland.project, 'html', { service: GP, indicator: INDICATOR })).bytes.toString('utf8');

beforeAll(async () => {
  rutland = await buildRutland({
    lsoa: false,
    oac: { depth: 'group', assignAt: 'supergroup' },
    rates: { indicator: INDICATOR, at: 'supergroup', rate: (code) => RATE[code] },
    users: { service: GP, perArea: () => 10 },
  });
}, 120_000);
afterAll(() => rutland?.cleanup());

describe('the report\'s review section', () => {
  it('has no comparison before a baseline is saved', async () => {
    const html = await report();
    expect(section(html, 'review')).toContain('Review targets and date');
    expect(tableRows(html, 'review-changes')).toEqual([]);
  });

  it('with a baseline and a later extract: users, index and uptake by segment, then and now, and the targets checked', async () => {
    saveReviewBaseline(rutland.project, 'Spring 2024', { service: GP, indicator: INDICATOR, scheme: OAC });
    addReviewTargets(rutland.project, 'Spring 2024', ['segment 1 users >= 700', 'segment 7 users >= 200']);
    await importUsers(rutland.project, text('later.csv', usersExtract(() => 20).csv), { service: GP, postcodeField: 'postcode' });
    const html = await report();
    const review = section(html, 'review');
    expect(review).toContain('Change since baseline “Spring 2024”');
    const rows = tableRows(review, 'review-changes');
    // Segment, name, users then / now / change, index then / now / change, uptake then / now / change.
    expect(rows.map((r) => [r[0], r[2], r[3], r[4]])).toEqual([
      ['1', '370', '740', '370'], ['2', '540', '1,080', '540'], ['6', '110', '220', '110'], ['7', '90', '180', '90'],
    ]);
    for (const r of rows) {
      expect(r[5], `index of ${r[0]}`).toBe(r[6]);
      expect(Number(r[7]), `index change of ${r[0]}`).toBe(0);
      expect(r[8], `uptake of ${r[0]}`).toBe(r[9]);
      expect(Number(r[10]), `uptake change of ${r[0]}`).toBe(0);
    }
    expect(review).toContain('Targets: 1 of 2 met');
    expect(tableRows(review, 'review-targets').map((r) => [r[0], r[1], r[2]])).toEqual([
      ['segment 1 users >= 700', '740', 'met'], ['segment 7 users >= 200', '180', 'not met'],
    ]);
  });
});
