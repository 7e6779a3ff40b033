// getDragBands: the bands of getIsochrones for what-if sites where they are on
// screen during a drag, routed the quick way (drag-access.ts: only the dragged
// sites, against the real sites' kept times) and flattened into typed arrays
// triangulated here, so the page uploads them as they are on every update.
import type { DragBands } from '../../shared/contract/drag-bands';
import type { TravelMode } from '../../shared/domain';
import { InputError } from '../../shared/errors';
import { hasRoadNetwork, projectTravelProfile } from '../analysis/travel-access';
import { dragAccess, type DraggedSite } from '../routing/drag-access';
import { isochrones } from '../routing/isochrones';
import type { Project } from '../store/project';
import { triangulate } from '../../shared/cartography/area-triangles';

type BandFeatures = ReturnType<typeof isochrones>;

/** Bands as flat polygons, furthest band first (nearer bands draw over where rings touch, as the GeoJSON layer orders them). */
export function flattenBands(bands: BandFeatures, minutes: number[]): Omit<DragBands, 'service' | 'mode' | 'minutes' | 'triangles' | 'sitesRouted' | 'sitesOffNetwork' | 'millis'> {
  const features = [...bands.features].sort((a, b) => Number(b.properties?.minutes) - Number(a.properties?.minutes));
  let vertices = 0, rings = 0, polygons = 0;
  for (const f of features) {
    for (const polygon of f.geometry.coordinates) {
      polygons++;
      rings += polygon.length;
      for (const ring of polygon) vertices += ring.length;
    }
  }
  const positions = new Float64Array(2 * vertices);
  const polygonStarts = new Uint32Array(polygons + 1);
  const polygonBand = new Uint32Array(polygons);
  const ringStarts = new Uint32Array(rings + 1);
  const polygonRings = new Uint32Array(polygons + 1);
  let v = 0, r = 0, p = 0;
  for (const f of features) {
    const band = minutes.indexOf(Number(f.properties?.minutes));
    if (band < 0) throw new Error(`a band of ${f.properties?.minutes} minutes was not asked for`);
    for (const polygon of f.geometry.coordinates) {
      polygonStarts[p] = v;
      polygonRings[p] = r;
      polygonBand[p++] = band;
      for (const ring of polygon) {
        ringStarts[r++] = v;
        for (const [lon, lat] of ring) {
          positions[2 * v] = lon;
          positions[2 * v++ + 1] = lat;
        }
      }
    }
  }
  polygonStarts[p] = v;
  polygonRings[p] = r;
  ringStarts[r] = v;
  return { positions, polygonStarts, polygonBand, ringStarts, polygonRings };
}

export function dragBands(project: Project, input: { service: string; mode: TravelMode; minutes: number[]; dragged: DraggedSite[] }): DragBands {
  const started = performance.now();
  if (!hasRoadNetwork(project)) throw new InputError('The project has no road network: import roads to draw travel-time bands.');
  const minutes = [...input.minutes].sort((a, b) => a - b);
  const access = dragAccess(project, input.service, projectTravelProfile(project, input.mode), input.dragged, minutes[minutes.length - 1] * 60);
  const flat = flattenBands(isochrones(access.graph, access.times, { minutes, mode: input.mode, rings: 'incremental' }), minutes);
  const triangles = triangulate(flat);
  return {
    service: input.service, mode: input.mode, minutes, ...flat, triangles,
    sitesRouted: access.sitesRouted, sitesOffNetwork: access.sitesOffNetwork, millis: Math.round(performance.now() - started),
  };
}
