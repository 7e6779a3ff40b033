// Files dropped into the app wait here, in main-process memory only, between
// the column-mapping step and the import. A service-user file holds personal
// data, so nothing here ever touches the disk, and the bytes are wiped when
// the import succeeds, when the analyst discards the file, or after a while.
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import type { ImportKindName, StagedFile } from '../../shared/contract';
import { IMPORT_KINDS } from '../../shared/contract';
import { detectEncoding, openCsv } from '../importers/csv-read';
import type { ImportContext, InMemoryFile } from '../importers/importer';
import { ImportError } from '../importers/importer';
import { importers } from '../importers/registry';
import { readVectorLayer, type VectorLayer } from '../importers/vector-read';
import { isZipName, unzipDataset, zipHoldsAll } from '../importers/zip-dataset';

/** Long enough to map columns over a cup of tea; short enough that personal data does not linger. */
export const STAGED_TTL_MS = 10 * 60 * 1000;
const SAMPLE_ROWS = 5;

export interface StagedEntry {
  id: string;
  input: InMemoryFile;
  /** Set while an import of this file runs, so it can be cancelled and is not wiped mid-read. */
  running: AbortController | null;
  timer: NodeJS.Timeout;
}

export class StagedFiles {
  private readonly entries = new Map<string, StagedEntry>();

  constructor(private readonly ttlMs = STAGED_TTL_MS) {}

  add(input: InMemoryFile): StagedEntry {
    const id = randomUUID();
    const entry: StagedEntry = { id, input, running: null, timer: this.expiry(id) };
    this.entries.set(id, entry);
    return entry;
  }

  get(id: string): StagedEntry {
    const entry = this.entries.get(id);
    if (!entry) throw new ImportError('the file is no longer held for import (files are let go after 10 minutes); drop it again');
    return entry;
  }

  has(id: string): boolean {
    return this.entries.has(id);
  }

  get count(): number {
    return this.entries.size;
  }

  /** Wipes the bytes (rather than waiting for the garbage collector) and forgets the file. */
  drop(id: string): boolean {
    const entry = this.entries.get(id);
    if (!entry) return false;
    clearTimeout(entry.timer);
    entry.running?.abort();
    entry.input.data.fill(0);
    for (const bytes of Object.values(entry.input.siblings ?? {})) bytes.fill(0);
    this.entries.delete(id);
    return true;
  }

  dropAll(): void {
    for (const id of [...this.entries.keys()]) this.drop(id);
  }

  private expiry(id: string): NodeJS.Timeout {
    const timer = setTimeout(() => {
      const entry = this.entries.get(id);
      // An import in progress still reads the bytes; look again later.
      if (entry?.running) entry.timer = this.expiry(id);
      else this.drop(id);
    }, this.ttlMs);
    // A staged file must not keep the CLI or a test process alive.
    timer.unref();
    return timer;
  }
}

type Format = StagedFile['format'];

/**
 * The format a file's name says, or 'zip': a zip is let through (an upload may
 * begin) and describeStaged then puts the one dataset inside it in its place.
 */
export function formatOf(name: string): Format | 'zip' {
  const lower = name.toLowerCase();
  if (isZipName(lower)) return 'zip';
  if (/\.(osm|osm\.pbf|pbf|osm\.xml)$/.test(lower)) return 'osm';
  if (/\.(shp|dbf|shx|prj)$/.test(lower)) return 'shapefile';
  if (lower.endsWith('.gpkg')) return 'geopackage';
  if (/\.(geojson|json)$/.test(lower)) return 'geojson';
  if (/\.(csv|tsv|txt)$/.test(lower)) return 'csv';
  if (/\.(xlsx|xls|ods)$/.test(lower)) throw new ImportError(`${name}: spreadsheets cannot be read directly; save the sheet as CSV (UTF-8) and import that`);
  throw new ImportError(`${name}: unsupported file type (expected .csv, .geojson, .shp with its .dbf and .prj, .gpkg, .osm, .osm.pbf or a .zip holding one of them)`);
}

const DELIMITER_NAMES: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };

function suggestionsFor(headers: string[]): StagedFile['suggested'] {
  const out: StagedFile['suggested'] = {};
  for (const kind of IMPORT_KINDS) {
    const found = kind === 'roads' || kind === 'gtfs' ? {} : importers[kind].suggest(headers);
    out[kind] = Object.fromEntries(Object.entries(found).filter((e): e is [string, string] => typeof e[1] === 'string'));
  }
  return out;
}

/** The most likely kind of a table, from which field roles its headers fill. */
export function guessTableKind(suggested: StagedFile['suggested']): ImportKindName | null {
  const has = (kind: ImportKindName, role: string) => Boolean(suggested[kind]?.[role]);
  const coords = (kind: ImportKindName) => (has(kind, 'lat') && has(kind, 'lon')) || (has(kind, 'easting') && has(kind, 'northing'));
  // Users first: a client extract may also carry names, which must not make it look like a list of sites.
  if (has('users', 'postcode') && has('users', 'date') && !coords('postcodes')) return 'users';
  if (has('sites', 'name') && (coords('sites') || has('sites', 'postcode'))) return 'sites';
  if (has('postcodes', 'postcode') && (coords('postcodes') || has('postcodes', 'areaCode'))) return 'postcodes';
  if (has('rates', 'segment') && (has('rates', 'rate') || has('rates', 'index'))) return 'rates';
  if (has('segment-profile', 'segment') && (has('segment-profile', 'employed') || has('segment-profile', 'workingAge') || has('segment-profile', 'channels'))) return 'segment-profile';
  if (has('site-hours', 'siteCode') && has('site-hours', 'hours')) return 'site-hours';
  if (has('assignments', 'areaCode') && has('assignments', 'segment')) return 'assignments';
  if (has('population', 'areaCode') && has('population', 'count')) return 'population';
  if (has('segments', 'code') && has('segments', 'name')) return 'segments';
  // Two area code columns and nothing to count: which area lies in which (OA11CD,LSOA11CD,...).
  if (has('boundaries', 'areaCode') && has('boundaries', 'parentCode')) return 'lookup';
  if (has('users', 'postcode')) return 'users';
  return null;
}

/**
 * A service-user extract carries names, NHS numbers and notes: only the
 * columns the import will read (postcode, date) leave the main process for
 * the preview; the rest are blanked.
 */
function onlyColumns(rows: string[][], headers: string[], keep: string[]): string[][] {
  const kept = new Set(keep);
  return rows.map((row) => row.map((value, i) => (kept.has(headers[i]) ? value : '')));
}

function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'object') return String(value);
  // A file's array nested thousands deep overflows JSON.stringify: the preview says so and
  // the import itself names the feature and field (propertyText).
  try {
    return JSON.stringify(value);
  } catch {
    return '(nested too deeply to show)';
  }
}

async function describeCsv(input: InMemoryFile): Promise<Omit<StagedFile, 'fileId' | 'name' | 'size' | 'format' | 'siblings'>> {
  const csv = await openCsv(input);
  const sampleRows: string[][] = [];
  // Breaking out of the generator closes its stream; only the first rows are parsed.
  for await (const rec of csv.records()) {
    sampleRows.push(csv.headers.map((_, i) => rec.values[i] ?? ''));
    if (sampleRows.length >= SAMPLE_ROWS) break;
  }
  const suggested = suggestionsFor(csv.headers);
  const bom = detectEncoding(input.data).bom;
  const kindGuess = guessTableKind(suggested);
  return {
    declaresCrs: true,
    kindGuess,
    headers: csv.headers,
    sampleRows: kindGuess === 'users' ? onlyColumns(sampleRows, csv.headers, Object.values(suggested.users ?? {})) : sampleRows,
    suggested,
    description: `${DELIMITER_NAMES[csv.delimiter] ?? csv.delimiter}-separated text, ${csv.encoding === 'utf-8' ? 'UTF-8' : 'Windows-1252'}${bom ? ' with byte-order mark' : ''}`,
    layers: [],
  };
}

/** Feature layers of a GeoPackage held in memory, so the dialog can offer a choice. */
function gpkgLayers(bytes: Uint8Array): string[] {
  let db: Database.Database | null = null;
  try {
    db = new Database(Buffer.from(bytes));
    return db.prepare("SELECT table_name FROM gpkg_contents WHERE data_type = 'features' ORDER BY table_name").pluck().all() as string[];
  } catch {
    return [];
  } finally {
    db?.close();
  }
}

function geometrySummary(layer: VectorLayer): { points: number; polygons: number; text: string } {
  const types = new Map<string, number>();
  for (const f of layer.features) if (f.geometry) types.set(f.geometry.type, (types.get(f.geometry.type) ?? 0) + 1);
  const points = (types.get('Point') ?? 0) + (types.get('MultiPoint') ?? 0);
  const polygons = (types.get('Polygon') ?? 0) + (types.get('MultiPolygon') ?? 0);
  const list = [...types.entries()].map(([t, n]) => `${n.toLocaleString('en-GB')} ${t}`).join(', ');
  return { points, polygons, text: `${layer.format}: ${list || 'no geometries'}` };
}

async function describeVector(input: InMemoryFile, format: Format): Promise<Omit<StagedFile, 'fileId' | 'name' | 'size' | 'format' | 'siblings'>> {
  const layers = format === 'geopackage' ? gpkgLayers(input.data) : [];
  // With several layers the reader wants one named; preview the first and let the analyst choose.
  const layer = await readVectorLayer(input, { layer: layers.length > 1 ? layers[0] : undefined });
  const geometry = geometrySummary(layer);
  const suggested = suggestionsFor(layer.fields);
  const kindGuess: ImportKindName | null = geometry.points > geometry.polygons ? 'sites' : geometry.polygons > 0 ? 'boundaries' : null;
  return {
    // GeoJSON without a crs member is WGS84 by the standard; a shapefile needs its .prj.
    declaresCrs: layer.declaredCrs !== null || layer.format === 'GeoJSON',
    kindGuess,
    headers: layer.fields,
    sampleRows: layer.features.slice(0, SAMPLE_ROWS).map((f) => layer.fields.map((h) => text(f.properties[h]))),
    suggested,
    description: geometry.text,
    layers,
  };
}

/**
 * A dropped .zip is replaced by the one dataset inside it, inflated in memory
 * (never to disk: it may be a users extract), and the zip's own bytes are
 * wiped. The entry's name becomes "x.zip › folder/a.shp". On failure the entry
 * still holds the zip, which the caller drops (and so wipes).
 */
async function unzipStaged(entry: StagedEntry, ctx?: ImportContext): Promise<void> {
  const zip = entry.input;
  entry.input = await unzipDataset(zip, ctx);
  zip.data.fill(0);
  for (const bytes of Object.values(zip.siblings ?? {})) bytes.fill(0);
}

/** What the mapping step needs to know about a staged file. Errors name the file. */
export async function describeStaged(entry: StagedEntry, ctx?: ImportContext): Promise<StagedFile> {
  // A GTFS feed is a zip of several tables read together: it stays zipped until imported.
  if (isZipName(entry.input.name) && (await zipHoldsAll(entry.input, GTFS_MARKERS))) return describeGtfs(entry);
  // A national zip takes seconds to open: it reports progress and stops on Cancel.
  if (isZipName(entry.input.name)) await unzipStaged(entry, ctx);
  const { input } = entry;
  const format = formatOf(input.name);
  // unzipDataset never chooses a zip inside a zip, so this is only the compiler's reassurance.
  if (format === 'zip') throw new ImportError(`${input.name}: zips inside zips are not supported`);
  const base = {
    fileId: entry.id,
    name: input.name,
    size: input.data.length + Object.values(input.siblings ?? {}).reduce((s, b) => s + b.length, 0),
    format,
    siblings: Object.keys(input.siblings ?? {}).sort(),
  };
  if (format === 'osm') {
    return {
      ...base,
      declaresCrs: true,
      kindGuess: 'roads',
      headers: [],
      sampleRows: [],
      suggested: suggestionsFor([]),
      description: 'OpenStreetMap data: highways become the road network',
      layers: [],
    };
  }
  return { ...base, ...(format === 'csv' ? await describeCsv(input) : await describeVector(input, format)) };
}

/** The files that make a zip a GTFS feed rather than a zipped dataset. */
const GTFS_MARKERS = ['stops.txt', 'stop_times.txt', 'trips.txt'];

function describeGtfs(entry: StagedEntry): StagedFile {
  return {
    fileId: entry.id, name: entry.input.name, size: entry.input.data.length, format: 'gtfs', siblings: [],
    declaresCrs: true, kindGuess: 'gtfs', headers: [], sampleRows: [], suggested: suggestionsFor([]),
    description: 'GTFS public-transport timetable: stops, trips and their times', layers: [],
  };
}
