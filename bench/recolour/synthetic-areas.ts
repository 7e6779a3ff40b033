// Synthetic national-scale areas: a jittered grid of 10-vertex polygons over
// Great Britain's extent, the size of the 2021 Output Area set (~190k), with
// three measures a choropleth might show. Seeded, so every run draws the same.
import type { Feature, FeatureCollection } from 'geojson';

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

const [w, s, e, n] = [-6, 50, 2, 58.5];

function grid(count: number) {
  const cols = Math.ceil(Math.sqrt((count * (e - w)) / (n - s)));
  const rows = Math.ceil(count / cols);
  return { cols, dx: (e - w) / cols, dy: (n - s) / rows };
}

/** The centre of area i of `count`: inside its polygon (a ring at 0.42-0.5 of the cell around it). */
export function syntheticCentre(i: number, count: number): [number, number] {
  const { cols, dx, dy } = grid(count);
  return [w + ((i % cols) + 0.5) * dx, s + (Math.floor(i / cols) + 0.5) * dy];
}

export function syntheticAreas(count: number, vertices = 10): FeatureCollection {
  const rand = prng(20261123);
  const { cols, dx, dy } = grid(count);
  const features: Feature[] = [];
  for (let i = 0; i < count; i++) {
    const cx = w + ((i % cols) + 0.5) * dx, cy = s + (Math.floor(i / cols) + 0.5) * dy;
    const ring: number[][] = [];
    for (let v = 0; v < vertices; v++) {
      const a = (2 * Math.PI * v) / vertices;
      const r = 0.42 + 0.08 * rand();
      ring.push([cx + Math.cos(a) * dx * r, cy + Math.sin(a) * dy * r]);
    }
    ring.push(ring[0]);
    const x = (cx - w) / (e - w), y = (cy - s) / (n - s);
    features.push({
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: [ring] },
      properties: {
        code: `E${String(i).padStart(8, '0')}`,
        density: Math.round(50 + 9000 * rand() ** 3),
        need_pct: 8 + 20 * x * y + 4 * rand(),
        uptake_ratio: Math.exp((rand() - 0.5) * 1.6),
      },
    });
  }
  return { type: 'FeatureCollection', features };
}
