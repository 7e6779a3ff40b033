// Issue 16 on real Rutland data (gapScenario() in test/support/rutland-project.ts): a baseline saved on
// the first users file, targets set on it, then a second users file in which
// outreach reached the first six of the twelve zero-use OAs; the comparison
// and the targets through `cgm` and through the app's contract alike. Then
// suggested sites: the app's run equals `cgm suggest` for the same inputs.
//
// Figures worked from the raw files (users per OA = round half up of
// residents × prevalence / 2, need = residents × prevalence; total need 4420.8,
// persons base 35,594 in the 111 OAs of the OAC lookup):
//   users before 1979, after 2104 (+25 E00069551, +20 E00069561, +23 E00069571,
//   +25 E00069580, +19 E00069589, +13 E00069599).
//   E00069551 (6c2, 307 residents × 0.16 = need 49.12): 0 users → 25; expected after
//     2104 × 49.12 / 4420.8 = 23.378, uptake 25 / 23.378 = 1.069 (change +1.069).
//   Subgroup 2c2 (need 259.8, base 2165): 110 → 130 users (+20, +18.2%);
//     uptake 110 / (1979 × 259.8 / 4420.8 = 116.301) = 0.946 → 130 / 123.647 = 1.051;
//     index 110 / 1979 ÷ (2165 / 35594) × 100 = 91.4 → 91, then 101.6 → 102.
//   Subgroup 7a2 (need 431.0): 166 → 189 users; uptake 0.860 → 0.921.
//   Under the NHS rule (counts to the nearest 5, 1–7 as *): 7a2's 189 is shown 190,
//     expected from the rounded total 2105 × 431 / 4420.8 = 205.225, uptake 0.926;
//     E00069587's 7 users are *.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallContext } from '../../shared/contract';
import { createHandlers } from '../../electron/services/handlers';
import { dispatch } from '../../electron/services/dispatch';
import { ProjectSession } from '../../electron/services/project-session';
import { cgm, parseCsv } from './fixture';
import { buildRutland, gapScenario, GP as SERVICE, INDICATOR, OAC as SCHEME, rutlandUsersCsv, zeroUseAreas, type RutlandProject } from '../support/rutland-project';
import { quietContext } from '../support/handler-call';

let rutland: RutlandProject;
let dir: string;
let project: string;
const ctx = quietContext();
/** The app's call, through the real dispatch, on the project as it is on disk now (an import replaces the file). */
async function app<T = Record<string, unknown>>(method: string, input: unknown, context: CallContext = ctx): Promise<T> {
  const session = new ProjectSession(project);
  try {
    return (await dispatch(createHandlers(session), method, input, context)) as T;
  } finally {
    session.close();
  }
}
const call = app;
const P = () => ['--project', project];
const ok = async (...argv: string[]) => {
  const r = await cgm(...argv);
  expect(r.code, r.stderr).toBe(0);
  return r;
};

beforeAll(async () => {
  rutland = await buildRutland(gapScenario());
  rutland.project.close();
  ({ dir, path: project } = rutland);
}, 180_000);
afterAll(() => rutland?.cleanup());

const TARGETS = [
  'area E00069551 users >= 20',
  'area E00069611 users >= 1',
  'segment 2c2 users_change_pct >= 10',
  'segment 7a2 uptake >= 0.95',
  'area E00069587 uptake >= 1',
  'area E00069551 users_change_pct >= 10',
];

describe('review against a saved baseline, with targets (Rutland)', () => {
  it('saves the baseline, sets targets, and refuses a target that makes no sense', async () => {
    const saved = JSON.parse((await ok('baseline', 'save', ...P(), '--name', 'Before outreach', '--service', SERVICE, '--indicator', INDICATOR, '--scheme', SCHEME)).stdout);
    expect(saved).toMatchObject({ saved: 'Before outreach', segments: 18, areas: 111 });
    for (const t of TARGETS) await ok('baseline', 'target', ...P(), '--name', 'Before outreach', '--add', t);
    expect(await cgm('baseline', 'target', ...P(), '--name', 'Before outreach', '--add', 'area E00069551 index >= 100')).toMatchObject({
      code: 1, stderr: 'cgm baseline target: target "area E00069551 index >= 100": areas have no index; use uptake or users\n',
    });
    expect(await cgm('baseline', 'target', ...P(), '--name', 'Before outreach', '--add', 'segment 2c2 users > 3')).toMatchObject({ code: 1 });
    const list = await call<{ name: string; service: string; scheme: string; period: string | null; targets: { id: number }[] }[]>('listBaselines', {});
    expect(list).toMatchObject([{ name: 'Before outreach', service: SERVICE, scheme: SCHEME, period: null }]);
    expect(list[0].targets).toHaveLength(TARGETS.length);
    const csv = parseCsv((await ok('baseline', 'list', ...P(), '--format', 'csv')).stdout);
    expect(csv).toMatchObject([{ name: 'Before outreach', service: SERVICE, indicator: INDICATOR, scheme: SCHEME, period: '', targets: TARGETS.join('; ') }]);
  });

  it('compares the second users file: changes by segment and area, exact (hand-checked above)', async () => {
    writeFileSync(join(dir, 'users-later.csv'), rutlandUsersCsv(new Set(zeroUseAreas().slice(6))));
    await ok('import', 'users', ...P(), '--file', join(dir, 'users-later.csv'), '--service', SERVICE, '--postcode-field', 'postcode');
    const r = await ok('review', ...P(), '--baseline', 'Before outreach', '--suppress', 'none');
    const rows = parseCsv(r.stdout);
    const row = (kind: string, code: string) => rows.find((x) => x.kind === kind && x.code === code)!;
    expect(row('area', 'E00069551')).toMatchObject({ users_before: '0', users_after: '25', users_change: '25', uptake_before: '0', uptake_after: '1.069', uptake_change: '1.069', significance_before: 'low', significance_after: 'not significant' });
    expect(row('segment', '2c2')).toMatchObject({ users_before: '110', users_after: '130', users_change: '20', index_before: '91', index_after: '102', uptake_before: '0.946', uptake_after: '1.051' });
    expect(row('segment', '7a2')).toMatchObject({ users_before: '166', users_after: '189', uptake_before: '0.86', uptake_after: '0.921' });
    // Exact figures: every target but the % change from zero can be judged.
    expect(r.stderr.split('\n').filter((l) => l.startsWith('target:'))).toEqual([
      'target: area E00069551 users >= 20: met (25)',
      'target: area E00069611 users >= 1: not met (0)',
      'target: segment 2c2 users_change_pct >= 10: met (18.2)',
      'target: segment 7a2 uptake >= 0.95: not met (0.921)',
      'target: area E00069587 uptake >= 1: met (1.048)',
      'target: area E00069551 users_change_pct >= 10: unknown (no users in the baseline, so no % change)',
    ]);
  });

  it('under the disclosure rule a suppressed figure leaves its target unknown; the app and the CLI agree', async () => {
    const r = await ok('review', ...P(), '--baseline', 'Before outreach', '--table', 'targets');
    const targets = parseCsv(r.stdout);
    expect(targets.map((t) => [t.target, t.actual, t.status])).toEqual([
      ['area E00069551 users >= 20', '25', 'met'],
      ['area E00069611 users >= 1', '0', 'not met'],
      ['segment 2c2 users_change_pct >= 10', '18.2', 'met'],
      ['segment 7a2 uptake >= 0.95', '0.926', 'not met'],
      ['area E00069587 uptake >= 1', '*', 'unknown'],
      ['area E00069551 users_change_pct >= 10', '', 'unknown'],
    ]);
    const json = JSON.parse((await ok('review', ...P(), '--baseline', 'Before outreach', '--format', 'json')).stdout);
    const shown = await call<{ rows: unknown[]; targets: unknown[]; exactCounts: boolean }>('getBaselineReview', { name: 'Before outreach', presentation: true });
    expect(shown.exactCounts).toBe(false);
    expect(shown.rows).toEqual(json.rows);
    expect(shown.targets).toEqual(json.targets);
  });

  it('the review files from the Export dialog are the files `cgm review --out` writes', async () => {
    for (const table of ['changes', 'targets'] as const) {
      const out = join(dir, `review-${table}.csv`);
      await ok('review', ...P(), '--baseline', 'Before outreach', '--table', table, '--out', out);
      const file = await call<{ filename: string; dataBase64: string }>('exportReview', { name: 'Before outreach', table });
      expect(Buffer.from(file.dataBase64, 'base64').equals(readFileSync(out))).toBe(true);
      expect(file.filename).toBe(table === 'changes' ? 'review_Before_outreach.csv' : 'review_targets_Before_outreach.csv');
    }
    const text = readFileSync(join(dir, 'review-changes.csv'), 'utf8');
    expect(text.startsWith('\uFEFFkind,code,name,users_before')).toBe(true);
    // Shared files follow the project rule: 7 users are never written.
    expect(text).toContain('\r\narea,E00069587,,*,*,*,');
  });

  it('targets set in the app replace the list and undo as one edit; deleting the baseline takes its targets', async () => {
    type Listed = { targets: { id: number; kind: string; code: string; measure: string; op: string; value: number }[] }[];
    const withoutIds = (list: Listed) => list[0].targets.map(({ id: _id, ...t }) => t);
    const before = withoutIds(await call<Listed>('listBaselines', {}));
    expect(before).toHaveLength(TARGETS.length);
    const { inverse } = await call<{ inverse: unknown }>('applyMoment', {
      moment: { reviewTargets: { baseline: 'Before outreach', targets: [{ kind: 'segment', code: '6c2', measure: 'uptake', op: '>=', value: 1 }] } },
    });
    expect((await call<{ targets: unknown[] }[]>('listBaselines', {}))[0].targets).toMatchObject([{ kind: 'segment', code: '6c2' }]);
    // 6c2: 118 → 143 users, uptake 0.927 → 1.056 exact.
    const review = await call<{ targets: { status: string; actual: number }[] }>('getBaselineReview', { name: 'Before outreach' });
    expect(review.targets).toMatchObject([{ status: 'met', actual: 1.056 }]);
    // Undo puts the six targets back, in their order.
    await call('applyMoment', { moment: inverse });
    expect(withoutIds(await call<Listed>('listBaselines', {}))).toEqual(before);
    await expect(call('applyMoment', { moment: { reviewTargets: { baseline: 'Before outreach', targets: [{ kind: 'area', code: 'E1', measure: 'index', op: '>=', value: 1 }] } } })).rejects.toThrow(/areas have no index/);
    await ok('baseline', 'delete', ...P(), '--name', 'Before outreach');
    expect(await call('listBaselines', {})).toEqual([]);
    expect(await cgm('review', ...P(), '--baseline', 'Before outreach')).toMatchObject({ code: 1, stderr: 'cgm review: no baseline "Before outreach" in the project (saved: none)\n' });
  });
});

describe('suggested sites in the app are the ones `cgm suggest` gives (Rutland)', () => {
  it('same sites, same covered need, and the same CSV file', async () => {
    const args = ['--service', SERVICE, '--indicator', INDICATOR, '--mode', 'walk', '--minutes', '10', '--k', '3'];
    const out = join(dir, 'suggested.csv');
    const cli = JSON.parse((await ok('suggest', ...P(), ...args, '--out', out)).stdout);
    const request = { service: SERVICE, indicator: INDICATOR, mode: 'walk', minutes: 10, k: 3 };
    const events: number[] = [];
    const fromApp = await app('suggestSites', request, { progress: (_m, f) => void (f !== null && events.push(f)), signal: new AbortController().signal });
    expect(fromApp).toEqual(cli);
    expect(cli.sites).toHaveLength(3);
    expect(events[0]).toBe(0);
    const file = await call<{ dataBase64: string; filename: string }>('exportSuggestions', request);
    expect(Buffer.from(file.dataBase64, 'base64').equals(readFileSync(out))).toBe(true);
    expect(file.filename).toBe('suggested_sites_GP_10_min.csv');
  });

  it('a list of candidates sent by the app is read like `--candidates FILE.csv`, bad rows named', async () => {
    const list = 'name,lat,lon\nOakham library,52.6705,-0.7272\nUppingham hall,52.5880,-0.7230\n';
    writeFileSync(join(dir, 'candidates.csv'), list);
    const args = ['--service', SERVICE, '--indicator', INDICATOR, '--mode', 'drive', '--minutes', '5', '--k', '1'];
    const cli = JSON.parse((await ok('suggest', ...P(), ...args, '--candidates', join(dir, 'candidates.csv'))).stdout);
    const fromApp = await call('suggestSites', { service: SERVICE, indicator: INDICATOR, mode: 'drive', minutes: 5, k: 1, candidates: { name: 'candidates.csv', text: list } });
    expect(fromApp).toEqual(cli);
    await expect(call('suggestSites', { service: SERVICE, indicator: INDICATOR, mode: 'drive', minutes: 5, k: 1, candidates: { name: 'c.csv', text: 'name,lat,lon\nX,north,1\n' } })).rejects.toThrow(
      'c.csv row 2, lat: "north" is not a latitude',
    );
  });

  it('reports progress between travel-time searches and stops part-way when cancelled', async () => {
    const controller = new AbortController();
    const seen: number[] = [];
    // The first report of the searches, however far they have got: in its worker thread a quiet machine may
    // finish every search within one reporting interval after the first (0 of N) report.
    const progress = (message: string, fraction: number | null) => {
      if (fraction === null || !message.startsWith('Travel-time searches')) return;
      seen.push(fraction);
      controller.abort();
    };
    const request = { service: SERVICE, indicator: INDICATOR, mode: 'walk', minutes: 15, k: 3, candidates: 'nodes' };
    await expect(app('suggestSites', request, { progress, signal: controller.signal })).rejects.toThrow('the suggestion was cancelled');
    // Stopped after the first report, well before the last search.
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBeLessThan(1);
  });
});
