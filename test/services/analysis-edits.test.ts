// Edits to what the gap rules read, through the contract as the app makes them:
// a site's opening hours, a segment's profile and the gap thresholds are
// undoable moments that change the classification, and their inverses restore it.
// The four-area town (test/analysis-runs/fixture.ts): OA3 is significantly low
// (5 users where 23.78 expected), its nearest site Town Hub (0 km, walking),
// open Mo-Fr 09:00-17:00 = 0 h outside office hours; OA3 is all segment 2a.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Moment } from '../../shared/contract';
import { createHandlers } from '../../electron/services/handlers';
import { ProjectSession } from '../../electron/services/project-session';
import { buildTown, INDICATOR, SCHEME, SERVICE, type TownProject } from '../analysis-runs/fixture';
import { handlerCall } from '../support/handler-call';

let town: TownProject;
let session: ProjectSession;
const call = handlerCall(() => createHandlers(session));
const apply = async (moment: Moment) => (await call('applyMoment', { moment })).inverse;
const oa3 = async () => (await call('getAreaAnalysis', { service: SERVICE, indicator: INDICATOR, mode: 'walk' })).rows.find((r) => r.code === 'E00000003')!;

beforeAll(async () => {
  town = await buildTown();
  session = new ProjectSession(town.path);
});
afterAll(() => {
  session?.close();
  town?.cleanup();
});

describe('analysis edits as moments', () => {
  it("a site's opening hours: checked as OSM syntax, judged by the availability rule, undone exactly", async () => {
    expect(await oa3()).toMatchObject({ hoursOutsideOffice: 0, gapTypes: ['availability'] });
    const hub = (await call('getSites', { service: SERVICE })).find((s) => s.name === 'Town Hub')!;
    // 08:00–09:00 and 17:00–19:00 on five weekdays = 15 h outside office hours ≥ 4: availability no longer fires.
    const inverse = await apply({ siteHours: { service: SERVICE, sites: [{ id: hub.id, openingHours: 'Mo-Fr 08:00-19:00' }] } });
    expect(await oa3()).toMatchObject({ hoursOutsideOffice: 15, gapTypes: ['awareness'] });
    expect(inverse).toEqual({ siteHours: { service: SERVICE, sites: [{ id: hub.id, openingHours: 'Mo-Fr 09:00-17:00' }] } });
    // Cleared hours: availability cannot be judged, and the area says so by name.
    const clear = await apply({ siteHours: { service: SERVICE, sites: [{ id: hub.id, openingHours: null }] } });
    const cleared = await oa3();
    expect(cleared.gapTypes).toEqual([]);
    expect(cleared.gapState).toBe(
      'reachable (nearest site 0.0 km straight-line (walk) <= threshold 1.0 km — straight-line distance, travel times not available); ' +
        'opening hours at Town Hub unknown, so availability cannot be judged (import site hours or edit the site)',
    );
    await apply(clear);
    await apply(inverse);
    expect(await oa3()).toMatchObject({ hoursOutsideOffice: 0, gapTypes: ['availability'] });
    await expect(apply({ siteHours: { service: SERVICE, sites: [{ id: hub.id, openingHours: 'when the doctor is in' }] } })).rejects.toThrow(/Town Hub: "when the doctor is in" is not valid OSM opening_hours syntax/);
  });

  it("a segment's profile: employed share decides availability, channels name awareness; undone exactly", async () => {
    // 2a is marked workingAge by the fixture; a profile with employed 30% overrides the flag (the share decides).
    const inverse = await apply({ segmentProfiles: { scheme: SCHEME, segments: [{ code: '2a', profile: { employedShare: 0.3, channels: ['text', 'web'] } }] } });
    const row = await oa3();
    expect(row.gapTypes).toEqual(['awareness']);
    expect(row.rules[0]).toContain('Commuter Suburbs 100% (employed 30%) are not mostly working-age/employed');
    expect(row.rules[0]).toContain('reach them through Commuter Suburbs: text, web');
    expect((await call('getSegments', { scheme: SCHEME })).find((s) => s.code === '2a')!.profile).toEqual({ employedShare: 0.3, channels: ['text', 'web'] });
    expect(inverse).toEqual({ segmentProfiles: { scheme: SCHEME, segments: [{ code: '2a', profile: {} }] } });
    await apply(inverse);
    expect((await oa3()).gapTypes).toEqual(['availability']);
  });

  it('the gap thresholds: project settings changed by a moment, recorded with the analysis, undone', async () => {
    expect((await call('getGapSettings', {})).stored).toEqual({});
    // Town Hub's 0 h is under 4 h; with the threshold at 0 h nothing is "under", so availability stops firing.
    const inverse = await apply({ gapSettings: { settings: { minHoursOutsideOffice: 0 } } });
    const analysis = await call('getAreaAnalysis', { service: SERVICE, indicator: INDICATOR, mode: 'walk' });
    expect(analysis.settings.minHoursOutsideOffice).toBe(0);
    expect(analysis.rows.find((r) => r.code === 'E00000003')!.gapTypes).toEqual(['awareness']);
    expect(inverse).toEqual({ gapSettings: { settings: {} } });
    await apply(inverse);
    expect((await call('getGapSettings', {})).settings.minHoursOutsideOffice).toBe(4);
    expect((await oa3()).gapTypes).toEqual(['availability']);
  });
});
