// A GTFS feed's text files, from a .zip or a folder, as rows of named fields.
// The feed is read whole: a town's or county's timetable is megabytes, and the
// checks in buildFeed need every table at once to follow references.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { GtfsTables } from '../../shared/transit/feed-build';
import type { ImportContext, ImportInput } from './importer';
import { ImportError, inputName } from './importer';
import { isZipName, unzipNamed } from './zip-dataset';

/** The tables the analysis reads; agency, shapes, fares and the rest are not needed for journey times. */
export const GTFS_FILES = [
  'stops.txt', 'routes.txt', 'trips.txt', 'stop_times.txt', 'calendar.txt', 'calendar_dates.txt', 'frequencies.txt', 'transfers.txt',
] as const;

function rows(file: string, bytes: Uint8Array): Record<string, string>[] {
  try {
    return parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      bom: true, skip_empty_lines: true, relax_column_count: true,
    }) as Record<string, string>[];
  } catch (error) {
    throw new ImportError(`${file}: not readable as CSV (${(error as Error).message})`);
  }
}

async function folderFiles(dir: string): Promise<Record<string, Uint8Array>> {
  const names = new Map((await readdir(dir)).map((n) => [n.toLowerCase(), n]));
  const out: Record<string, Uint8Array> = {};
  for (const f of GTFS_FILES) {
    const actual = names.get(f);
    if (actual) out[f] = await readFile(join(dir, actual));
  }
  return out;
}

/** The feed's tables; a file that is missing is simply absent (buildFeed says which matter). */
export async function readGtfsTables(input: ImportInput, ctx?: ImportContext): Promise<GtfsTables> {
  const name = inputName(input);
  let files: Record<string, Uint8Array>;
  if (typeof input === 'string' && (await stat(input).catch(() => null))?.isDirectory()) files = await folderFiles(input);
  else if (isZipName(name)) files = await unzipNamed(input, GTFS_FILES, ctx);
  else throw new ImportError(`${name}: a GTFS feed is a .zip or a folder of .txt files (stops.txt, routes.txt, trips.txt, stop_times.txt, calendar.txt...)`);
  const tables: GtfsTables = {};
  for (const [file, bytes] of Object.entries(files)) {
    ctx?.progress?.(`Reading ${file}`, null);
    tables[file] = rows(`${name} › ${file}`, bytes);
  }
  return tables;
}
