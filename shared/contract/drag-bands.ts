// Travel-time bands while a what-if site is dragged (issue 17): the same bands
// getIsochrones draws for the sites where they are on screen, sent as flat
// typed arrays already triangulated in the main process, so each pointer
// update costs the page one buffer upload, not a GeoJSON parse, a schema walk
// over every coordinate and a tessellation (a binary frame over HTTP).
import { z } from 'zod';
import { Mode } from './common';

const typed = <T extends abstract new (...args: never[]) => unknown>(type: T, name: string) =>
  z.custom<InstanceType<T>>((v) => v instanceof type, { message: `expected a ${name}` });

export const DraggedSiteSchema = z.object({ lon: z.number().min(-180).max(180), lat: z.number().min(-90).max(90) }).strict();

export const DragBandsSchema = z.object({
  service: z.string(),
  mode: Mode,
  /** Upper limits of the bands, ascending; band b runs from minutes[b - 1] (0 for the first) to minutes[b]. */
  minutes: z.array(z.number()),
  /** Longitude, latitude of every vertex (WGS84), ring after ring; furthest band's polygons first. */
  positions: typed(Float64Array, 'Float64Array'),
  /** Vertex index where polygon p starts, and one past the last vertex: polygons + 1 entries. */
  polygonStarts: typed(Uint32Array, 'Uint32Array'),
  /** The band (index into minutes) of each polygon. */
  polygonBand: typed(Uint32Array, 'Uint32Array'),
  /** Vertex index where each ring starts (outer, then its holes), and one past the last vertex. */
  ringStarts: typed(Uint32Array, 'Uint32Array'),
  /** Ring index where polygon p's rings start: polygons + 1 entries. */
  polygonRings: typed(Uint32Array, 'Uint32Array'),
  /** Fill triangles, three vertex indices each (earcut on Web Mercator, as deck.gl would). */
  triangles: typed(Uint32Array, 'Uint32Array'),
  sitesRouted: z.number().int(),
  sitesOffNetwork: z.number().int(),
  /** Routing, bands and triangulation on the server. */
  millis: z.number(),
});
export type DragBands = z.infer<typeof DragBandsSchema>;

export const dragBandsInput = z
  .object({
    service: z.string(),
    mode: Mode.default('walk'),
    minutes: z.array(z.number().positive().max(180)).min(1).max(8).default([5, 10, 15, 20, 25]),
    /** The proposed sites where they are on screen, counted instead of the stored ones (only these are routed; the real sites' times are kept). */
    dragged: z.array(DraggedSiteSchema).max(100),
  })
  .strict();
