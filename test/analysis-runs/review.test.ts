// `cgm review` on the four-area town (fixture.ts): save a baseline on extract 1,
// re-import extract 2 (OA3 5 → 20 users; total 88 → 103), compare.
// Segment need: 1a 75, 2a 50, 2b 60 (total 185); area need: OA1 60, OA2 60, OA3 50, OA4 15.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openProject } from '../../electron/store/project';
import { buildTown, cgm, INDICATOR, parseCsv, reimportUsers, SCHEME, SERVICE, USERS_2, type TownProject } from './fixture';

const HEADER =
  'kind,code,name,users_before,users_after,users_change,index_before,index_after,index_change,uptake_before,uptake_after,uptake_change,significance_before,significance_after';

let town: TownProject;
beforeAll(async () => {
  town = await buildTown();
});
afterAll(() => town.cleanup());

const review = (...extra: string[]) =>
  cgm('review', '--project', town.path, '--service', SERVICE, '--indicator', INDICATOR, '--scheme', SCHEME, ...extra);

describe('cgm review', () => {
  it('saves a named baseline in cgm_baselines and refuses to overwrite it', async () => {
    const r = await review('--save', 'Spring 2025');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ saved: 'Spring 2025', service: SERVICE, indicator: INDICATOR, scheme: SCHEME, segments: 3, areas: 4 });
    const project = openProject(town.path);
    try {
      const row = project.db.prepare('SELECT name, created_at, payload FROM cgm_baselines').get() as { name: string; created_at: string; payload: string };
      expect(row.name).toBe('Spring 2025');
      expect(JSON.parse(row.payload).baseline.profile.map((p: { users: number }) => p.users)).toEqual([42, 5, 41]);
    } finally {
      project.close();
    }
    expect(await review('--save', 'Spring 2025')).toMatchObject({ code: 1, stderr: 'cgm review: a baseline named "Spring 2025" already exists; choose another name\n' });
    expect(await review()).toMatchObject({ code: 1, stderr: 'cgm review: give one of --save NAME, --compare NAME, --baseline NAME or --compare-periods FIRST,SECOND\n' });
  });

  it('compares a later extract: change in users, index and uptake by segment and area (exact)', async () => {
    await reimportUsers(town.path, USERS_2);
    const r = await review('--compare', 'Spring 2025', '--suppress', 'none');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('warning: exact counts');
    // Index after (total 103): 1a 42 × 100,000 / (500 × 103) = 81.55 → 82; 2a 20 × 100,000 / (200 × 103) = 97.09 → 97;
    //   2b 41 × 100,000 / (300 × 103) = 132.69 → 133. Before (total 88): 95, 28, 155.
    // Segment uptake = users / (total × need / 185). Before: 1a 42 / 35.676 = 1.177; 2a 5 / 23.784 = 0.210; 2b 41 / 28.541 = 1.437.
    //   After: 1a 42 / 41.757 = 1.006; 2a 20 / 27.838 = 0.718; 2b 41 / 33.405 = 1.227.
    //   Changes from the unrounded ratios: −0.171, +0.508, −0.209.
    // Areas: OA1 20 / 28.541 = 0.701 → 20 / 33.405 = 0.599 (−0.102, now significantly low: Byar upper 30.890 / 33.405 = 0.92);
    //   OA4 22 / 7.135 = 3.083 → 22 / 8.351 = 2.634 (−0.449).
    expect(r.stdout).toBe(
      [
        HEADER,
        'segment,1a,Farming Communities,42,42,0,95,82,-13,1.177,1.006,-0.171,not significant,not significant',
        'segment,2a,Commuter Suburbs,5,20,15,28,97,69,0.21,0.718,0.508,low,not significant',
        'segment,2b,Older Town Centres,41,41,0,155,133,-22,1.437,1.227,-0.209,high,not significant',
        'area,E00000001,,20,20,0,,,,0.701,0.599,-0.102,not significant,low',
        'area,E00000002,,41,41,0,,,,1.437,1.227,-0.209,high,not significant',
        'area,E00000003,,5,20,15,,,,0.21,0.718,0.508,low,not significant',
        'area,E00000004,,22,22,0,,,,3.083,2.634,-0.449,high,high',
      ].join('\n') + '\n',
    );
  });

  it('the disclosure rule applies to counts and to changes in counts', async () => {
    const r = await review('--compare', 'Spring 2025');
    expect(r.code).toBe(0);
    const rows = parseCsv(r.stdout);
    const seg = (code: string) => rows.find((x) => x.kind === 'segment' && x.code === code)!;
    const area = (code: string) => rows.find((x) => x.kind === 'area' && x.code === code)!;
    // Before 5 → *, so the change is * too (20 − * would give it back). After: 20 stays 20.
    expect(seg('2a')).toMatchObject({ users_before: '*', users_after: '20', users_change: '*', index_before: '*', index_after: '95', index_change: '*', uptake_change: '*' });
    // 1a: 42 → 40 both times; index before 40 × 100,000 / (500 × 90) = 88.9 → 89, after 40 × 100,000 / (500 × 105) = 76.2 → 76.
    expect(seg('1a')).toMatchObject({ users_before: '40', users_after: '40', users_change: '0', index_before: '89', index_after: '76', index_change: '-13' });
    // Uptake from rounded counts and rounded totals (88 → 90, 103 → 105):
    // OA1 20 / (90 × 60 / 185) = 0.685 → 20 / (105 × 60 / 185) = 0.587, change −0.098.
    expect(area('E00000001')).toMatchObject({ users_before: '20', uptake_before: '0.685', uptake_after: '0.587', uptake_change: '-0.098' });
    expect(area('E00000003')).toMatchObject({ users_before: '*', users_after: '20', users_change: '*', uptake_before: '*' });
    // OA2 41 → 40 and OA4 22 → 20 in both extracts.
    expect([area('E00000002').users_change, area('E00000004').users_after]).toEqual(['0', '20']);
  });

  it('JSON output and errors name the baseline', async () => {
    const r = await review('--compare', 'Spring 2025', '--format', 'json', '--suppress', 'nhs');
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ baseline: 'Spring 2025', service: SERVICE, rule: { kind: 'nhs' } });
    expect(out.rows).toHaveLength(7);
    expect(await review('--compare', 'Autumn')).toMatchObject({ code: 1, stderr: 'cgm review: no baseline "Autumn" in the project (saved: Spring 2025)\n' });
    const other = await cgm('review', '--project', town.path, '--service', SERVICE, '--indicator', INDICATOR, '--scheme', 'Mosaic', '--compare', 'Spring 2025');
    expect(other).toMatchObject({ code: 1, stderr: 'cgm review: baseline "Spring 2025" was saved for scheme "OAC", not "Mosaic"\n' });
  });
});
