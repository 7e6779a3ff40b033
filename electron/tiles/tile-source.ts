// One interface over the two offline tile containers an analyst may have
// (PMTiles, MBTiles). Both transports — the browser-mode route and Electron's
// cgm-app:// protocol — read tiles through this, never from a URL.
import { brotliDecompressSync, gunzipSync } from 'node:zlib';

export type TileFormat = 'pbf' | 'png' | 'jpg' | 'webp';

export interface VectorLayerInfo {
  id: string;
  minzoom?: number;
  maxzoom?: number;
  fields?: Record<string, string>;
}

/** TileJSON 3.0.0, less `tiles`: the URL depends on the transport, so the renderer adds it. */
export interface TileJson {
  tilejson: '3.0.0';
  name: string;
  format: TileFormat;
  bounds: [number, number, number, number];
  minzoom: number;
  maxzoom: number;
  center?: [number, number, number];
  attribution?: string;
  vector_layers: VectorLayerInfo[];
  /**
   * Raster tiles only: their edge in pixels (256, 512, …), read from a stored
   * tile. Not standard TileJSON, but maplibre's raster sources need it, and
   * drawing 512-px tiles as 256 halves every label and line.
   */
  tileSize?: number;
}

export interface TileSource {
  kind: 'pmtiles' | 'mbtiles';
  path: string;
  tileJson: TileJson;
  /** Uncompressed tile bytes, or null where the archive has no tile. */
  getTile(z: number, x: number, y: number): Promise<Uint8Array | null>;
  close(): void;
}

export const TILE_MIME: Record<TileFormat, string> = {
  pbf: 'application/x-protobuf',
  png: 'image/png',
  jpg: 'image/jpeg',
  webp: 'image/webp',
};

export const WORLD_BOUNDS: [number, number, number, number] = [-180, -85.0511, 180, 85.0511];

/**
 * Vector tiles are usually stored gzipped. We hand maplibre plain bytes rather
 * than a Content-Encoding header, because Electron's protocol handler does not
 * decode content-encoding the way a browser's HTTP stack does.
 */
export function decodeTileBytes(bytes: Uint8Array, compression: 'gzip' | 'brotli' | 'none' | 'sniff' = 'sniff'): Uint8Array {
  if (compression === 'brotli') return brotliDecompressSync(bytes);
  const gzipped = bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
  if (compression === 'gzip' || (compression === 'sniff' && gzipped)) return gunzipSync(bytes);
  return bytes;
}

/** Image formats by their first bytes, for archives whose metadata does not say. */
export function sniffFormat(bytes: Uint8Array): TileFormat | null {
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return 'jpg';
  if (new TextDecoder().decode(bytes.subarray(8, 12)) === 'WEBP') return 'webp';
  return null;
}

/** A non-standard tile-size entry some writers add to MBTiles / PMTiles metadata; checked later, not trusted. */
export function declaredTileSize(get: (key: string) => unknown): unknown {
  return get('tileSize') ?? get('tile_size') ?? get('tilesize');
}

/** `metadata.json` / PMTiles metadata may carry vector_layers; anything malformed is dropped, not trusted. */
export function vectorLayersFrom(value: unknown): VectorLayerInfo[] {
  if (!Array.isArray(value)) return [];
  const layers: VectorLayerInfo[] = [];
  for (const item of value) {
    if (!item || typeof item !== 'object' || typeof (item as { id?: unknown }).id !== 'string') continue;
    const { id, minzoom, maxzoom, fields } = item as Record<string, unknown>;
    layers.push({
      id: id as string,
      ...(typeof minzoom === 'number' ? { minzoom } : {}),
      ...(typeof maxzoom === 'number' ? { maxzoom } : {}),
      ...(fields && typeof fields === 'object' ? { fields: Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, String(v)])) } : {}),
    });
  }
  return layers;
}

/** Clamps to what a web-mercator map can show, so a sloppy archive cannot break fitBounds. */
export function sanitiseBounds(b: readonly number[] | undefined | null): [number, number, number, number] {
  if (!b || b.length !== 4 || b.some((v) => !Number.isFinite(v))) return WORLD_BOUNDS;
  const [w, s, e, n] = b;
  if (w >= e || s >= n) return WORLD_BOUNDS;
  return [Math.max(w, -180), Math.max(s, -85.0511), Math.min(e, 180), Math.min(n, 85.0511)];
}
