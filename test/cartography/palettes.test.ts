// Isochrone bands are drawn over segment fills: each band colour must stay
// distinguishable from every segment colour, also for colour-blind readers.
import { describe, expect, it } from 'vitest';
import { colourDifference, deltaE2000, labOf, type Vision } from '../../shared/cartography/colour-distance';
import { ISOCHRONE_COLOURS } from '../../renderer/src/layers/analysis-catalogue';
import { FALLBACK_CATEGORICAL } from '../../renderer/src/layers/palettes';
import { OAC_SUPERGROUPS } from '../../data/demo/oac-classes';

/** CIEDE2000 of 10 reads as a different colour at a glance (2.3 is the just-noticeable difference). */
const THRESHOLD = 10;
const VISIONS: Vision[] = ['normal', 'deuteranopia', 'protanopia'];

describe('CIEDE2000', () => {
  it('matches Sharma, Wu & Dalal (2005) test pairs', () => {
    // Pairs 1, 7, 17 and 25 of their published table.
    expect(deltaE2000([50, 2.6772, -79.7751], [50, 0, -82.7485])).toBeCloseTo(2.0425, 4);
    expect(deltaE2000([50, 0, 0], [50, -1, 2])).toBeCloseTo(2.3669, 4);
    expect(deltaE2000([50, 2.5, 0], [73, 25, -18])).toBeCloseTo(27.1492, 4);
    expect(deltaE2000([60.2574, -34.0099, 36.2677], [60.4626, -34.1751, 39.4387])).toBeCloseTo(1.2644, 4);
  });

  it('simulates dichromacy: red and green that differ greatly to normal vision come close for a deuteranope', () => {
    // Tol's rose and olive, told apart by their red-green difference, which a deuteranope lacks.
    const normal = colourDifference('#cc6677', '#999933', 'normal');
    const deutan = colourDifference('#cc6677', '#999933', 'deuteranopia');
    expect(deutan).toBeLessThan(normal / 2);
  });
});

describe('isochrone and segment palettes', () => {
  const segments = [...OAC_SUPERGROUPS.map((s) => s.colour), ...FALLBACK_CATEGORICAL];

  it(`keeps every isochrone band ≥ ${THRESHOLD} (CIEDE2000) from every segment fill, normal and colour-blind`, () => {
    const close: string[] = [];
    for (const iso of ISOCHRONE_COLOURS)
      for (const seg of segments)
        for (const v of VISIONS) {
          const d = colourDifference(iso, seg, v);
          if (d < THRESHOLD) close.push(`${iso} vs ${seg} (${v}): ${d.toFixed(1)}`);
        }
    expect(close).toEqual([]);
  });

  it(`keeps the bands ≥ ${THRESHOLD} from each other, normal and colour-blind`, () => {
    const close: string[] = [];
    ISOCHRONE_COLOURS.forEach((a, i) =>
      ISOCHRONE_COLOURS.slice(i + 1).forEach((b) => {
        for (const v of VISIONS) if (colourDifference(a, b, v) < THRESHOLD) close.push(`${a} vs ${b} (${v})`);
      }),
    );
    expect(close).toEqual([]);
  });

  it('the first bands run dark to light, so nearer reads as stronger', () => {
    const lightness = ISOCHRONE_COLOURS.slice(0, 5).map((c) => labOf(c)[0]);
    expect(lightness).toEqual([...lightness].sort((a, b) => a - b));
  });
});
