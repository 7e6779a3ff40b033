// The analysis dock's first height leaves a 1366×768 screen a usable map.
import { describe, expect, it } from 'vitest';
import { defaultHeight } from '../../renderer/src/tables/use-dock-size';
import { areaCount } from '../../renderer/src/tables/format';

describe('the dock’s first height', () => {
  it('leaves a 768 px window a map of 416 px between the 48 px header and the 26 px status bar', () => {
    // 0.4 × (768 − 74) = 277.6 → 278 (42% of 768 would be 323, leaving the map 371 px).
    expect(defaultHeight(768)).toBe(278);
    expect(768 - 48 - 26 - defaultHeight(768)).toBe(416);
  });

  it('is 40% of the room on a 1080 px window too', () => {
    // min(0.42 × 1080 = 453.6, 0.4 × 1006 = 402.4) → 402.
    expect(defaultHeight(1080)).toBe(402);
  });
});

describe('the selection chip', () => {
  it('counts areas in the singular and the plural', () => {
    expect(areaCount(1)).toBe('1 area');
    expect(areaCount(3)).toBe('3 areas');
    expect(areaCount(1200)).toBe('1,200 areas');
  });
});
