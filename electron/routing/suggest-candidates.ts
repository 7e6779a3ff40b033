// Where a new site could go, for `cgm suggest`: the area points, road nodes
// thinned to one per grid cell, or the analyst's own list (name,lat,lon CSV).
import { EARTH_RADIUS_M } from '../../shared/travel/geo';
import { openCsv, columnIndex, cell } from '../importers/csv-read';
import { ImportError, quote, type ImportInput } from '../importers/importer';
import type { RoadGraph } from './graph-build';
import type { AreaPoint } from './project-inputs';

export type CandidateSource =
  | { kind: 'areas' }
  /** Usable road nodes, one per `spacingMeters` grid cell (default 200 m). */
  | { kind: 'nodes'; spacingMeters?: number }
  | { kind: 'list'; file: string; sites: ListedCandidate[] };

export interface ListedCandidate {
  name: string;
  lon: number;
  lat: number;
}

export interface Candidate {
  source: 'area' | 'node' | 'list';
  /** Area code, OSM node id or the listed name: what the analyst looks the place up by. */
  ref: string;
  name: string | null;
  lon: number;
  lat: number;
  /** Graph node when the candidate is a road node itself (no off-network leg). */
  node?: number;
}

export const DEFAULT_NODE_SPACING_M = 200;

export function areaCandidates(points: AreaPoint[]): Candidate[] {
  return points.map((p) => ({ source: 'area', ref: p.code, name: p.name, lon: p.lon, lat: p.lat }));
}

/**
 * One usable node per square cell of `spacing` metres: the one nearest the
 * cell's centre, so the choice does not depend on node order. A county has
 * ~10^5 nodes; a site placed anywhere within a cell covers nearly the same
 * people, so evaluating every node would cost much and change little.
 */
export function nodeCandidates(graph: RoadGraph, usable: Uint8Array, spacing = DEFAULT_NODE_SPACING_M): Candidate[] {
  if (!(spacing > 0)) throw new RangeError('node spacing must be a positive number of metres');
  let latSum = 0, count = 0;
  for (let i = 0; i < usable.length; i++) if (usable[i]) (latSum += graph.lat[i]), count++;
  if (count === 0) return [];
  const my = (EARTH_RADIUS_M * Math.PI) / 180;
  const mx = my * Math.cos(((latSum / count) * Math.PI) / 180);
  const best = new Map<string, { node: number; d2: number }>();
  for (let i = 0; i < usable.length; i++) {
    if (!usable[i]) continue;
    const x = (graph.lon[i] * mx) / spacing, y = (graph.lat[i] * my) / spacing;
    const cx = Math.floor(x), cy = Math.floor(y);
    const d2 = (x - cx - 0.5) ** 2 + (y - cy - 0.5) ** 2;
    const key = `${cx},${cy}`;
    const held = best.get(key);
    if (!held || d2 < held.d2 || (d2 === held.d2 && i < held.node)) best.set(key, { node: i, d2 });
  }
  return [...best.values()]
    .map((b) => b.node)
    .sort((a, b) => a - b)
    .map((node) => ({ source: 'node', ref: String(graph.nodeIds[node]), name: null, lon: graph.lon[node], lat: graph.lat[node], node }));
}

export function listCandidates(list: ListedCandidate[]): Candidate[] {
  return list.map((c) => ({ source: 'list', ref: c.name, name: c.name, lon: c.lon, lat: c.lat }));
}

/** A CSV with name, lat and lon columns (any order, any case); a bad row names the file, row, field and value. */
export async function readCandidateList(file: ImportInput): Promise<ListedCandidate[]> {
  const csv = await openCsv(file);
  const name = columnIndex(csv, 'name'), lat = columnIndex(csv, 'lat'), lon = columnIndex(csv, 'lon');
  const out: ListedCandidate[] = [];
  for await (const record of csv.records()) {
    const n = cell(record, name);
    if (!n) throw new ImportError(`${csv.file} row ${record.row}, name: empty`);
    const coordinate = (index: number, field: string, limit: number): number => {
      const raw = cell(record, index);
      const v = Number(raw);
      if (raw === '' || !Number.isFinite(v) || Math.abs(v) > limit) throw new ImportError(`${csv.file} row ${record.row}, ${field}: ${quote(raw)} is not a ${field === 'lat' ? 'latitude' : 'longitude'}`);
      return v;
    };
    out.push({ name: n, lat: coordinate(lat, 'lat', 90), lon: coordinate(lon, 'lon', 180) });
  }
  if (out.length === 0) throw new ImportError(`${csv.file}: no candidate rows`);
  return out;
}
