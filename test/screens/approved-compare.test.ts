// The approved-image comparison the screenshot tests use: software-rendering
// noise (a pixel here and there, a channel off by a few levels) passes; a
// panel moved across the screen fails.
import { describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { compareImages, DEFAULT_TOLERANCE, halve } from '../e2e/approved';

/** A light 200×120 "screen" with a dark 40×60 "legend" at (x, 30). */
function screen(legendX: number): PNG {
  const png = new PNG({ width: 200, height: 120 });
  for (let y = 0; y < 120; y++) {
    for (let x = 0; x < 200; x++) {
      const dark = x >= legendX && x < legendX + 40 && y >= 30 && y < 90;
      png.data.set(dark ? [40, 50, 60, 255] : [245, 245, 242, 255], (y * 200 + x) * 4);
    }
  }
  return png;
}

const share = (a: PNG, b: PNG) => compareImages(halve(a), halve(b), DEFAULT_TOLERANCE.threshold).share;

describe('comparing with an approved image', () => {
  it('halves by 2×2 means', () => {
    const png = new PNG({ width: 2, height: 2 });
    png.data.set([0, 0, 0, 255, 100, 100, 100, 255, 200, 200, 200, 255, 100, 100, 100, 255]);
    const half = halve(png);
    expect([half.width, half.height]).toEqual([1, 1]);
    expect([...half.data]).toEqual([100, 100, 100, 255]);
  });

  it('passes rendering noise: scattered single pixels and small shifts in colour', () => {
    const approved = screen(10);
    const noisy = screen(10);
    // Every 7th pixel off by 20 levels, and 30 isolated pixels flipped to black (anti-aliasing, a glyph's edge).
    for (let p = 0; p < 200 * 120; p += 7) noisy.data[p * 4] = Math.min(255, noisy.data[p * 4] + 20);
    for (let k = 0; k < 30; k++) noisy.data.set([0, 0, 0], ((k * 3 + 5) * 200 + k * 6 + 60) * 4);
    expect(share(approved, noisy)).toBeLessThanOrEqual(DEFAULT_TOLERANCE.maxShare);
  });

  it('fails a legend moved 50 px', () => {
    // Two 40×60 blocks that no longer overlap: 2 × 2,400 of 24,000 pixels, a fifth of the screen.
    expect(share(screen(10), screen(60))).toBeCloseTo(0.2, 2);
    expect(share(screen(10), screen(60))).toBeGreaterThan(DEFAULT_TOLERANCE.maxShare);
  });

  it('fails images of a different size', () => {
    expect(compareImages(halve(screen(10)), new PNG({ width: 50, height: 50 }), 48).share).toBe(1);
  });
});
