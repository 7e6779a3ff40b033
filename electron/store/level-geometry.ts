// A level's flat map arrays taken from the polygons an importer checked and
// encoded, so the import builds cgm_area_geometry_cache without reading its
// 190k blobs back, and without copying the layer's vertices again: the
// positions are the checked builder's own. The layout is readFlatPolygons'
// (gpkg-flat-read.ts) for the same rows in fid order: every part with at least
// one ring is a polygon, rings and vertices as in the blob.
import type { PolygonRings } from '../../shared/cartography/area-triangles';

export interface LevelPolygons extends PolygonRings {
  positions: Float64Array<ArrayBuffer>;
  polygonStarts: Uint32Array<ArrayBuffer>;
  polygonArea: Uint32Array<ArrayBuffer>;
  ringStarts: Uint32Array<ArrayBuffer>;
  polygonRings: Uint32Array<ArrayBuffer>;
  /** Memory the importer is done with, which the triangles may be written into (triangulate's `spare`). */
  spare?: ArrayBuffer;
}

/** A layer's areas in flat-polygons layout (feature f = area row f: its parts, their rings, their vertices). */
export interface LevelAreas {
  xy: Float64Array<ArrayBuffer>;
  ringEnd: Uint32Array;
  partEnd: Uint32Array;
  featureEnd: Uint32Array;
}

/** The map's arrays of every area, in row order; positions is a view of areas.xy (no copy of the 100+ MB). */
export function levelPolygons({ xy, ringEnd, partEnd, featureEnd }: LevelAreas, spare?: ArrayBuffer): LevelPolygons {
  const rings = ringEnd.length;
  const vertices = rings ? ringEnd[rings - 1] : 0;
  const polygonStarts = new Uint32Array(partEnd.length + 1);
  const polygonRings = new Uint32Array(partEnd.length + 1);
  const polygonArea = new Uint32Array(partEnd.length);
  const ringStarts = new Uint32Array(rings + 1);
  for (let r = 0; r < rings; r++) ringStarts[r + 1] = ringEnd[r];
  let polygons = 0;
  for (let area = 0, p = 0; area < featureEnd.length; area++) {
    for (; p < featureEnd[area]; p++) {
      const r0 = p ? partEnd[p - 1] : 0;
      // A polygon of no rings has no place in the arrays (readFlatPolygons skips it too).
      if (partEnd[p] === r0) continue;
      polygonStarts[polygons] = ringStarts[r0];
      polygonRings[polygons] = r0;
      polygonArea[polygons] = area;
      polygons++;
    }
  }
  polygonStarts[polygons] = vertices;
  polygonRings[polygons] = rings;
  return {
    positions: xy.subarray(0, 2 * vertices),
    polygonStarts: polygonStarts.subarray(0, polygons + 1),
    polygonArea: polygonArea.subarray(0, polygons),
    ringStarts,
    polygonRings: polygonRings.subarray(0, polygons + 1),
    spare,
  };
}
