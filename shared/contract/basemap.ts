// Offline base-map tiles (issue 6).
// The project may name a local PMTiles or MBTiles file for the base map. Its
// tiles are binary and fetched by maplibre itself, so they are served beside
// the contract (browser mode: GET /tiles/{z}/{x}/{y}.{ext}?token=; Electron:
// cgm-app://app/tiles/...), with the same token and origin rules.
import { z } from 'zod';
import { Empty } from './common';

export const BASEMAP_TILE_FORMATS = ['pbf', 'png', 'jpg', 'webp'] as const;
export const BasemapInfoSchema = z.object({
  kind: z.enum(['pmtiles', 'mbtiles']),
  path: z.string(),
  name: z.string(),
  format: z.enum(BASEMAP_TILE_FORMATS),
  /** [west, south, east, north] in degrees. */
  bounds: z.tuple([z.number(), z.number(), z.number(), z.number()]),
  minzoom: z.number().int(),
  maxzoom: z.number().int(),
  attribution: z.string().nullable(),
  vectorLayers: z.array(z.object({ id: z.string(), minzoom: z.number().optional(), maxzoom: z.number().optional() })),
  /** Raster tiles' edge in pixels (256, 512, …), measured from a stored tile; null for vector tiles. */
  tileSize: z.number().int().positive().nullable(),
  /** Changes with the file's path and modification time; tile URLs carry it to miss stale caches. */
  version: z.string(),
});
export type BasemapInfo = z.infer<typeof BasemapInfoSchema>;

export const basemapMethods = {
  /** Stores the project's base-map tile file after checking it is a readable PMTiles/MBTiles; null clears it. */
  setBasemapTiles: { input: z.object({ path: z.string().trim().min(1).max(4096).nullable() }).strict(), output: BasemapInfoSchema.nullable() },
  /** The project's tile file as TileJSON-like facts, or null when the base map is drawn from the project's own data. */
  getBasemapInfo: { input: Empty, output: BasemapInfoSchema.nullable() },
} as const;
