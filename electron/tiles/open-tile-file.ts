// Opens a user-chosen offline tile file, deciding PMTiles or MBTiles by its
// first bytes (not its name), with errors that name the file and say what is wrong.
import { accessSync, closeSync, constants, openSync, readSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { assertLocalPath } from './local-path';
import { openMbtiles } from './mbtiles-source';
import { openPmtiles } from './pmtiles-source';
import type { TileSource } from './tile-source';

const SQLITE_MAGIC = 'SQLite format 3\0';

function firstBytes(path: string, n: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    const got = readSync(fd, buf, 0, n, 0);
    return buf.subarray(0, got);
  } finally {
    closeSync(fd);
  }
}

export async function openTileFile(input: string): Promise<TileSource> {
  const trimmed = input.trim().replace(/^"(.*)"$/, '$1');
  if (!trimmed) throw new Error('No tile file was named.');
  assertLocalPath(trimmed);
  // Browser mode takes a typed path; a relative one would depend on where the app was started.
  if (!isAbsolute(trimmed)) throw new Error(`"${trimmed}" is not a full path; give the tile file's full path (e.g. C:\\Maps\\zoomstack.pmtiles).`);
  const path = resolve(trimmed);
  let stats;
  try {
    stats = statSync(path);
  } catch {
    throw new Error(`The tile file ${path} does not exist.`);
  }
  if (!stats.isFile()) throw new Error(`${path} is a folder, not a tile file.`);
  try {
    accessSync(path, constants.R_OK);
  } catch {
    throw new Error(`The tile file ${path} cannot be read (permission denied).`);
  }
  const head = firstBytes(path, 16);
  try {
    if (head.subarray(0, 7).toString('latin1') === 'PMTiles') return await openPmtiles(path);
    if (head.toString('latin1') === SQLITE_MAGIC) return openMbtiles(path);
  } catch (error) {
    throw new Error(`${path} cannot be used as a base map: ${error instanceof Error ? error.message : String(error)}.`, { cause: error });
  }
  throw new Error(`${path} is neither a PMTiles nor an MBTiles file.`);
}
