// Coordinate walks shared by the vector importers: bbox and reprojection of
// GeoJSON geometries. Boundary polygons are checked on flat arrays instead
// (polygon-check.ts).
import type * as GeoJSON from 'geojson';
import type { Bbox, Transform } from './crs';

type Coords = number | Coords[];

export function mapPositions<G extends GeoJSON.Geometry>(geometry: G, fn: Transform): G {
  const walk = (c: Coords): Coords =>
    typeof (c as Coords[])[0] === 'number' ? fn(c as number[]) : (c as Coords[]).map(walk);
  if (geometry.type === 'GeometryCollection') {
    return { ...geometry, geometries: geometry.geometries.map((g) => mapPositions(g, fn)) };
  }
  return { ...geometry, coordinates: walk((geometry as GeoJSON.Point).coordinates as Coords) } as G;
}

/** Walks the coordinates without copying them: on a national file a copy is millions of arrays for the GC. */
export function extendBbox(bbox: Bbox, geometry: GeoJSON.Geometry): void {
  const walk = (c: Coords): void => {
    if (typeof (c as Coords[])[0] === 'number') {
      const p = c as number[];
      if (p[0] < bbox[0]) bbox[0] = p[0];
      if (p[1] < bbox[1]) bbox[1] = p[1];
      if (p[0] > bbox[2]) bbox[2] = p[0];
      if (p[1] > bbox[3]) bbox[3] = p[1];
      return;
    }
    for (const child of c as Coords[]) walk(child);
  };
  if (geometry.type === 'GeometryCollection') for (const g of geometry.geometries) extendBbox(bbox, g);
  else walk((geometry as GeoJSON.Point).coordinates as Coords);
}

export function emptyBbox(): Bbox {
  return [Infinity, Infinity, -Infinity, -Infinity];
}
