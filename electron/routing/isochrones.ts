// Isochrone bands as GeoJSON polygons: node times are spread onto a metre grid
// (along every reached edge, plus a short walk off the network), then the bands
// are traced from that grid (shared/travel/isobands.ts): smooth edges, and
// incremental bands that tile the reached area without overlapping, so a map
// draws each place once. Tests check them with turf and GDAL.
import type * as GeoJSON from 'geojson';
import type { TravelMode } from '../../shared/domain';
import { EARTH_RADIUS_M } from '../../shared/travel/geo';
import { isobands } from '../../shared/travel/isobands';
import { WALK_SPEED_KMH } from '../../shared/travel/profiles';
import type { TravelTimes } from './dijkstra';
import type { RoadGraph } from './graph-build';

/** Specks under this many grid cells are noise of the grid, not places (4 cells: 50 m × 50 m walking). */
const MIN_CELLS = 4;
/**
 * Pockets inside a band smaller than this (a town block, 250 m × 250 m) are filled:
 * they are the back gardens between streets more than the off-network walk apart,
 * reached as soon as the streets around them are, not places no one can get to.
 */
const POCKET_M2 = 250 * 250;

export interface IsochroneOptions {
  /** Band limits in minutes, e.g. [5, 10, 15]. */
  minutes: number[];
  /** 'cumulative': each band is everything within its limit; 'incremental': only the ring since the previous limit. */
  rings?: 'cumulative' | 'incremental';
  /** One catchment per site (the part of each band whose nearest site it is) instead of all sites together. */
  perSite?: boolean;
  /** Site of each Dijkstra source, in source order, for per-site properties. */
  sites?: { id: number; name: string }[];
  /** Picks the default cell size. */
  mode?: TravelMode;
  /** Grid cell size; default 25 m walking, 100 m driving, grown for extents over MAX_GRID_CELLS cells unless given. */
  cellMeters?: number;
  /** How far off the network a place still counts as reached, walked at 4.8 km/h; default 4 cells. */
  bufferMeters?: number;
}

/**
 * The most grid cells an isochrone raster may have before its cells grow: a
 * national extent at 100 m is ~35M cells per band (minutes of CPU), at this cap
 * England's cells are 300 m and the bands take seconds. A county at 25/100 m
 * stays far below it, so its bands are unchanged.
 */
export const MAX_GRID_CELLS = 4_000_000;
/** Cells grow in steps of this many metres, so the size stated with the bands is a round number. */
const CELL_STEP_M = 50;

interface Extent {
  /** Metres per degree of longitude and latitude at the extent's middle latitude. */
  mx: number;
  my: number;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** The projected box of every node reached within `maxSeconds`, grown by `buffer` metres; null when none is. */
function reachedExtent(graph: RoadGraph, seconds: Float64Array, maxSeconds: number, buffer: number): Extent | null {
  let minLon = Infinity, minLat = Infinity, maxLon = -Infinity, maxLat = -Infinity;
  for (let i = 0; i < seconds.length; i++) {
    if (!(seconds[i] <= maxSeconds)) continue;
    if (graph.lon[i] < minLon) minLon = graph.lon[i];
    if (graph.lon[i] > maxLon) maxLon = graph.lon[i];
    if (graph.lat[i] < minLat) minLat = graph.lat[i];
    if (graph.lat[i] > maxLat) maxLat = graph.lat[i];
  }
  if (minLon > maxLon) return null;
  const lat0 = (minLat + maxLat) / 2;
  const my = (EARTH_RADIUS_M * Math.PI) / 180; // metres per degree of latitude
  const mx = my * Math.cos((lat0 * Math.PI) / 180);
  return { mx, my, x0: minLon * mx - buffer, y0: minLat * my - buffer, x1: maxLon * mx + buffer, y1: maxLat * my + buffer };
}

/** The cell asked for, grown (in 50 m steps) until the extent's grid has at most MAX_GRID_CELLS. */
export function gridCellMeters(extent: Pick<Extent, 'x0' | 'y0' | 'x1' | 'y1'>, cell: number): number {
  const area = (extent.x1 - extent.x0 + cell) * (extent.y1 - extent.y0 + cell);
  if (area / (cell * cell) <= MAX_GRID_CELLS) return cell;
  let grown = Math.ceil(Math.sqrt(area / MAX_GRID_CELLS) / CELL_STEP_M) * CELL_STEP_M;
  while (Math.ceil((extent.x1 - extent.x0) / grown + 1) * Math.ceil((extent.y1 - extent.y0) / grown + 1) > MAX_GRID_CELLS) grown += CELL_STEP_M;
  return grown;
}

interface Raster {
  width: number;
  height: number;
  time: Float64Array;
  origin: Int32Array;
  toLonLat(x: number, y: number): [number, number];
}

function rasterise(graph: RoadGraph, times: TravelTimes, maxSeconds: number, extent: Extent, cell: number, buffer: number): Raster {
  const { seconds, origin } = times;
  const n = seconds.length;
  const { mx, my, x0, y0 } = extent;
  const width = Math.ceil((extent.x1 - x0) / cell) + 1;
  const height = Math.ceil((extent.y1 - y0) / cell) + 1;
  const time = new Float64Array(width * height).fill(Infinity);
  const cellOrigin = new Int32Array(width * height).fill(-1);
  const walkMps = WALK_SPEED_KMH / 3.6;
  const reach = Math.ceil(buffer / cell);
  const buffer2 = buffer * buffer;

  // Each cell within `buffer` of a point on the network takes the point's time plus the walk to it.
  const splat = (x: number, y: number, t: number, o: number): void => {
    const ci = Math.round((x - x0) / cell), cj = Math.round((y - y0) / cell);
    const iLo = Math.max(0, ci - reach), iHi = Math.min(width - 1, ci + reach);
    for (let j = Math.max(0, cj - reach); j <= Math.min(height - 1, cj + reach); j++) {
      const dy = y0 + j * cell - y;
      const dy2 = dy * dy;
      if (dy2 > buffer2) continue;
      for (let i = iLo, k = j * width + iLo; i <= iHi; i++, k++) {
        const dx = x0 + i * cell - x;
        const d2 = dx * dx + dy2;
        if (d2 > buffer2) continue;
        const tc = t + Math.sqrt(d2) / walkMps;
        if (tc < time[k]) {
          time[k] = tc;
          cellOrigin[k] = o;
        }
      }
    }
  };

  // Every reached node once (an edge's ends arrive at the nodes' own times:
  // Dijkstra's times are consistent), then the points along each edge between them.
  for (let i = 0; i < n; i++) if (seconds[i] <= maxSeconds) splat(graph.lon[i] * mx, graph.lat[i] * my, seconds[i], origin[i]);
  const step = cell / 2;
  for (let e = 0; e < graph.edgeSource.length; e++) {
    const a = graph.edgeSource[e], b = graph.edgeTarget[e];
    const ta = seconds[a], tb = seconds[b];
    if (!(ta <= maxSeconds) && !(tb <= maxSeconds)) continue;
    const samples = Math.max(1, Math.ceil(graph.edgeLength[e] / step));
    if (samples === 1) continue;
    const fwd = graph.edgeCost[e] >= 0 && ta < Infinity ? graph.edgeCost[e] : -1;
    const bwd = graph.edgeReverseCost[e] >= 0 && tb < Infinity ? graph.edgeReverseCost[e] : -1;
    const xa = graph.lon[a] * mx, ya = graph.lat[a] * my, xb = graph.lon[b] * mx, yb = graph.lat[b] * my;
    for (let s = 1; s < samples; s++) {
      const f = s / samples;
      // Along the edge in whichever allowed direction arrives first.
      const viaA = fwd >= 0 ? ta + f * fwd : Infinity;
      const viaB = bwd >= 0 ? tb + (1 - f) * bwd : Infinity;
      const t = Math.min(viaA, viaB);
      if (!(t <= maxSeconds)) continue;
      splat(xa + f * (xb - xa), ya + f * (yb - ya), t, t === viaA ? origin[a] : origin[b]);
    }
  }

  const round = (v: number) => Math.round(v * 1e7) / 1e7;
  return {
    width, height, time, origin: cellOrigin,
    toLonLat: (x, y) => [round((x0 + x * cell) / mx), round((y0 + y * cell) / my)],
  };
}

/** Bands as GeoJSON, with the grid cell they were traced on (it grows past MAX_GRID_CELLS: see gridCellMeters). */
export type IsochroneCollection = GeoJSON.FeatureCollection<GeoJSON.MultiPolygon> & { cellMetres: number };

export function isochrones(graph: RoadGraph, times: TravelTimes, opts: IsochroneOptions): IsochroneCollection {
  const minutes = [...opts.minutes].sort((a, b) => a - b);
  if (minutes.length === 0 || minutes.some((m) => !(m > 0))) throw new Error('isochrone minutes must be positive numbers');
  const asked = opts.cellMeters ?? (opts.mode === 'drive' ? 100 : 25);
  // The walk off the network is a distance, not a number of cells: it stays when cells grow.
  const buffer = opts.bufferMeters ?? 4 * asked;
  const maxSeconds = minutes[minutes.length - 1] * 60;
  const features: GeoJSON.Feature<GeoJSON.MultiPolygon>[] = [];
  const extent = reachedExtent(graph, times.seconds, maxSeconds, buffer);
  if (!extent) return { type: 'FeatureCollection', features, cellMetres: asked };
  const cell = opts.cellMeters ?? gridCellMeters(extent, asked);
  const raster = rasterise(graph, times, maxSeconds, extent, cell, buffer);

  const groups: Array<{ origin: number | null }> = opts.perSite
    ? Array.from(new Set(times.origin)).filter((o) => o >= 0).sort((a, b) => a - b).map((origin) => ({ origin }))
    : [{ origin: null }];
  for (const { origin } of groups) {
    // One site's catchment: the grid where it is the nearest site, unreached elsewhere.
    const seconds = origin === null ? raster.time : raster.time.map((t, k) => (raster.origin[k] === origin ? t : Infinity));
    const bands = isobands({ width: raster.width, height: raster.height, seconds }, minutes.map((m) => m * 60), { rings: opts.rings ?? 'cumulative', minCells: MIN_CELLS, fillHoleCells: POCKET_M2 / (cell * cell) });
    const site = origin !== null ? opts.sites?.[origin] : undefined;
    for (const band of bands) {
      if (band.polygons.length === 0) continue;
      features.push({
        type: 'Feature',
        properties: {
          minutes: band.toSeconds / 60,
          fromMinutes: band.fromSeconds / 60,
          ...(origin !== null ? { siteId: site?.id ?? origin, siteName: site?.name ?? null } : {}),
        },
        geometry: {
          type: 'MultiPolygon',
          coordinates: band.polygons.map((rings) => rings.map((ring) => ring.map(([x, y]) => raster.toLonLat(x, y)))),
        },
      });
    }
  }
  return { type: 'FeatureCollection', features, cellMetres: cell };
}
