// Issue 15.8 on real Rutland data (test/support/rutland-project.ts): 12 OAs with no users are
// significantly low (0 users where 11–18 expected: the exact Poisson 95% upper
// limit for 0 events is 3.689, below every expected count). NHS ODS sites carry
// no opening hours and OAC has no behaviour attached, so before this issue 9 of
// 11 such areas by drive came out with neither a gap type nor a rule.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReportModel } from '../../electron/exports/report/report-model';
import { resolveExportParams } from '../../electron/exports/params';
import { openProject } from '../../electron/store/project';
import { areaResults } from '../../electron/analysis/area-results';
import { analyseAreas, projectTravelProfile } from '../../electron/analysis/travel-access';
import { areaCoverage } from '../../electron/routing/area-coverage';
import { cgm } from './fixture';
import { buildRutland, GP, GP_CODES, OAC, oac, readRutlandCsv, RUTLAND, SUPERGROUP_NAMES, type RutlandProject } from '../support/rutland-project';

// The project (test/support/rutland-project.ts) with OAC assigned at subgroup,
// the OSM roads, and rates and users written here (no real ones are published):
//   prevalence by supergroup (every subgroup takes its supergroup's): 1 → 0.10, 2 → 0.12, 6 → 0.16, 7 → 0.20;
//   users per OA = round(residents × prevalence / 2), except every 9th OA (in code order) which has none,
//   so those OAs are far below their expected users and significantly low.
const SERVICE = GP;
const INDICATOR = 'Need (illustrative)';
const PREVALENCE: Record<string, number> = { '1': 0.1, '2': 0.12, '6': 0.16, '7': 0.2 };
/** Every 9th OA of the OAC lookup, in code order: the areas given no users. */
const zeroUseAreas = () => oac().map((r) => r.oa_code).sort().filter((_, i) => i % 9 === 4);

type Row = Record<string, string | number | null>;
let rutland: RutlandProject;
let dir: string;
let project: string;
beforeAll(async () => {
  const residents = new Map(readRutlandCsv('population_census2021_ts001_by_oa.csv').map((r) => [r.oa_code, Number(r.usual_residents)]));
  const none = new Set(zeroUseAreas());
  rutland = await buildRutland({
    lsoa: false,
    oac: { assignAt: 'subgroup', publishedNames: true },
    rates: { indicator: INDICATOR, at: 'subgroup', rate: (code) => PREVALENCE[code[0]] },
    users: { service: SERVICE, perArea: (r) => (none.has(r.oa_code) ? 0 : Math.round((residents.get(r.oa_code)! * PREVALENCE[r.supergroup]) / 2)) },
    roads: true,
  });
  rutland.project.close();
  ({ dir, path: project } = rutland);
}, 120_000);
afterAll(() => rutland?.cleanup());

const P = () => ['--project', project];
const write = (name: string, text: string) => (writeFileSync(join(dir, name), text), join(dir, name));
const gaps = async (...extra: string[]) => {
  const r = await cgm('gaps', ...P(), '--service', SERVICE, '--indicator', INDICATOR, '--mode', 'drive', '--format', 'json', '--suppress', 'none', ...extra);
  expect(r.code, r.stderr).toBe(0);
  const out = JSON.parse(r.stdout) as { settings: { travelMinutes: { drive: number } }; rows: Row[] };
  return { ...out, low: out.rows.filter((x) => x.significance === 'low') };
};
const exportCsv = async (table: string) => {
  const out = join(dir, `${table}.csv`);
  const r = await cgm('export', 'csv', ...P(), '--table', table, '--service', SERVICE, '--indicator', INDICATOR, '--scheme', OAC, '--mode', 'drive', '--out', out);
  expect(r.code, r.stderr).toBe(0);
  return parse(readFileSync(out), { bom: true, columns: true }) as Record<string, string>[];
};
const supergroupOf = new Map(oac().map((r) => [r.oa_code, r.supergroup]));
const subgroupOf = new Map(oac().map((r) => [r.oa_code, r.subgroup]));
const minutes = (row: Row) => Number(String(row.access).replace(' min drive', ''));

// Hours by ODS code, and their weekly hours outside Mon–Fri 09:00–17:00, by hand:
//   Oakham 08:00–18:30 weekdays: (1 + 1.5) × 5 = 12.5; Empingham office hours only: 0;
//   Uppingham 08:00–18:30 weekdays and Sa 09:00–12:00: 12.5 + 3 = 15.5; Market Overton 08:30–18:00: (0.5 + 1) × 5 = 7.5.
const HOURS: Record<string, [string, string, number]> = {
  C82010: ['OAKHAM MEDICAL PRACTICE', 'Mo-Fr 08:00-18:30', 12.5],
  C82044: ['EMPINGHAM MEDICAL CENTRE', 'Mo-Fr 09:00-17:00', 0],
  C82077: ['THE UPPINGHAM SURGERY', 'Mo-Fr 08:00-18:30; Sa 09:00-12:00', 15.5],
  C82649: ['MARKET OVERTON & SOMERBY SURGERIES', 'Mo-Fr 08:30-18:00', 7.5],
};
const hoursOf = new Map(Object.values(HOURS).map(([name, , h]) => [name, h]));
// A segment profile for the four supergroups (illustrative figures written for the test).
const PROFILE: Record<string, { employed: number; channels: string[] }> = {
  '1': { employed: 0.35, channels: ['face to face', 'phone', 'community venues'] },
  '2': { employed: 0.62, channels: ['web', 'text', 'phone'] },
  '6': { employed: 0.55, channels: ['text', 'web'] },
  '7': { employed: 0.52, channels: ['face to face', 'text'] },
};

describe('every significantly-low Rutland area gets a gap type or an explicit state (15.8)', () => {
  it('without hours or a segment profile: a state naming the missing hours, never a blank', async () => {
    const { low } = await gaps();
    expect(low.map((r) => r.area_code).sort()).toEqual(zeroUseAreas());
    expect(low).toHaveLength(12);
    for (const r of low) {
      expect(r.users).toBe(0);
      // Every area reaches a GP within 15 minutes' drive, so accessibility does not fire.
      expect(minutes(r)).toBeLessThanOrEqual(15);
      expect(r.gap_type).toBeNull();
      expect(r.gap_state).toBe(
        `reachable (nearest site ${minutes(r).toFixed(1)} min by drive <= threshold 15.0 min); ` +
          `opening hours at ${String(r.nearest_site)} unknown, so availability cannot be judged (import site hours or edit the site)`,
      );
    }
    // Areas that are not significantly low carry no state.
    expect(new Set((await gaps()).rows.filter((r) => r.significance !== 'low').map((r) => r.gap_state))).toEqual(new Set([null]));
  }, 60_000);

  it('site hours imported by ODS code: hours are judged, then the missing segment profile is named', async () => {
    const file = write('hours.csv', ['ods_code,opening_hours', ...GP_CODES.map((c) => `${c},"${HOURS[c][1]}"`)].join('\n'));
    const r = await cgm('import', 'site-hours', ...P(), '--file', file, '--service', SERVICE);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ kind: 'site-hours', rowsRead: 4, imported: 4 });
    const { low } = await gaps();
    for (const row of low) {
      expect(row.hours_outside_office).toBe(hoursOf.get(String(row.nearest_site)));
      expect(row.gap_type).toBeNull();
      // The dominant segment is the area's OAC subgroup (one per OA), which has no working figures yet.
      expect(row.gap_state).toContain(`working-age/employed share of dominant segments (Subgroup ${subgroupOf.get(String(row.area_code))}) unknown`);
      expect(row.gap_state).toContain('(import a segment profile)');
    }
  }, 60_000);

  it('with a segment profile (given for supergroups, read by their subgroups): availability or awareness with channels', async () => {
    const rows = Object.entries(PROFILE).map(([code, p]) => `${code},${p.employed},"${p.channels.join('; ')}"`);
    const file = write('profile.csv', ['supergroup,employed_share,channels', ...rows].join('\n'));
    const r = await cgm('import', 'segment-profile', ...P(), '--file', file);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ kind: 'segment-profile', imported: 4 });
    const { low } = await gaps();
    let availability = 0;
    for (const row of low) {
      const sg = supergroupOf.get(String(row.area_code))!;
      const working = PROFILE[sg].employed >= 0.5;
      const few = hoursOf.get(String(row.nearest_site))! < 4;
      expect(row.gap_state).toBeNull();
      if (few && working) {
        availability++;
        expect(row.gap_type).toBe('availability');
        expect(row.rule).toContain(`(employed ${Math.round(PROFILE[sg].employed * 100)}%) are mostly working-age/employed`);
      } else {
        expect(row.gap_type).toBe('awareness');
        // Awareness names how the dominant segment is best reached, from the profile.
        expect(String(row.rule)).toContain(`reach them through Subgroup ${subgroupOf.get(String(row.area_code))}: ${PROFILE[sg].channels.join(', ')}`);
      }
    }
    // E00069639's nearest practice is Empingham (office hours only) and it is supergroup 2 (employed 62%).
    expect(low.find((x) => x.area_code === 'E00069639')).toMatchObject({ nearest_site: 'EMPINGHAM MEDICAL CENTRE', gap_type: 'availability' });
    expect(availability).toBeGreaterThan(0);
  }, 60_000);

  it('thresholds change the classification per run and as project settings, and are recorded in the export', async () => {
    const { low, settings } = await gaps('--drive-minutes', '5');
    expect(settings.travelMinutes.drive).toBe(5);
    for (const row of low) {
      const over = minutes(row) > 5;
      expect(String(row.gap_type ?? '').includes('accessibility')).toBe(over);
      if (over) expect(row.rule).toContain(`nearest site ${minutes(row).toFixed(1)} min by drive > threshold 5.0 min`);
    }
    // E00069589 is 6.56 min from Uppingham: awareness at 15 minutes, accessibility at 5.
    expect(low.find((x) => x.area_code === 'E00069589')).toMatchObject({ access: '6.56 min drive', gap_type: 'accessibility' });
    expect((await gaps()).low.find((x) => x.area_code === 'E00069589')!.gap_type).toBe('awareness');

    const before = await exportCsv('gaps');
    const set = await cgm('settings', ...P(), '--drive-minutes', '5', '--hours-outside-office', '8');
    expect(set.code, set.stderr).toBe(0);
    // The CSV files record the thresholds too, in a gap_thresholds column on every row (a file is one plain table).
    const after = await exportCsv('gaps');
    expect(new Set(before.map((r) => r.gap_thresholds))).toEqual(new Set([expect.stringContaining('over 15 min walking / 15 min driving')]));
    expect(new Set(after.map((r) => r.gap_thresholds))).toEqual(new Set([expect.stringContaining('over 15 min walking / 5 min driving')]));
    expect(after[0].gap_thresholds).toContain('under 8 h/week open outside Mon–Fri 09:00–17:00');
    expect(after[0].gap_thresholds).toBe(JSON.parse(set.stdout).text);
    // E00069589 is 6.56 min from Uppingham: the row itself shows the gap the recorded 5 minutes give.
    expect(before.find((r) => r.area_code === 'E00069589')!.gap_type).toBe('awareness');
    expect(after.find((r) => r.area_code === 'E00069589')!.gap_type).toBe('accessibility');
    // Strata are proposed from significance, so they record the thresholds; the profile does not depend on them.
    expect(new Set((await exportCsv('strata')).map((r) => r.gap_thresholds))).toEqual(new Set([after[0].gap_thresholds]));
    expect(Object.keys((await exportCsv('profile'))[0])).not.toContain('gap_thresholds');
    expect(JSON.parse(set.stdout).gaps).toMatchObject({ travelMinutes: { walk: 15, drive: 5 }, minHoursOutsideOffice: 8 });
    const out = join(dir, 'gaps.geojson');
    const e = await cgm('export', 'geojson', ...P(), '--layer', 'gaps', '--mode', 'drive', '--out', out);
    expect(e.code, e.stderr).toBe(0);
    const geo = JSON.parse(readFileSync(out, 'utf8')) as { gap_settings: string; features: { properties: Row }[] };
    expect(geo.gap_settings).toContain('over 15 min walking / 5 min driving');
    expect(geo.gap_settings).toContain('under 8 h/week open outside Mon–Fri 09:00–17:00');
    const byCode = new Map(geo.features.map((f) => [f.properties.area_code, f.properties]));
    // The stored setting applies without flags: E00069589 is an accessibility gap in the export too.
    expect(byCode.get('E00069589')!.gap_type).toContain('accessibility');
    // Each low area's types follow from the stored thresholds: over 5 min → accessibility;
    // under 8 h outside office (Empingham 0 h, Market Overton 7.5 h) in a working supergroup → availability.
    const lowFeatures = [...byCode.values()].filter((p) => p.significance === 'low');
    expect(lowFeatures).toHaveLength(12);
    for (const p of lowFeatures) {
      const sg = supergroupOf.get(String(p.area_code))!;
      const expected = [
        ...(Number(p.access_minutes) > 5 ? ['accessibility'] : []),
        ...(hoursOf.get(String(p.nearest_site))! < 8 && PROFILE[sg].employed >= 0.5 ? ['availability'] : []),
      ];
      expect(p.gap_type).toBe(expected.join('+') || 'awareness');
    }
    // dominant_segment was null in every exported feature; it is the area's OAC subgroup.
    for (const [code, props] of byCode) expect(props.dominant_segment).toBe(subgroupOf.get(String(code)));
  }, 60_000);
});

describe('the band table on Rutland (15.12)', () => {
  const residents = new Map(
    readFileSync(join(RUTLAND, 'population_census2021_ts001_by_oa.csv'), 'utf8').trim().split(/\r?\n/).slice(1).map((l) => {
      const [code, n] = l.split(',');
      return [code, Number(n)] as const;
    }),
  );
  const bands = async (level: string) => {
    const r = await cgm('bands', ...P(), '--service', SERVICE, '--mode', 'drive', '--indicator', INDICATOR, '--segment-level', level, '--format', 'json');
    expect(r.code, r.stderr).toBe(0);
    return (JSON.parse(r.stdout) as { rows: { rank: number | null; segmentCode: string | null; base: number; need: number | null; prevalence: number | null }[] }).rows;
  };

  it('at supergroup level: need summed up from the subgroup rates, ranked by risk', async () => {
    const rows = await bands('supergroup');
    // Rates are given per subgroup (each its supergroup's prevalence), so each supergroup's lifted prevalence is that
    // same figure and its need its residents × prevalence, summed over its OAs from TS001.
    for (const sg of ['1', '2', '6', '7']) {
      const base = oac().filter((r) => r.supergroup === sg).reduce((t, r) => t + residents.get(r.oa_code)!, 0);
      const row = rows.find((r) => r.segmentCode === sg)!;
      expect(row.base).toBe(base);
      expect(row.prevalence).toBeCloseTo(PREVALENCE[sg], 12);
      expect(row.need).toBeCloseTo(base * PREVALENCE[sg], 6);
    }
    // 7 (0.20) > 6 (0.16) > 2 (0.12) > 1 (0.10), whatever their need volumes.
    expect(rows.map((r) => [r.segmentCode, r.rank])).toEqual([['7', 1], ['6', 2], ['2', 3], ['1', 4], [null, null]]);
  }, 60_000);

  it('the report names every segment it prints by code, whatever level its rates are at', async () => {
    // A second indicator with rates per supergroup: the profile table lists subgroups, so the key-segments
    // table cannot take its names from it (it printed "1" as the name of supergroup 1).
    const rates = write('sg-rates.csv', ['segment,prevalence', ...Object.entries(PREVALENCE).map(([k, v]) => `${k},${v}`)].join('\n'));
    const r = await cgm('import', 'rates', ...P(), '--file', rates, '--indicator', 'By supergroup', '--segment-field', 'segment', '--rate-field', 'prevalence');
    expect(r.code, r.stderr).toBe(0);
    const opened = openProject(project);
    try {
      const model = buildReportModel(opened, resolveExportParams(opened.db, { mode: 'drive', indicator: 'By supergroup', service: SERVICE }), { kind: 'nhs' });
      const tables = model.sections.flatMap((s) => s.blocks).flatMap((b) => (b.kind === 'table' ? [b.table] : []));
      const keySegments = tables.find((t) => t.title.startsWith('Need by segment'))!;
      // Every segment the rates reach (the supergroups and, down the hierarchy, their groups and subgroups) by its own name.
      const nameOf = (code: string) => (/^\d$/.test(code) ? SUPERGROUP_NAMES[code] : /^\d[a-z]$/.test(code) ? `Group ${code}` : `Subgroup ${code}`);
      expect(keySegments.rows.length).toBeGreaterThanOrEqual(4);
      for (const x of keySegments.rows) expect(x.segment_name).toBe(nameOf(String(x.segment_code)));
      expect(keySegments.rows.filter((x) => /^\d$/.test(String(x.segment_code))).map((x) => x.segment_name)).toEqual([
        'Semi- and Un-Skilled Workforce', 'Baseline UK', 'Suburbanites and Peri-Urbanites', 'Retired Professionals',
      ]);
    } finally {
      opened.close();
    }
  });

  it('at subgroup level: equal prevalences share a rank', async () => {
    const rows = (await bands('subgroup')).filter((r) => r.segmentCode);
    const rankOf = (code: string) => rows.find((r) => r.segmentCode === code)!.rank;
    // Subgroups of 7 (7a2, 7b2) are 0.20: rank 1 both; the five of 6 are 0.16: rank 3; the five of 2: rank 8; the six of 1: rank 13.
    expect([rankOf('7a2'), rankOf('7b2')]).toEqual([1, 1]);
    expect(['6a3', '6b1', '6b2', '6c1', '6c2'].map(rankOf)).toEqual([3, 3, 3, 3, 3]);
    expect(['2a2', '2b1', '2b2', '2c1', '2c2'].map(rankOf)).toEqual([8, 8, 8, 8, 8]);
    expect(['1a1', '1a2', '1b1', '1b2', '1c1', '1c2'].map(rankOf)).toEqual([13, 13, 13, 13, 13, 13]);
  }, 60_000);
});

describe('the coverage layer on Rutland (16)', () => {
  it('each area’s coverage minutes are the gap analysis’s accessMinutes and nearest site, by both modes', async () => {
    const opened = openProject(project);
    try {
      for (const mode of ['walk', 'drive'] as const) {
        const gapRows = areaResults(analyseAreas(opened, { service: SERVICE, indicator: INDICATOR, mode }), { kind: 'none' });
        const coverage = new Map(areaCoverage(opened, { service: SERVICE, profile: projectTravelProfile(opened, mode), includeProposed: false }).rows.map((r) => [r.code, r]));
        // Coverage has every OA boundary (116); the gap analysis the 111 with a population base.
        expect(coverage.size).toBe(116);
        expect(gapRows).toHaveLength(111);
        for (const g of gapRows) {
          const c = coverage.get(g.code)!;
          // The gap analysis shows minutes to 2 decimals; coverage keeps them unrounded.
          expect(c.minutes === null ? null : Math.round(c.minutes * 100) / 100, `${g.code} ${mode}`).toBe(g.accessMinutes);
          expect(c.nearestSite).toBe(g.nearestSite);
          expect(c.unreachable).toBe(g.accessUnreachable);
        }
      }
    } finally {
      opened.close();
    }
  }, 60_000);
});
