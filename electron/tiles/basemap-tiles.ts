// The project's offline base-map tiles, served by z/x/y. Browser mode's
// /tiles/ route and Electron's cgm-app://app/tiles/ protocol both call
// `tileResponse`, so the two transports cannot drift apart.
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { assertLocalPath } from './local-path';
import { openTileFile } from './open-tile-file';
import { TILE_MIME, type TileFormat, type TileSource } from './tile-source';

export interface TileResponse {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array | string;
}

/** z/x/y plus an extension; digits are bounded so a request cannot ask for absurd numbers. */
const TILE_PATH = /^\/tiles\/(\d{1,2})\/(\d{1,9})\/(\d{1,9})\.(pbf|mvt|png|jpg|jpeg|webp)$/;
const EXT_FORMAT: Record<string, TileFormat> = { pbf: 'pbf', mvt: 'pbf', png: 'png', jpg: 'jpg', jpeg: 'jpg', webp: 'webp' };

export function isTilePath(pathname: string): boolean {
  return pathname.startsWith('/tiles/');
}

const text = (status: number, message: string): TileResponse => ({ status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }, body: message });

export class BasemapTiles {
  private source: TileSource | null = null;
  private key = '';
  /** The file being opened, so concurrent tile requests share one open. */
  private opening: { key: string; done: Promise<TileSource> } | null = null;

  /** `currentPath` is read on every request, so a change of project or of setting needs no notification. */
  constructor(private readonly currentPath: () => string | null) {}

  /** The open tile file for the current setting (reopened when the setting or the file changes), or null. */
  async current(): Promise<TileSource | null> {
    const path = this.currentPath();
    if (!path) {
      this.close();
      return null;
    }
    // A project file names this path, so it is checked as a typed one is.
    assertLocalPath(path);
    let mtime: number;
    try {
      mtime = statSync(path).mtimeMs;
    } catch {
      this.close();
      throw new Error(`The base map tile file ${path} is missing; choose it again or clear it to use the project's own base map.`);
    }
    const key = `${path}\n${mtime}`;
    if (this.source && this.key === key) return this.source;
    if (this.opening?.key !== key) {
      this.close();
      const done = openTileFile(path).then((source) => {
        // A newer setting may have started its own open meanwhile: this one is then not wanted.
        if (this.opening?.done !== done) {
          source.close();
          throw new Error(`The base map changed while ${path} was being opened.`);
        }
        this.source = source;
        this.key = key;
        this.opening = null;
        return source;
      });
      done.catch(() => {
        if (this.opening?.done === done) this.opening = null;
      });
      this.opening = { key, done };
    }
    return this.opening.done;
  }

  /** Changes when the file or its contents change, so the renderer's tile URLs miss stale caches. */
  version(): string {
    return createHash('sha256').update(this.key).digest('hex').slice(0, 12);
  }

  async tileResponse(pathname: string): Promise<TileResponse> {
    const match = TILE_PATH.exec(pathname);
    if (!match) return text(404, 'Not a tile address');
    const [z, x, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
    if (z > 30 || x >= 2 ** z || y >= 2 ** z) return text(404, 'No such tile');
    let source: TileSource | null;
    try {
      source = await this.current();
    } catch (error) {
      return text(404, error instanceof Error ? error.message : String(error));
    }
    if (!source) return text(404, 'This project has no base map tile file');
    if (EXT_FORMAT[match[4]] !== source.tileJson.format) return text(404, `The base map tiles are ${source.tileJson.format}, not ${match[4]}`);
    const bytes = await source.getTile(z, x, y);
    // 204, not 404: maplibre then draws nothing there (transparent raster, empty vector) without an error.
    if (!bytes) return { status: 204, headers: { 'cache-control': 'no-cache' }, body: '' };
    return {
      status: 200,
      headers: {
        'content-type': TILE_MIME[source.tileJson.format],
        'content-length': String(bytes.length),
        'x-content-type-options': 'nosniff',
        // URLs carry the file's version, so a cached tile is never a stale one.
        'cache-control': 'private, max-age=3600',
      },
      body: bytes,
    };
  }

  close(): void {
    this.source?.close();
    this.source = null;
    this.key = '';
    this.opening = null;
  }
}
