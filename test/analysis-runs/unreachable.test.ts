// An area whose point reaches no site over the network is an accessibility gap,
// not "accessibility not assessed": the four-area town (fixture.ts) with travel
// times given by hand. OA3 is significantly low (5 users where 23.78 expected).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exactGap, runAreaAnalysis } from '../../electron/analysis/area-analysis';
import { areaResults } from '../../electron/analysis/area-results';
import { gapTable } from '../../electron/analysis/gap-table';
import { openProject, type Project } from '../../electron/store/project';
import { buildTown, INDICATOR, SERVICE, type TownProject } from './fixture';

let town: TownProject;
let project: Project;
beforeAll(async () => {
  town = await buildTown();
  project = openProject(town.path);
});
afterAll(() => {
  project?.close();
  town?.cleanup();
});

const analyse = (minutes: Map<string, number | null>) =>
  runAreaAnalysis(project.db, {
    service: SERVICE, indicator: INDICATOR, mode: 'walk', level: 'OA',
    travel: { minutes, nearestSiteId: new Map([...minutes.keys()].map((k) => [k, minutes.get(k) === null ? null : 1])) },
  });

describe('unreachable areas', () => {
  it('fire the accessibility rule with "no site reachable by walk"; the gap table and area result say so', () => {
    const analysis = analyse(new Map([['E00000001', 3], ['E00000002', 4], ['E00000003', null], ['E00000004', 6]]));
    const oa3 = analysis.rows.find((r) => r.code === 'E00000003')!;
    expect(oa3.access).toEqual({ measure: 'unreachable', mode: 'walk' });
    expect(exactGap(analysis, oa3).types).toEqual(['accessibility']);
    expect(exactGap(analysis, oa3).findings[0].rule).toBe('no site reachable by walk');
    expect(exactGap(analysis, oa3).unassessed).not.toContain('accessibility');

    const result = areaResults(analysis, { kind: 'none' }).find((r) => r.code === 'E00000003')!;
    expect(result).toMatchObject({ accessMinutes: null, accessKm: null, accessUnreachable: true, gapTypes: ['accessibility'] });
    expect(result.rules).toEqual(['accessibility: no site reachable by walk']);
    const row = gapTable(areaResults(analysis, { kind: 'none' }), 'walk').find((r) => r.area_code === 'E00000003')!;
    expect(row).toMatchObject({ access: 'unreachable by walk', gap_type: 'accessibility', rule: 'accessibility: no site reachable by walk' });
  });

  it('an area that was not routed at all (no entry) is still "not assessed"', () => {
    const analysis = analyse(new Map([['E00000001', 3], ['E00000002', 4], ['E00000004', 6]]));
    const oa3 = analysis.rows.find((r) => r.code === 'E00000003')!;
    expect(oa3.access).toBeNull();
    expect(exactGap(analysis, oa3).types).toEqual([]);
    expect(exactGap(analysis, oa3).unassessed).toContain('accessibility');
    expect(areaResults(analysis, { kind: 'none' }).find((r) => r.code === 'E00000003')!.accessUnreachable).toBe(false);
  });
});
