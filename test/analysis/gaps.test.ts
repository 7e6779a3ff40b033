import { describe, expect, it } from 'vitest';
import { classifyGap, classifyGaps, dominantSegments, DEFAULT_GAP_SETTINGS, type GapAreaInput } from '../../shared/analysis/gaps';
import { weeklyOpenHours } from '../../shared/analysis/opening-hours';
import { uptakeRatio } from '../../shared/analysis/uptake';
import { rankUnmetNeed, unmetNeedSummary } from '../../shared/analysis/unmet-need';

// 159 users where 232.9 expected: significantly low at 95% and 99.8%.
const low = uptakeRatio({ areaCode: 'OA1', observed: 159, expected: 232.9329036 });
const attributes = { W: { workingAge: true, employed: true, name: 'Young workers' }, R: { workingAge: false, name: 'Retired' } };

function area(over: Partial<GapAreaInput>): GapAreaInput {
  return {
    areaCode: 'OA1', uptake: low,
    access: { measure: 'travel-time', mode: 'walk', minutes: 8 },
    nearestSiteHoursOutsideOffice: 10,
    segmentBases: [{ segmentCode: 'W', base: 300 }, { segmentCode: 'R', base: 100 }],
    ...over,
  };
}

describe('gap classification', () => {
  it('accessibility: travel time over the threshold, with the rule and its numbers', () => {
    const r = classifyGap(area({ access: { measure: 'travel-time', mode: 'walk', minutes: 18.2 } }), attributes);
    expect(r.types).toEqual(['accessibility']);
    expect(r.findings[0].rule).toBe('nearest site 18.2 min by walk > threshold 15.0 min');
  });

  it('unreachable: no site reachable by the mode is an accessibility gap, whatever the threshold', () => {
    const r = classifyGap(area({ access: { measure: 'unreachable', mode: 'walk' }, nearestSiteHoursOutsideOffice: null }), attributes);
    expect(r.types).toEqual(['accessibility']);
    expect(r.findings).toEqual([{ type: 'accessibility', rule: 'no site reachable by walk' }]);
    expect(r.unassessed).toEqual(['availability']);
    const drive = classifyGap(area({ access: { measure: 'unreachable', mode: 'drive' } }), attributes, { ...DEFAULT_GAP_SETTINGS, travelMinutes: { walk: 999, drive: 999 } });
    expect(drive.findings[0].rule).toBe('no site reachable by drive');
  });

  it('accessibility by straight line says so', () => {
    const r = classifyGap(area({ access: { measure: 'straight-line', mode: 'walk', km: 1.64 } }), attributes);
    expect(r.types).toEqual(['accessibility']);
    expect(r.findings[0].rule).toContain('1.6 km straight-line');
    expect(r.findings[0].rule).toContain('straight-line distance, travel times not available');
  });

  it('availability: few hours outside office and a working-age dominant segment', () => {
    const r = classifyGap(area({ nearestSiteHoursOutsideOffice: 2 }), attributes);
    expect(r.types).toEqual(['availability']);
    expect(r.findings[0].rule).toContain('2.0 h/week outside Mon–Fri 09:00–17:00 < threshold 4.0 h');
    expect(r.findings[0].rule).toContain('Young workers 75%');
  });

  it('no availability gap when the dominant segment is retired', () => {
    const r = classifyGap(area({ nearestSiteHoursOutsideOffice: 2, segmentBases: [{ segmentCode: 'W', base: 100 }, { segmentCode: 'R', base: 300 }] }), attributes);
    expect(r.types).toEqual(['awareness']);
    expect(r.findings[0].rule).toContain('are not mostly working-age/employed');
  });

  it('awareness when neither fires; both can fire together', () => {
    expect(classifyGap(area({}), attributes).types).toEqual(['awareness']);
    const both = classifyGap(area({ access: { measure: 'travel-time', mode: 'drive', minutes: 30 }, nearestSiteHoursOutsideOffice: 0 }), attributes);
    expect(both.types).toEqual(['accessibility', 'availability']);
  });

  it('thresholds are editable', () => {
    const [r] = classifyGaps([area({ access: { measure: 'travel-time', mode: 'walk', minutes: 12 } })], attributes, {
      travelMinutes: { walk: 10, drive: 15 },
    });
    expect(r.findings[0].rule).toBe('nearest site 12.0 min by walk > threshold 10.0 min');
  });

  it('nothing classified where uptake is not significantly low, or data are missing', () => {
    const fine = uptakeRatio({ areaCode: 'OA2', observed: 8, expected: 6.24 });
    expect(classifyGap(area({ uptake: fine }), attributes)).toMatchObject({ significantlyLow: false, types: [] });
    const noAccess = classifyGap(area({ access: null }), attributes);
    expect(noAccess.types).toEqual([]);
    expect(noAccess.unassessed).toEqual(['accessibility']);
  });

  it('significance level setting: 20 vs 31 expected is low at 95% only', () => {
    const borderline = uptakeRatio({ areaCode: 'OA3', observed: 20, expected: 31 });
    expect(classifyGap(area({ uptake: borderline }), attributes).significantlyLow).toBe(true);
    expect(classifyGap(area({ uptake: borderline }), attributes, { ...DEFAULT_GAP_SETTINGS, significanceLevel: 0.998 }).significantlyLow).toBe(false);
  });

  it('dominant segments cover at least half the base, largest first', () => {
    expect(dominantSegments([{ segmentCode: 'a', base: 30 }, { segmentCode: 'b', base: 40 }, { segmentCode: 'c', base: 30 }], 0.5))
      .toEqual([{ segmentCode: 'b', share: 0.4 }, { segmentCode: 'a', share: 0.3 }]);
  });
});

describe('weekly opening hours', () => {
  it('office hours only: 40 h open, 0 outside', () => {
    const days = ['Mo', 'Tu', 'We', 'Th', 'Fr'] as const;
    expect(weeklyOpenHours(days.map((day) => ({ day, start: '09:00', end: '17:00' })))).toEqual({ openHours: 40, hoursOutsideOffice: 0 });
  });

  it('evenings, Saturday, overnight and overlaps (hand computed)', () => {
    // Mo 08:00-18:00 (10 h, 2 outside); Tu 09:00-17:00 and Tu 12:00-20:00 overlap → 09-20 (11 h, 3 outside);
    // Sa 10:00-14:00 (4 h outside); Su 22:00-02:00 runs into Monday (4 h outside).
    const h = weeklyOpenHours([
      { day: 'Mo', start: '08:00', end: '18:00' },
      { day: 'Tu', start: '09:00', end: '17:00' },
      { day: 'Tu', start: '12:00', end: '20:00' },
      { day: 'Sa', start: '10:00', end: '14:00' },
      { day: 'Su', start: '22:00', end: '02:00' },
    ]);
    expect(h).toEqual({ openHours: 29, hoursOutsideOffice: 13 });
  });

  it('rejects bad times', () => {
    expect(() => weeklyOpenHours([{ day: 'Mo', start: '9am', end: '17:00' }])).toThrow();
  });
});

describe('unmet need', () => {
  it('expected − observed where positive, ranked', () => {
    const rows = rankUnmetNeed([
      { code: 'A', expected: 50, observed: 20 },
      { code: 'B', expected: 10, observed: 15 },
      { code: 'C', expected: 40, observed: 10 },
      { code: 'D', expected: 12.5, observed: 2.5 },
    ]);
    expect(rows.map((r) => [r.code, r.unmet, r.rank])).toEqual([['A', 30, 1], ['C', 30, 1], ['D', 10, 3]]);
    expect(rows[0].unmetShare).toBeCloseTo(0.6, 12);
  });

  it('who / what / where summary', () => {
    const s = unmetNeedSummary(
      'Stop smoking',
      [{ code: 'O', name: 'Family basics', expected: 120, observed: 60 }, { code: 'I', expected: 30, observed: 40 }],
      [{ code: 'E001', name: 'Brookside', expected: 80, observed: 30 }, { code: 'E002', expected: 20, observed: 10 }],
      2,
    );
    expect(s.totalUnmet).toBe(60);
    expect(s.who.map((r) => r.code)).toEqual(['O']);
    expect(s.text).toBe(
      'Stop smoking: about 60 people expected to need the service are not using it. ' +
        'Who: Family basics (O) 60. Where: Brookside (E001) 50 and E002 10.',
    );
  });
});

describe('a significantly-low area never comes out blank (15.8)', () => {
  it('hours unknown: a state that says the site is reachable and names the missing hours', () => {
    const r = classifyGap(area({ nearestSiteHoursOutsideOffice: null, nearestSiteName: 'Town Hub' }), attributes);
    expect(r.types).toEqual([]);
    expect(r.state).toBe(
      'reachable (nearest site 8.0 min by walk <= threshold 15.0 min); opening hours at Town Hub unknown, so availability cannot be judged (import site hours or edit the site)',
    );
  });

  it('a dominant segment with no working figures is unknown, not "not working": availability is not judged', () => {
    // U (75%) has no profile; the old rule read it as not working and concluded awareness.
    const r = classifyGap(area({ nearestSiteHoursOutsideOffice: 2, segmentBases: [{ segmentCode: 'U', base: 300 }, { segmentCode: 'W', base: 100 }] }), { ...attributes, U: { name: 'Unprofiled' } });
    expect(r.types).toEqual([]);
    expect(r.state).toContain('working-age/employed share of dominant segments (Unprofiled) unknown, so availability cannot be judged (import a segment profile)');
  });

  it('known segments that already hold most of the dominant base decide, with their shares quoted', () => {
    // Dominant share 0.9: W 60% (employed 70%) and U 30% (unknown) → W alone is 60/90 > half of the dominant base.
    const attrs = { W: { employedShare: 0.7, name: 'Workers' }, U: { name: 'Unprofiled' }, R: { name: 'Rest' } };
    const bases = [{ segmentCode: 'W', base: 600 }, { segmentCode: 'U', base: 300 }, { segmentCode: 'R', base: 100 }];
    const r = classifyGap(area({ nearestSiteHoursOutsideOffice: 2, segmentBases: bases }), attrs, { ...DEFAULT_GAP_SETTINGS, dominantShare: 0.9 });
    expect(r.types).toEqual(['availability']);
    expect(r.findings[0].rule).toContain('dominant segments Workers 60% (employed 70%), Unprofiled 30% (working status unknown) are mostly working-age/employed');
    // 0.6 + 0.3 covers the 0.9 asked for (it summed to 0.8999… and pulled in Rest too).
    expect(r.findings[0].rule).not.toContain('Rest');
  });

  it('awareness names the channels of the dominant segments, from their profiles', () => {
    const attrs = { W: { employedShare: 0.7, channels: ['text', 'web'], name: 'Workers' }, R: { workingAge: false, name: 'Retired' } };
    const r = classifyGap(area({}), attrs);
    expect(r.types).toEqual(['awareness']);
    expect(r.findings[0].rule).toMatch(/; reach them through Workers: text, web$/);
  });
});
