// Reading what is actually drawn: decode a screenshot and classify pixels.
import { PNG } from 'pngjs';

export type Rgb = [number, number, number];

export function decodePng(buffer: Buffer): PNG {
  return PNG.sync.read(buffer);
}

export function hexToRgb(hex: string): Rgb {
  const h = hex.replace('#', '');
  return [parseInt(h.slice(0, 2), 16), parseInt(h.slice(2, 4), 16), parseInt(h.slice(4, 6), 16)];
}

/**
 * For each candidate colour, the share of pixels that look like it drawn at
 * some opacity over a light base map (a fill at alpha a over background b is
 * a·c + (1−a)·b, so we try a range of alphas against the page's background).
 */
export function colourShares(png: PNG, colours: Rgb[], background: Rgb = [245, 245, 242], tolerance = 18): number[] {
  const variants = colours.map((c) => {
    const list: Rgb[] = [];
    for (let a = 0.35; a <= 1.0001; a += 0.05) list.push([0, 1, 2].map((i) => a * c[i] + (1 - a) * background[i]) as Rgb);
    return list;
  });
  const counts = new Array(colours.length).fill(0);
  const total = png.width * png.height;
  for (let p = 0; p < total; p++) {
    const r = png.data[p * 4];
    const g = png.data[p * 4 + 1];
    const b = png.data[p * 4 + 2];
    let best = -1;
    let bestDistance = tolerance;
    variants.forEach((list, index) => {
      for (const v of list) {
        const d = Math.max(Math.abs(v[0] - r), Math.abs(v[1] - g), Math.abs(v[2] - b));
        if (d < bestDistance) {
          bestDistance = d;
          best = index;
        }
      }
    });
    if (best >= 0) counts[best]++;
  }
  return counts.map((c) => c / total);
}

/** Fraction of pixels that differ between two same-size images. */
export function changedShare(a: PNG, b: PNG, threshold = 24): number {
  let changed = 0;
  const total = a.width * a.height;
  for (let p = 0; p < total; p++) {
    const d = Math.max(
      Math.abs(a.data[p * 4] - b.data[p * 4]),
      Math.abs(a.data[p * 4 + 1] - b.data[p * 4 + 1]),
      Math.abs(a.data[p * 4 + 2] - b.data[p * 4 + 2]),
    );
    if (d > threshold) changed++;
  }
  return changed / total;
}

/** One pixel's RGB at (x, y), rounded to the nearest pixel. */
export function pixel(png: PNG, x: number, y: number): number[] {
  const p = (Math.round(y) * png.width + Math.round(x)) * 4;
  return [png.data[p], png.data[p + 1], png.data[p + 2]];
}

/** Median colour of a (2r+1)² block: one road or boundary pixel does not move it. */
export function medianAround(png: PNG, x: number, y: number, r = 2): number[] {
  const samples: number[][] = [];
  for (let dy = -r; dy <= r; dy++) for (let dx = -r; dx <= r; dx++) samples.push(pixel(png, x + dx, y + dy));
  return [0, 1, 2].map((k) => samples.map((s) => s[k]).sort((a, b) => a - b)[Math.floor(samples.length / 2)]);
}
