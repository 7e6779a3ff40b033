// Reads an MBTiles 1.3 file (https://github.com/mapbox/mbtiles-spec): SQLite
// with tiles(zoom_level, tile_column, tile_row, tile_data) in TMS row order
// and metadata(name, value). Opened read-only: the analyst's file is never changed.
import Database from 'better-sqlite3';
import { basename, extname } from 'node:path';
import { rasterTileSize } from './image-size';
import { declaredTileSize, decodeTileBytes, sanitiseBounds, sniffFormat, vectorLayersFrom, type TileFormat, type TileJson, type TileSource } from './tile-source';

const FORMAT_ALIASES: Record<string, TileFormat> = { pbf: 'pbf', mvt: 'pbf', png: 'png', jpg: 'jpg', jpeg: 'jpg', webp: 'webp' };

function numbers(text: string | undefined, count: number): number[] | null {
  if (!text) return null;
  const parts = text.split(',').map((p) => Number(p.trim()));
  return parts.length === count && parts.every(Number.isFinite) ? parts : null;
}

function zoom(text: string | undefined): number | null {
  const n = Number(text);
  return text !== undefined && text.trim() !== '' && Number.isInteger(n) && n >= 0 && n <= 30 ? n : null;
}

export function openMbtiles(path: string): TileSource {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const has = (name: string) => db.prepare("SELECT 1 FROM sqlite_master WHERE name = ? AND type IN ('table', 'view')").get(name) !== undefined;
    if (!has('tiles')) throw new Error('it is an SQLite file but not MBTiles (it has no "tiles" table)');
    const meta = new Map<string, string>();
    if (has('metadata')) {
      for (const row of db.prepare('SELECT name, value FROM metadata').all() as { name: unknown; value: unknown }[]) {
        if (typeof row.name === 'string' && row.value != null) meta.set(row.name, String(row.value));
      }
    }
    const select = db.prepare('SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?').pluck();
    const tileJson = tileJsonOf(db, path, meta);
    // The spec says TMS; a few writers store XYZ rows and say so with a non-standard `scheme` entry.
    const xyzRows = meta.get('scheme')?.trim().toLowerCase() === 'xyz';
    let open = true;
    return {
      kind: 'mbtiles',
      path,
      tileJson,
      async getTile(z, x, y) {
        if (!open) throw new Error(`${path} has been closed`);
        // MBTiles counts rows from the south (TMS); maplibre asks in XYZ, counting from the north.
        const data = select.get(z, x, xyzRows ? y : 2 ** z - 1 - y) as Buffer | undefined;
        if (!data || data.length === 0) return null;
        return tileJson.format === 'pbf' ? decodeTileBytes(data, 'sniff') : data;
      },
      close() {
        if (open) db.close();
        open = false;
      },
    };
  } catch (error) {
    db.close();
    throw error;
  }
}

function tileJsonOf(db: Database.Database, path: string, meta: Map<string, string>): TileJson {
  const declared = meta.get('format')?.trim().toLowerCase();
  let format = declared ? FORMAT_ALIASES[declared] : undefined;
  if (declared && !format) throw new Error(`its tiles are "${declared}"; only pbf (vector), png, jpg and webp tiles can be drawn`);
  const range = db.prepare('SELECT MIN(zoom_level) AS lo, MAX(zoom_level) AS hi FROM tiles').get() as { lo: number | null; hi: number | null };
  if (range.lo === null || range.hi === null) throw new Error('it holds no tiles');
  // Any one tile will do (an archive's tiles share a size); the cheapest query, as `tiles` is often a view over a join.
  const first = () => {
    const value = db.prepare('SELECT tile_data FROM tiles LIMIT 1').pluck().get();
    return value instanceof Uint8Array ? value : null;
  };
  let sample: Uint8Array | null | undefined;
  if (!format) {
    sample = first();
    // No declared format and not an image: vector tiles (gzipped or plain protobuf) are the only other kind.
    format = (sample && sniffFormat(sample)) ?? 'pbf';
  }
  const tileSize = format === 'pbf' ? null : rasterTileSize(sample === undefined ? first() : sample, declaredTileSize((k) => meta.get(k)));
  let vectorLayers: TileJson['vector_layers'] = [];
  const json = meta.get('json');
  if (json) {
    try {
      vectorLayers = vectorLayersFrom((JSON.parse(json) as { vector_layers?: unknown }).vector_layers);
    } catch {
      // A broken `json` entry only loses the layer list; the tiles still draw with the generic style.
    }
  }
  const minzoom = zoom(meta.get('minzoom')) ?? range.lo;
  const maxzoom = Math.max(minzoom, zoom(meta.get('maxzoom')) ?? range.hi);
  const center = numbers(meta.get('center'), 3) as [number, number, number] | null;
  const attribution = meta.get('attribution');
  return {
    tilejson: '3.0.0',
    name: meta.get('name')?.trim() || basename(path, extname(path)),
    format,
    bounds: sanitiseBounds(numbers(meta.get('bounds'), 4)),
    minzoom,
    maxzoom,
    ...(center ? { center } : {}),
    ...(attribution ? { attribution } : {}),
    vector_layers: vectorLayers,
    ...(tileSize ? { tileSize } : {}),
  };
}
