import { describe, expect, it } from 'vitest';
import { niceDistance, scaleBarTicks } from '../../renderer/src/print/ScaleBar';

describe('print scale bar', () => {
  it('labels an A4 bar of 2.5 km as 0, 1.25, 2.5 with the unit once', () => {
    // 160 px at ~17.5 m/px is 2.8 km: the round distance that fits is 2.5 km.
    expect(niceDistance(17.5 * 160)).toBe(2500);
    const { ticks, unit } = scaleBarTicks(2500);
    expect(ticks.map((t) => t.label)).toEqual(['0', '1.25', '2.5']);
    expect(ticks.map((t) => t.at)).toEqual([0, 0.5, 1]);
    expect(unit).toBe('km');
    // No tick label carries a unit, so nothing wraps into "1.25 km km".
    expect(ticks.every((t) => /^[\d.,]+$/.test(t.label))).toBe(true);
  });

  it('keeps metres for bars under a kilometre, with thousands separators above it', () => {
    expect(scaleBarTicks(500)).toEqual({ ticks: [{ at: 0, label: '0' }, { at: 0.5, label: '250' }, { at: 1, label: '500' }], unit: 'm' });
    expect(scaleBarTicks(2_000_000).ticks.map((t) => t.label)).toEqual(['0', '1,000', '2,000']);
  });
});
