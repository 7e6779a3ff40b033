// The coverage layer bands each area exactly as the band table does (a time on a
// limit is within it), so the map and the table agree area for area.
import type { FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import { bandTable } from '../../shared/travel/bands';
import { legendFor } from '../../renderer/src/legend/legend-model';
import { applyCoverage, coverageBand, coverageLayer, coverageText, type AccessCoverage } from '../../renderer/src/layers/coverage-layer';

const MINUTES: (number | null)[] = [0.5, 5, 5.0001, 9.99, 10, 17, 25, 25.01, 60, null];

function coverage(): AccessCoverage {
  return {
    service: 'GP', mode: 'walk', level: 'OA', includeProposed: false, proposedSites: 0, measuredFrom: 'the mean of its postcodes',
    rows: MINUTES.map((m, i) => ({ code: `A${i}`, name: null, minutes: m, unreachable: m === null, nearestSite: m === null ? null : 'Surgery', nearestSiteId: m === null ? null : 1, point: 'postcodes' as const })),
  };
}

describe('coverage layer', () => {
  it('bands on the limit as within it: 5 → 0–5, 5.0001 → 5–10, 25.01 → over 25, null → unreachable', () => {
    expect(MINUTES.map((m) => coverageBand(m))).toEqual(['0-5', '0-5', '5-10', '5-10', '5-10', '15-20', '20-25', 'over-25', 'over-25', 'unreachable']);
  });

  it('its legend counts are the band table’s, area for area (one person per area)', () => {
    const areas: FeatureCollection = { type: 'FeatureCollection', features: MINUTES.map((_, i) => ({ type: 'Feature', properties: { code: `A${i}` }, geometry: null as never })) };
    // One extra area with no coverage row: shown as not routed, not as a band.
    areas.features.push({ type: 'Feature', properties: { code: 'B' }, geometry: null as never });
    applyCoverage(areas, coverage());
    const legend = legendFor(coverageLayer(areas.features, coverage(), undefined));
    const count = (value: string) => legend.entries.find((e) => e.value === value)?.count ?? 0;
    const table = bandTable({
      areaTimes: MINUTES.map((m, i) => ({ areaCode: `A${i}`, minutes: m })),
      bases: MINUTES.map((_, i) => ({ areaCode: `A${i}`, segmentCode: 'x', base: 1 })),
    });
    const cumulative = table.rows[0].cumulativePct.map((p) => Math.round((p! * MINUTES.length) / 100));
    let running = 0;
    ['0-5', '5-10', '10-15', '15-20', '20-25'].forEach((band, i) => expect((running += count(band))).toBe(cumulative[i]));
    expect(count('unreachable')).toBe(Math.round((table.rows[0].unreachablePct! * MINUTES.length) / 100));
    expect(legend.entries.find((e) => e.value === '')).toMatchObject({ label: 'Not routed', count: 1 });
    expect(legend.subtitle).toContain('mean of its postcodes');
  });

  it('says the minutes and the site, or that none can be reached by the mode', () => {
    expect(coverageText({ minutes: 12.345, nearestSite: 'Oakham' }, 'drive')).toBe('12.3 min driving to Oakham');
    expect(coverageText({ minutes: null, nearestSite: null }, 'walk')).toBe('No site reachable by walking');
  });
});
