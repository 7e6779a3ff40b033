// Dissolving the areas of one level into the areas of a coarser one (OAs into
// LSOAs, wards, MSOAs) by a lookup, so an analyst never needs another GIS tool.
// Per-group union rather than shared-edge removal: published generalised
// boundaries do not always share vertices exactly, and a union still closes
// the seam where edge matching would leave slivers; groups are small (5 OAs to
// an LSOA, ~25 to an MSOA), so England's 180k OAs stay a matter of seconds.
import * as turf from '@turf/turf';
import type * as GeoJSON from 'geojson';

export type AreaPolygon = GeoJSON.Polygon | GeoJSON.MultiPolygon;

/** The union of one group's polygons, always as a MultiPolygon (the area tables' type). */
export function dissolveGroup(parts: readonly AreaPolygon[]): GeoJSON.MultiPolygon | null {
  if (parts.length === 0) return null;
  if (parts.length === 1) return asMulti(parts[0]);
  const merged = turf.union(turf.featureCollection(parts.map((g) => turf.feature(g))));
  return merged ? asMulti(merged.geometry) : null;
}

function asMulti(g: AreaPolygon): GeoJSON.MultiPolygon {
  return g.type === 'MultiPolygon' ? g : { type: 'MultiPolygon', coordinates: [g.coordinates] };
}
