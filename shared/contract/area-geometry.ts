// Area geometry as typed arrays (issue 18): a national set (190k Output Areas)
// as GeoJSON was 117 MB of JSON to write, send, parse and tessellate on each
// open. As flat arrays it is the coordinates' own bytes, triangulated once in
// the main process, drawn by deck.gl without a per-feature object.
import { z } from 'zod';

/** A zod check that a value is a typed array of one kind (a frame's arrays arrive as views, never plain arrays). */
export const typed = <T extends abstract new (...args: never[]) => unknown>(type: T, name: string) =>
  z.custom<InstanceType<T>>((v) => v instanceof type, { message: `expected a ${name}` });

export const AreaGeometrySchema = z
  .object({
    level: z.string(),
    /** Area codes in the order of getAreaLayer's features (the table's order). */
    codes: z.array(z.string()),
    /** Longitude, latitude of every vertex (WGS84), ring after ring. */
    positions: typed(Float64Array, 'Float64Array'),
    /** Vertex index where polygon p starts, and one past the last vertex: polygons + 1 entries. */
    polygonStarts: typed(Uint32Array, 'Uint32Array'),
    /** The area (index into codes) each polygon belongs to: a MultiPolygon area has several. */
    polygonArea: typed(Uint32Array, 'Uint32Array'),
    /** Vertex index where each ring starts (outer, then its holes), and one past the last vertex. */
    ringStarts: typed(Uint32Array, 'Uint32Array'),
    /** Ring index where polygon p's rings start: polygons + 1 entries. */
    polygonRings: typed(Uint32Array, 'Uint32Array'),
    /** Fill triangles, three vertex indices each (earcut on Web Mercator, as deck.gl would). */
    triangles: typed(Uint32Array, 'Uint32Array'),
    /** [west, south, east, north] of every vertex; null when there are none. */
    bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).nullable(),
  })
  .superRefine((g, ctx) => {
    const problem = geometryProblem(g);
    if (problem) ctx.addIssue({ code: 'custom', message: `inconsistent area geometry: ${problem}` });
  });
export type AreaGeometry = z.infer<typeof AreaGeometrySchema>;

function ascending(a: Uint32Array, last: number): boolean {
  if (a.length === 0 || a[0] !== 0 || a[a.length - 1] !== last) return false;
  for (let i = 1; i < a.length; i++) if (a[i] < a[i - 1]) return false;
  return true;
}

/** Lengths and indices that agree with each other, so a reader never indexes past an array. */
export function geometryProblem(g: Omit<AreaGeometry, 'level' | 'bbox'>): string | null {
  if (g.positions.length % 2) return 'positions hold an odd number of values';
  const vertices = g.positions.length / 2;
  const polygons = g.polygonArea.length;
  if (g.polygonStarts.length !== polygons + 1 || !ascending(g.polygonStarts, vertices)) return 'polygonStarts do not cover the vertices';
  if (g.polygonRings.length !== polygons + 1 || g.ringStarts.length === 0) return 'polygonRings do not match the polygons';
  const rings = g.ringStarts.length - 1;
  if (!ascending(g.ringStarts, vertices) || !ascending(g.polygonRings, rings)) return 'ringStarts do not cover the vertices';
  for (let p = 0; p < polygons; p++) {
    if (g.polygonArea[p] >= g.codes.length) return `polygon ${p} names area ${g.polygonArea[p]} of ${g.codes.length}`;
    if (g.ringStarts[g.polygonRings[p]] !== g.polygonStarts[p]) return `polygon ${p}'s rings do not start at its first vertex`;
  }
  if (g.triangles.length % 3) return 'triangles are not whole';
  for (let i = 0; i < g.triangles.length; i++) if (g.triangles[i] >= vertices) return `triangle vertex ${g.triangles[i]} of ${vertices}`;
  return null;
}

export const areaGeometryMethods = {
  /** One geography level's polygons as typed arrays, in getAreaLayer's order (a binary frame over HTTP). */
  getAreaGeometry: {
    input: z.object({ level: z.string() }).strict(),
    output: AreaGeometrySchema,
  },
} as const;
