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
  /** Grid cell size; default 25 m walking, 100 m driving. */
  cellMeters?: number;
  /** How far off the network a place still counts as reached, walked at 4.8 km/h; default 4 cells. */
  bufferMeters?: number;
}

interface Raster {
  width: number;
  height: number;
  time: Float64Array;
  origin: Int32Array;
  toLonLat(x: number, y: number): [number, number];
}

function rasterise(graph: RoadGraph, times: TravelTimes, maxSeconds: number, cell: number, buffer: number): Raster | null {
  const { seconds, origin } = times;
  const n = seconds.length;
  let minLon = Infinity, minLat = Infinity, maxLon = -Infinity, maxLat = -Infinity;
  for (let i = 0; i < n; i++) {
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
  const x0 = minLon * mx - buffer, y0 = minLat * my - buffer;
  const width = Math.ceil((maxLon * mx + buffer - x0) / cell) + 1;
  const height = Math.ceil((maxLat * my + buffer - y0) / cell) + 1;
  const time = new Float64Array(width * height).fill(Infinity);
  const cellOrigin = new Int32Array(width * height).fill(-1);
  const walkMps = WALK_SPEED_KMH / 3.6;
  const reach = Math.ceil(buffer / cell);

  const splat = (x: number, y: number, t: number, o: number): void => {
    const ci = Math.round((x - x0) / cell), cj = Math.round((y - y0) / cell);
    for (let j = Math.max(0, cj - reach); j <= Math.min(height - 1, cj + reach); j++) {
      const dy = y0 + j * cell - y;
      for (let i = Math.max(0, ci - reach); i <= Math.min(width - 1, ci + reach); i++) {
        const dx = x0 + i * cell - x;
        const d = Math.sqrt(dx * dx + dy * dy);
        if (d > buffer) continue;
        const tc = t + d / walkMps;
        const k = j * width + i;
        if (tc < time[k]) {
          time[k] = tc;
          cellOrigin[k] = o;
        }
      }
    }
  };

  const step = cell / 2;
  for (let e = 0; e < graph.edgeSource.length; e++) {
    const a = graph.edgeSource[e], b = graph.edgeTarget[e];
    const ta = seconds[a], tb = seconds[b];
    if (!(ta <= maxSeconds) && !(tb <= maxSeconds)) continue;
    const fwd = graph.edgeCost[e] >= 0 && ta < Infinity ? graph.edgeCost[e] : -1;
    const bwd = graph.edgeReverseCost[e] >= 0 && tb < Infinity ? graph.edgeReverseCost[e] : -1;
    const xa = graph.lon[a] * mx, ya = graph.lat[a] * my, xb = graph.lon[b] * mx, yb = graph.lat[b] * my;
    const samples = Math.max(1, Math.ceil(graph.edgeLength[e] / step));
    for (let s = 0; s <= samples; s++) {
      const f = s / samples;
      // Along the edge in whichever allowed direction arrives first.
      const viaA = fwd >= 0 ? ta + f * fwd : Infinity;
      const viaB = bwd >= 0 ? tb + (1 - f) * bwd : Infinity;
      const t = Math.min(viaA, viaB, f === 0 ? ta : Infinity, f === 1 ? tb : Infinity);
      if (!(t <= maxSeconds)) continue;
      const o = t === viaA || (f === 0 && t === ta) ? origin[a] : origin[b];
      splat(xa + f * (xb - xa), ya + f * (yb - ya), t, o);
    }
  }
  // Sources on no edge (an isolated node) still count where they stand.
  for (let i = 0; i < n; i++) if (seconds[i] === 0) splat(graph.lon[i] * mx, graph.lat[i] * my, 0, origin[i]);

  const round = (v: number) => Math.round(v * 1e7) / 1e7;
  return {
    width, height, time, origin: cellOrigin,
    toLonLat: (x, y) => [round((x0 + x * cell) / mx), round((y0 + y * cell) / my)],
  };
}

export function isochrones(graph: RoadGraph, times: TravelTimes, opts: IsochroneOptions): GeoJSON.FeatureCollection<GeoJSON.MultiPolygon> {
  const minutes = [...opts.minutes].sort((a, b) => a - b);
  if (minutes.length === 0 || minutes.some((m) => !(m > 0))) throw new Error('isochrone minutes must be positive numbers');
  const cell = opts.cellMeters ?? (opts.mode === 'drive' ? 100 : 25);
  const buffer = opts.bufferMeters ?? 4 * cell;
  const raster = rasterise(graph, times, minutes[minutes.length - 1] * 60, cell, buffer);
  const features: GeoJSON.Feature<GeoJSON.MultiPolygon>[] = [];
  if (!raster) return { type: 'FeatureCollection', features };

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
  return { type: 'FeatureCollection', features };
}
