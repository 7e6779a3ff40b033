// Disclosure on a real Rutland project (test/support/rutland-project.ts), under the
// project's default rule, NHS Digital's: users 1–7 shown as "*", others
// rounded to 5. Three promises, each checked in every view that publishes it:
//   1. what is published agrees with itself: significance "low" exactly where
//      the printed 95% interval lies below 1, "high" where above, a gap type
//      only where uptake is low (CLI gaps, export CSV, GeoJSON, the report,
//      and the strata flags that quote the gap table's ratio);
//   2. no published figure narrows a suppressed count below "one of 1–7": the
//      attack of the issue (a ratio × the published expected users, expected −
//      unmet, a rank between two shown unmet needs, a flag only some hidden
//      counts would earn) is run against every CLI table and export;
//   3. the summary's total unmet need covers every area (from exact figures,
//      then rounded to 5), not only the areas whose counts are shown.
// The exact counts come from `--suppress none`, the analyst's own view.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exactPoissonLower, exactPoissonUpper } from '../../shared/analysis/intervals';
import { cgm } from '../analysis-runs/fixture';
import { buildRutland, type RutlandProject } from '../support/rutland-project';

// The project (test/support/rutland-project.ts) with scheme "OAC" down to
// groups, and rates and users written here (they are never published data):
// users per OA follow a fixed pattern with many counts of 1–7, so the
// disclosure rule has plenty to hide.
const SERVICE = 'Stop Smoking';
const SCHEME = 'OAC';
const INDICATOR = 'Smoking';
/** Users per OA, in the OAC file's order: a repeating pattern with 0, small counts 1–7 and larger ones. */
const USER_PATTERN = [0, 3, 12, 1, 25, 6, 9, 2, 40, 5, 17, 7, 4, 31, 8];
const PREVALENCE: Record<string, number> = {
  '1a': 0.1, '1b': 0.12, '1c': 0.14, '2a': 0.16, '2b': 0.18, '2c': 0.2, '6a': 0.22, '6b': 0.24, '6c': 0.26, '7a': 0.28, '7b': 0.3,
};

type Row = Record<string, string>;
const csv = (text: string) => parse(text, { bom: true, columns: true }) as Row[];

let rutland: RutlandProject;
let exact: Map<string, Row>;
const published: Record<string, Row[]> = {};
let summary: { totalUnmet: number | string; text: string };
let exactSummaryRows: Row[];

const run = async (...argv: string[]) => {
  const r = await cgm(...argv);
  if (r.code !== 0) throw new Error(`cgm ${argv.join(' ')}: ${r.stderr}`);
  return r.stdout;
};

beforeAll(async () => {
  rutland = await buildRutland({
    oac: { scheme: SCHEME, depth: 'group', assignAt: 'group' },
    rates: { indicator: INDICATOR, at: 'group', rate: (g) => PREVALENCE[g] },
    users: { service: SERVICE, perArea: (_r, i) => USER_PATTERN[i % USER_PATTERN.length] },
    sites: { service: SERVICE },
  });
  rutland.project.close();
  const p = ['--project', rutland.path, '--service', SERVICE, '--indicator', INDICATOR];
  exactSummaryRows = csv(await run('gaps', ...p, '--suppress', 'none'));
  exact = new Map(exactSummaryRows.map((r) => [r.area_code, r]));
  published.cliGaps = csv(await run('gaps', ...p));
  summary = JSON.parse(await run('gaps', ...p, '--format', 'json')).summary;
  published.cliStrata = csv(await run('strata', ...p));
  await run('review', ...p, '--scheme', SCHEME, '--save', 'baseline');
  published.cliReview = csv(await run('review', ...p, '--scheme', SCHEME, '--compare', 'baseline')).filter((r) => r.kind === 'area');
  const dir = join(rutland.path, '..');
  await run('export', 'csv', '--project', rutland.path, '--table', 'gaps', '--out', join(dir, 'gaps.csv'));
  published.exportGaps = csv(readFileSync(join(dir, 'gaps.csv'), 'utf8'));
  await run('export', 'csv', '--project', rutland.path, '--table', 'strata', '--out', join(dir, 'strata.csv'));
  published.exportStrata = csv(readFileSync(join(dir, 'strata.csv'), 'utf8'));
  await run('export', 'geojson', '--project', rutland.path, '--layer', 'gaps', '--out', join(dir, 'gaps.geojson'));
  const geo = JSON.parse(readFileSync(join(dir, 'gaps.geojson'), 'utf8')) as { features: { properties: Record<string, unknown> }[] };
  // On a map layer a suppressed value is null with suppressed = 1; read it as the "*" of a table.
  const hidden = new Set(['users', 'uptake_ratio', 'ci95_lower', 'ci95_upper', 'ci998_lower', 'ci998_upper', 'unmet_need']);
  published.geojson = geo.features.map((f) =>
    Object.fromEntries(Object.entries(f.properties).map(([k, v]) => [k, v === null ? (f.properties.suppressed === 1 && hidden.has(k) ? '*' : '') : String(v)])),
  );
  await run('export', 'report', '--project', rutland.path, '--out', join(dir, 'report.html'));
  published.report = reportGapRows(readFileSync(join(dir, 'report.html'), 'utf8'));
}, 240_000);
afterAll(() => rutland?.cleanup());

/** The report's ranked gap table, with its "a–b" interval split and "none" read as "not significant". */
function reportGapRows(html: string): Row[] {
  const table = [...html.matchAll(/<table[^>]*>([\s\S]*?)<\/table>/g)].map((m) => m[1]).find((t) => t.includes('95% CI'))!;
  const headers = [...table.matchAll(/<th[^>]*>(.*?)<\/th>/g)].map((m) => m[1]);
  return [...table.matchAll(/<tr>(.*?)<\/tr>/g)].slice(1).map((m) => {
    const cells = [...m[1].matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((c) => c[1]);
    const get = (h: string) => cells[headers.indexOf(h)];
    const [lower, upper] = get('95% CI') === '*' ? ['*', '*'] : get('95% CI').split('–');
    const sig = get('Significance');
    return { area_code: get('Area'), users: get('Users'), expected_users: get('Expected users'), uptake_ratio: get('Uptake ratio'),
      ci95_lower: lower, ci95_upper: upper, significance: sig === 'none' ? 'not significant' : sig, unmet_need: get('Unmet need'),
      unmet_rank: get('Rank'), gap_type: get('Gap type') === '–' ? '' : get('Gap type') };
  });
}

/** Significance of c users against E expected, from the exact Poisson limits (the method below 10 events). */
function significance(c: number, expected: number, confidence = 0.95): string {
  if (exactPoissonUpper(c, confidence) / expected < 1) return 'low';
  if (c > 0 && exactPoissonLower(c, confidence) / expected > 1) return 'high';
  return 'not significant';
}

const GAP_VIEWS = ['cliGaps', 'exportGaps', 'geojson', 'report'] as const;

describe('Rutland, NHS rule: published figures agree with each other', () => {
  it.each(GAP_VIEWS)('%s: low ⇔ upper < 1, high ⇔ lower > 1, and a gap type only where low', (view) => {
    const rows = published[view];
    expect(rows.length).toBeGreaterThan(view === 'report' ? 15 : 100);
    let checked = 0;
    for (const r of rows) {
      const where = `${view} ${r.area_code}`;
      if (r.ci95_upper !== '*') {
        const [lower, upper] = [Number(r.ci95_lower), Number(r.ci95_upper)];
        expect(r.significance, where).toBe(upper < 1 ? 'low' : lower > 1 ? 'high' : 'not significant');
        checked++;
      } else if (r.significance !== '*') {
        // A suppressed count's flag must be the one every count from 1 to 7 would give.
        const e = Number(r.expected_users);
        for (let c = 1; c <= 7; c++) expect(significance(c, e), `${where} with ${c} users`).toBe(r.significance);
      }
      if (r.gap_type && r.gap_type !== '*') expect(r.significance, `${where} gap ${r.gap_type}`).toBe('low');
    }
    expect(checked).toBeGreaterThan(view === 'report' ? 10 : 40);
  });

  it('strata flags quote the ratio the gap table publishes, and a low flag only where it is low', () => {
    const gaps = new Map(published.cliGaps.map((r) => [r.area_code, r]));
    for (const view of ['cliStrata', 'exportStrata'] as const) {
      let quoted = 0;
      for (const s of published[view]) {
        const g = gaps.get(s.area_code)!;
        const ratio = /uptake ratio (-?[\d.]+)/.exec(s.flags)?.[1];
        if (ratio !== undefined) {
          expect(g.uptake_ratio, `${view} ${s.area_code}`).not.toBe('*');
          // The flag prints the ratio to 2 dp, the table to 3.
          expect(Math.abs(Number(ratio) - Number(g.uptake_ratio)), `${view} ${s.area_code}`).toBeLessThanOrEqual(0.0051);
          quoted++;
        }
        if (/significantly low at 95%/.test(s.flags)) expect(g.significance, `${view} ${s.area_code}`).toBe('low');
      }
      expect(quoted).toBeGreaterThan(10);
    }
  });
});

describe('Rutland, NHS rule: no suppressed count can be recovered from any CLI table or export', () => {
  /** Counts 1–7 still consistent with everything published about one area. */
  function candidates(code: string): number[] {
    const gapRows = [published.cliGaps, published.exportGaps, published.geojson].map((rows) => rows.find((r) => r.area_code === code)!);
    const e = Number(gapRows[0].expected_users);
    let left = [1, 2, 3, 4, 5, 6, 7];
    const keep = (test: (c: number) => boolean) => (left = left.filter(test));
    for (const r of gapRows) {
      if (r.uptake_ratio !== '*' && r.uptake_ratio !== '') keep((c) => Math.abs(c / e - Number(r.uptake_ratio)) <= 0.0005);
      if (r.unmet_need !== '*' && r.unmet_need !== '') keep((c) => Math.abs(Math.max(0, e - c) - Number(r.unmet_need)) <= 0.005);
      if (r.significance !== '*') keep((c) => significance(c, e) === r.significance);
    }
    // A rank places the hidden unmet need between the shown ones ranked next to it.
    const rank = Number(gapRows[0].unmet_rank);
    if (rank > 0) {
      const byRank = new Map(published.cliGaps.filter((r) => r.unmet_rank && r.unmet_need !== '*').map((r) => [Number(r.unmet_rank), Number(r.unmet_need)]));
      const above = byRank.get(rank - 1) ?? Infinity;
      const below = byRank.get(rank + 1) ?? 0;
      keep((c) => e - c <= above && e - c >= below);
    }
    // Strata flags: a quoted ratio, and "significantly low" at 99.8% or only at 95%.
    for (const view of ['cliStrata', 'exportStrata'] as const) {
      const flags = published[view].find((r) => r.area_code === code)?.flags ?? '';
      const ratio = /uptake ratio (-?[\d.]+)/.exec(flags)?.[1];
      if (ratio !== undefined) keep((c) => Math.abs(c / e - Number(ratio)) <= 0.005);
      if (/low at 99\.8%/.test(flags)) keep((c) => significance(c, e, 0.998) === 'low');
      if (/low at 95%/.test(flags)) keep((c) => significance(c, e) === 'low');
    }
    const review = published.cliReview.find((r) => r.code === code);
    if (review && review.uptake_after !== '*' && review.uptake_after !== '') keep((c) => Math.abs(c / e - Number(review.uptake_after)) <= 0.0005);
    if (review && review.significance_after !== '*' && review.significance_after !== '') keep((c) => significance(c, e) === review.significance_after);
    return left;
  }

  it('every suppressed area stays any of 1–7', () => {
    const suppressed = published.cliGaps.filter((r) => r.users === '*');
    expect(suppressed.length).toBeGreaterThan(30);
    const narrowed = suppressed
      .map((r) => ({ code: r.area_code, exact: Number(exact.get(r.area_code)!.users), left: candidates(r.area_code) }))
      .filter((x) => x.left.length < 7);
    expect(narrowed).toEqual([]);
  });

  it('cgm profile by area: a suppressed area shows no share, penetration or index', async () => {
    const rows = csv(await run('profile', '--project', rutland.path, '--service', SERVICE, '--scheme', SCHEME, '--geography-level', 'OA', '--indicator', INDICATOR));
    const hidden = rows.filter((r) => r.users === '*');
    expect(hidden.length).toBeGreaterThan(30);
    for (const r of hidden) expect([r.users_pct, r.penetration, r.index], r.segment_code).toEqual(['*', '*', '*']);
    // The total is a count too: rounded to 5, like every other.
    expect(Number(rows.find((r) => r.segment_code === 'TOTAL')!.users) % 5).toBe(0);
  });

  it('a suppressed area has no rank, ratio, interval or unmet need in any table', () => {
    for (const view of [...GAP_VIEWS, 'cliReview'] as const) {
      for (const r of published[view].filter((x) => x.users === '*' || x.users_after === '*')) {
        const where = `${view} ${r.area_code ?? r.code}`;
        if (view === 'cliReview') expect([r.uptake_after, r.uptake_change], where).toEqual(['*', '*']);
        else expect([r.uptake_ratio, r.ci95_lower, r.ci95_upper, r.unmet_need, r.unmet_rank ?? ''], where).toEqual(['*', '*', '*', '*', '']);
      }
    }
  });
});

describe('Rutland, NHS rule: the who/what/where summary', () => {
  it('totals unmet need over every area, then rounds that total to 5', () => {
    // Σ max(0, expected − users) over all areas, from the analyst's exact view (each to 2 dp, so the sum is within 0.6).
    const exactTotal = exactSummaryRows.reduce((s, r) => s + Number(r.unmet_need), 0);
    const shownOnly = published.cliGaps.filter((r) => r.unmet_need !== '*').reduce((s, r) => s + Number(r.unmet_need), 0);
    // The suppressed areas carry real unmet need: leaving them out loses more than rounding could.
    expect(exactTotal - shownOnly).toBeGreaterThan(20);
    expect(typeof summary.totalUnmet).toBe('number');
    expect(Number(summary.totalUnmet) % 5).toBe(0);
    expect(Math.abs(Number(summary.totalUnmet) - exactTotal)).toBeLessThanOrEqual(3.1);
    expect(summary.text).toContain(`about ${summary.totalUnmet} people`);
  });
});

describe('Rutland, other rules', () => {
  const p = () => ['--project', rutland.path, '--service', SERVICE, '--indicator', INDICATOR];

  it('a threshold rule hides every figure of a suppressed area, its flag and strata ratio included', async () => {
    const gaps = csv(await run('gaps', ...p(), '--suppress', '10'));
    const strata = new Map(csv(await run('strata', ...p(), '--suppress', '10')).map((r) => [r.area_code, r]));
    const hidden = gaps.filter((r) => r.users === '*');
    // Every count 1–9 (complementary suppression adds more only where one hidden cell would stand alone).
    expect(hidden.length).toBeGreaterThanOrEqual(gaps.filter((r) => Number(exact.get(r.area_code)!.users) > 0 && Number(exact.get(r.area_code)!.users) < 10).length);
    for (const r of hidden) {
      expect([r.uptake_ratio, r.significance, r.unmet_need, r.unmet_rank, r.gap_type], r.area_code).toEqual(['*', '*', '*', '', '*']);
      expect(strata.get(r.area_code)!.flags, r.area_code).not.toMatch(/uptake/);
    }
  });

  it('--suppress none gives the analyst exact ratios in the strata flags, with the warning', async () => {
    const r = await cgm('strata', ...p(), '--suppress', 'none');
    expect(r.stderr).toBe('warning: exact counts (--suppress none) are for the analyst only; do not share this output\n');
    const flagged = csv(r.stdout).filter((x) => /uptake ratio/.test(x.flags));
    // Areas every shared table suppresses get their exact ratio here: users ÷ expected (unrounded) to 2 dp.
    const ofSuppressed = flagged.filter((x) => published.cliGaps.find((g) => g.area_code === x.area_code)!.users === '*');
    expect(ofSuppressed.length).toBeGreaterThan(5);
    for (const x of ofSuppressed) {
      const e = exact.get(x.area_code)!;
      const ratio = Number(/uptake ratio ([\d.]+)/.exec(x.flags)![1]);
      expect(Math.abs(ratio - Number(e.users) / Number(e.expected_users)), x.area_code).toBeLessThan(0.006);
    }
  });
});
