// Opens the one dataset inside a .zip (the ONS Open Geography Portal and most
// open-data sites publish boundaries zipped) as an ordinary in-memory file, so
// every importer reads it unchanged. A zip is untrusted input: its entry names
// are never used as paths (nothing is written anywhere: a users CSV must not
// touch the disk, not even as a temporary file), its declared sizes are capped
// and the inflated bytes are checked against them, since a zip bomb lies.
import * as zlib from 'node:zlib';
import yauzl from 'yauzl';
import type { ImportContext, ImportInput, InMemoryFile } from './importer';
import { ImportError, byteSize, checkAborted, inputName } from './importer';

/** The most one zip may unzip to: a national Output Area shapefile is well under 1 GB. */
export const ZIP_MAX_UNZIPPED_BYTES = 4 * 1024 ** 3;
/** A real download holds a handful of files; a zip listing millions is an attack on memory. */
const MAX_ENTRIES = 100_000;
/** How many names an error message lists before "and N more". */
const LIST_NAMES = 10;

/** The most deflate can compress: 258 bytes in 2 bits. */
const DEFLATE_MAX_RATIO = 1032;
/**
 * Real datasets (CSV, shapefiles, GeoPackages) compress well under 50:1; a large
 * entry far beyond that is a bomb that is honest about its size, and would still
 * take gigabytes of the main process's memory from a few megabytes of zip.
 */
const PLAUSIBLE_RATIO = 200;
const PLAUSIBLE_RATIO_ABOVE = 64 * 1024 ** 2;

const SINGLE_FILE = new Set(['csv', 'tsv', 'geojson', 'json', 'gpkg']);
const SIDECARS = ['dbf', 'prj', 'cpg', 'shx'];
/** Methods zip tools use that yauzl (deflate and stored only) cannot decode, named for the message. */
const METHOD_NAMES: Record<number, string> = { 9: 'Deflate64', 12: 'bzip2', 14: 'LZMA', 93: 'Zstandard', 95: 'XZ', 98: 'PPMd' };

export interface UnzipOptions {
  /** Cap on the unzipped bytes of the chosen dataset (tests lower it). */
  maxBytes?: number;
}

export function isZipName(name: string): boolean {
  return /\.zip$/i.test(name);
}

/** The input itself, or for a .zip the dataset inside it (in memory). */
export async function unzipIfZip(input: ImportInput, ctx?: ImportContext, options?: UnzipOptions): Promise<ImportInput> {
  return isZipName(inputName(input)) ? unzipDataset(input, ctx, options) : input;
}

interface Item {
  entry: yauzl.Entry;
  /** The entry's path inside the zip, for messages only. */
  path: string;
  ext: string;
  /** Lower-case path without the extension: a shapefile's parts share it. */
  stem: string;
}

/**
 * The one importable dataset inside a zip: a shapefile (its .shp, with the
 * .dbf, .prj, .cpg and .shx of the same name beside it as siblings) or a
 * single .csv, .tsv, .geojson, .json or .gpkg, in any folder. Its name reads
 * "x.zip › folder/name.shp", so messages and the summary say where it came from.
 */
export async function unzipDataset(input: ImportInput, ctx?: ImportContext, options: UnzipOptions = {}): Promise<InMemoryFile> {
  const zipName = inputName(input);
  const maxBytes = options.maxBytes ?? ZIP_MAX_UNZIPPED_BYTES;
  ctx?.progress?.(`Opening ${zipName}`, null);
  const zip = await openZip(input, zipName);
  try {
    if (zip.entryCount > MAX_ENTRIES) throw new ImportError(`${zipName}: holds ${zip.entryCount.toLocaleString('en-GB')} files, more than a data download would; refused`);
    const items = (await listEntries(zip, zipName)).filter((item) => !ignored(item.path));
    const main = chooseDataset(zipName, items);
    const parts: [string, Item][] = [['main', main]];
    if (main.ext === 'shp') {
      for (const ext of SIDECARS) {
        const sidecar = items.find((item) => item.ext === ext && item.stem === main.stem);
        if (sidecar) parts.push([ext, sidecar]);
      }
    }
    for (const [, item] of parts) checkReadable(zipName, item);
    const declared = parts.reduce((sum, [, item]) => sum + item.entry.uncompressedSize, 0);
    if (declared > maxBytes) {
      throw new ImportError(
        `${zipName} › ${main.path}: unzips to ${byteSize(declared)}, more than the ${byteSize(maxBytes)} this app will unzip at once; unzip it yourself and check what it holds`,
      );
    }
    const name = `${zipName} › ${main.path}`;
    const inflated: Record<string, Uint8Array> = {};
    try {
      for (const [key, item] of parts) {
        checkAborted(ctx, name);
        ctx?.progress?.(`Unzipping ${zipName} › ${item.path}`, null);
        inflated[key] = await inflate(zip, zipName, item, ctx);
      }
    } catch (error) {
      // What was unzipped may be personal data: wipe it rather than leave it to the garbage collector.
      for (const bytes of Object.values(inflated)) bytes.fill(0);
      throw error;
    }
    const { main: data, ...siblings } = inflated;
    return Object.keys(siblings).length ? { name, data, siblings } : { name, data };
  } finally {
    zip.close();
  }
}

/**
 * Several named files from one zip (a GTFS feed is a zip of .txt tables), found
 * by base name in any one folder, with the same checks as a single dataset.
 * Files the zip does not hold are left out of the result.
 */
export async function unzipNamed(input: ImportInput, names: readonly string[], ctx?: ImportContext, options: UnzipOptions = {}): Promise<Record<string, Uint8Array>> {
  const zipName = inputName(input);
  const maxBytes = options.maxBytes ?? ZIP_MAX_UNZIPPED_BYTES;
  const zip = await openZip(input, zipName);
  try {
    if (zip.entryCount > MAX_ENTRIES) throw new ImportError(`${zipName}: holds ${zip.entryCount.toLocaleString('en-GB')} files, more than a data download would; refused`);
    const wanted = new Set(names.map((n) => n.toLowerCase()));
    const items = (await listEntries(zip, zipName)).filter((item) => !ignored(item.path) && wanted.has(item.path.slice(item.path.lastIndexOf('/') + 1).toLowerCase()));
    const folders = new Set(items.map((item) => item.path.slice(0, item.path.lastIndexOf('/') + 1)));
    if (folders.size > 1) throw new ImportError(`${zipName} holds feed files in ${folders.size} folders (${listed([...folders])}); unzip it and import one folder`);
    items.forEach((item) => checkReadable(zipName, item));
    const declared = items.reduce((sum, item) => sum + item.entry.uncompressedSize, 0);
    if (declared > maxBytes) throw new ImportError(`${zipName}: unzips to ${byteSize(declared)}, more than the ${byteSize(maxBytes)} this app will unzip at once`);
    const out: Record<string, Uint8Array> = {};
    for (const item of items) {
      checkAborted(ctx, zipName);
      ctx?.progress?.(`Unzipping ${zipName} › ${item.path}`, null);
      out[item.path.slice(item.path.lastIndexOf('/') + 1).toLowerCase()] = await inflate(zip, zipName, item, ctx);
    }
    return out;
  } finally {
    zip.close();
  }
}

/** True when the zip holds every one of the named files (by base name, any folder). */
export async function zipHoldsAll(input: ImportInput, names: readonly string[]): Promise<boolean> {
  const zipName = inputName(input);
  const zip = await openZip(input, zipName);
  try {
    const held = new Set((await listEntries(zip, zipName)).map((item) => item.path.slice(item.path.lastIndexOf('/') + 1).toLowerCase()));
    return names.every((n) => held.has(n.toLowerCase()));
  } finally {
    zip.close();
  }
}

function openZip(input: ImportInput, zipName: string): Promise<yauzl.ZipFile> {
  // lazyEntries: the central directory is read one entry at a time, on our asking.
  const options = { lazyEntries: true, autoClose: false };
  return new Promise((resolve, reject) => {
    const done = (error: Error | null, zip?: yauzl.ZipFile) => {
      if (zip) return resolve(zip);
      const code = (error as NodeJS.ErrnoException | null)?.code;
      reject(new ImportError(code ? `${zipName}: cannot read file (${code})` : damaged(zipName, error)));
    };
    if (typeof input === 'string') yauzl.open(input, options, done);
    // A view of the staged bytes, not a copy: the zip is read where it lies.
    else yauzl.fromBuffer(Buffer.from(input.data.buffer, input.data.byteOffset, input.data.byteLength), options, done);
  });
}

function damaged(zipName: string, error: Error | null | undefined): string {
  const detail = error?.message ?? 'unknown error';
  if (/strong encryption/i.test(detail)) return `${zipName}: the zip is encrypted (password-protected); unzip it with its password and import the files inside`;
  // yauzl refuses names such as "../../x.shp" or "/etc/x": a zip made to write outside the folder it is unzipped to.
  const unsafe = /^(invalid relative path|absolute path|invalid characters in fileName): (.*)$/.exec(detail);
  if (unsafe) return `${zipName}: refused, the entry ${JSON.stringify(unsafe[2])} would unzip outside its folder (the zip may have been tampered with)`;
  return `${zipName}: not a readable zip file; it may be damaged or only partly downloaded (${detail})`;
}

function listEntries(zip: yauzl.ZipFile, zipName: string): Promise<Item[]> {
  return new Promise((resolve, reject) => {
    const items: Item[] = [];
    zip.on('entry', (entry: yauzl.Entry) => {
      const path = entry.fileName;
      const base = path.slice(path.lastIndexOf('/') + 1);
      const dot = base.lastIndexOf('.');
      const ext = dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
      const stem = (dot > 0 ? path.slice(0, path.length - base.length + dot) : path).toLowerCase();
      items.push({ entry, path, ext, stem });
      zip.readEntry();
    });
    zip.once('end', () => resolve(items));
    zip.once('error', (error: Error) => reject(new ImportError(damaged(zipName, error))));
    zip.readEntry();
  });
}

/** Folders, macOS's resource forks (__MACOSX/) and dot-files (.DS_Store) are not data. */
function ignored(path: string): boolean {
  if (path.endsWith('/')) return true;
  return path.split('/').some((part) => part === '__MACOSX' || part.startsWith('.'));
}

function listed(paths: string[]): string {
  const shown = paths.slice(0, LIST_NAMES).join(', ');
  return paths.length > LIST_NAMES ? `${shown} and ${paths.length - LIST_NAMES} more` : shown;
}

function chooseDataset(zipName: string, items: Item[]): Item {
  const shapefiles = items.filter((item) => item.ext === 'shp');
  const datasets = [...shapefiles, ...items.filter((item) => SINGLE_FILE.has(item.ext))];
  if (datasets.length === 1) return datasets[0];
  const paths = datasets.map((item) => item.path);
  if (datasets.length > 1) {
    const what = shapefiles.length === datasets.length ? 'shapefiles' : 'datasets';
    throw new ImportError(`${zipName} holds ${datasets.length} ${what} (${listed(paths)}); unzip it and import the one you want`);
  }
  const nested = items.filter((item) => item.ext === 'zip').map((item) => item.path);
  if (nested.length) {
    throw new ImportError(`${zipName} holds another zip (${listed(nested)}); zips inside zips are not supported: unzip it and import the file inside`);
  }
  if (items.length === 0) throw new ImportError(`${zipName}: the zip holds no files`);
  throw new ImportError(
    `${zipName} holds no file this app can import (it has ${listed(items.map((item) => item.path))}); expected a shapefile (.shp with its .dbf and .prj), .csv, .geojson or .gpkg`,
  );
}

function checkReadable(zipName: string, { entry, path }: Item): void {
  if (entry.isEncrypted()) {
    throw new ImportError(`${zipName} › ${path} is encrypted (password-protected); unzip it with its password and import the files inside`);
  }
  const method = entry.compressionMethod;
  if (method !== 0 && method !== 8) {
    const label = METHOD_NAMES[method] ? `${METHOD_NAMES[method]} compression` : `compression method ${method}`;
    throw new ImportError(`${zipName} › ${path} uses ${label}, which this app cannot unzip; unzip it with your file manager and import the files inside`);
  }
  // Deflate cannot shrink data more than 1032:1, so a larger declared size is a lie, caught
  // here before a buffer of that size is set aside (yauzl checks stored entries itself).
  if (method === 8 && entry.uncompressedSize > entry.compressedSize * DEFLATE_MAX_RATIO + 1024) {
    throw new ImportError(`${zipName} › ${path}: the zip is damaged or not what it claims (it declares more bytes than its compressed data can hold)`);
  }
  if (entry.uncompressedSize > PLAUSIBLE_RATIO_ABOVE && entry.uncompressedSize > entry.compressedSize * PLAUSIBLE_RATIO) {
    const ratio = Math.round(entry.uncompressedSize / Math.max(1, entry.compressedSize));
    throw new ImportError(`${zipName} › ${path} would unzip ${ratio}:1 to ${byteSize(entry.uncompressedSize)}, far beyond any real dataset; if it is genuine, unzip it yourself and import the file inside`);
  }
}

function openStream(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<NodeJS.ReadableStream & AsyncIterable<Buffer>> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => (error || !stream ? reject(error ?? new Error('no stream')) : resolve(stream as never)));
  });
}

/**
 * One entry, inflated into a buffer of exactly its declared size. The declared
 * sizes passed the cap, so writing no byte past them caps what is really
 * inflated too; the CRC-32 then tells a damaged entry from a good one.
 */
async function inflate(zip: yauzl.ZipFile, zipName: string, { entry, path }: Item, ctx?: ImportContext): Promise<Uint8Array> {
  const where = `${zipName} › ${path}`;
  const expected = entry.uncompressedSize;
  let out: Buffer;
  try {
    // Not from Node's shared pool, so wiping or handing on this buffer touches nothing else.
    out = Buffer.allocUnsafeSlow(expected);
  } catch {
    throw new ImportError(`${where}: unzips to ${byteSize(expected)}, more than this computer can hold in memory at once; unzip it yourself`);
  }
  // zlib.crc32 arrived in Node 20.15; on an older Node only the size checks guard the bytes.
  const crc32 = typeof zlib.crc32 === 'function' ? zlib.crc32 : null;
  let crc = 0;
  let offset = 0;
  try {
    const stream = await openStream(zip, entry);
    for await (const chunk of stream) {
      if (offset + chunk.length > expected) throw new Error(`lies about its size: more than the ${expected} bytes it declares`);
      chunk.copy(out, offset);
      if (crc32) crc = crc32(chunk, crc);
      offset += chunk.length;
      if (ctx?.signal?.aborted) {
        (stream as unknown as { destroy(): void }).destroy();
        checkAborted(ctx, where);
      }
    }
    if (offset !== expected) throw new Error(`${offset} of the ${expected} bytes it declares`);
    if (crc32 && crc >>> 0 !== entry.crc32 >>> 0) throw new Error('checksum mismatch');
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  } catch (error) {
    out.fill(0);
    if (error instanceof ImportError) throw error;
    const message = (error as Error).message
      .replace(/^too many bytes in the stream.*$/, 'lies about its size: more bytes than it declares')
      .replace(/^not enough bytes in the stream.*$/, 'fewer bytes than it declares');
    throw new ImportError(`${where}: cannot be unzipped, the zip is damaged, only partly downloaded or not what it claims (${message})`);
  }
}
