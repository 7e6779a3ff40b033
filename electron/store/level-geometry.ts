// A level's flat map arrays (positions, polygon and ring starts) gathered from
// the polygons an importer encodes, one area at a time, so the import builds
// cgm_area_geometry_cache without reading its 190k blobs back. The layout is
// readFlatPolygons' (gpkg-flat-read.ts) for the same rows in fid order: every
// part with at least one ring is a polygon, rings and vertices as in the blob.
import type { PolygonRings } from '../../shared/cartography/area-triangles';

export interface LevelPolygons extends PolygonRings {
  positions: Float64Array<ArrayBuffer>;
  polygonStarts: Uint32Array<ArrayBuffer>;
  polygonArea: Uint32Array<ArrayBuffer>;
  ringStarts: Uint32Array<ArrayBuffer>;
  polygonRings: Uint32Array<ArrayBuffer>;
}

function grown<T extends Float64Array<ArrayBuffer> | Uint32Array<ArrayBuffer>>(a: T, used: number, need: number): T {
  if (need <= a.length) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(need, a.length * 2));
  b.set(a.subarray(0, used));
  return b;
}

export class LevelPolygonsBuilder {
  private positions: Float64Array<ArrayBuffer>;
  private polygonStarts = new Uint32Array(1 << 12);
  private polygonArea = new Uint32Array(1 << 12);
  private polygonRings = new Uint32Array(1 << 12);
  private ringStarts = new Uint32Array(1 << 12);
  private vertices = 0;
  private polygons = 0;
  private rings = 0;
  private areas = 0;

  /** vertexHint: the vertices expected in all (the layer's own count), so the positions are allocated once. */
  constructor(vertexHint = 1 << 15) {
    this.positions = new Float64Array(Math.max(2, 2 * vertexHint));
  }

  /**
   * The next area (row), as encodeFlatMultiPolygon is given it: part p is rings
   * partEnd[p-1]..partEnd[p], ring r is vertices ringEnd[r-1]..ringEnd[r] of xy.
   */
  addArea(xy: Float64Array, ringEnd: Uint32Array, partEnd: Uint32Array, parts: number): void {
    const area = this.areas++;
    const rings = parts ? partEnd[parts - 1] : 0;
    const vertices = rings ? ringEnd[rings - 1] : 0;
    // No vertex at all is an empty blob, which readFlatPolygons skips whole.
    if (vertices === 0) return;
    const base = this.vertices;
    if (2 * (base + vertices) > this.positions.length) this.positions = grown(this.positions, 2 * base, 2 * (base + vertices));
    if (this.rings + rings + 1 > this.ringStarts.length) this.ringStarts = grown(this.ringStarts, this.rings, this.rings + rings + 1);
    if (this.polygons + parts + 1 > this.polygonStarts.length) {
      const need = this.polygons + parts + 1;
      this.polygonStarts = grown(this.polygonStarts, this.polygons, need);
      this.polygonArea = grown(this.polygonArea, this.polygons, need);
      this.polygonRings = grown(this.polygonRings, this.polygons, need);
    }
    // An area is a few hundred doubles: a loop beats making a subarray view for set().
    const out = this.positions;
    for (let i = 0, o = 2 * base; i < 2 * vertices; i++, o++) out[o] = xy[i];
    for (let p = 0; p < parts; p++) {
      const r0 = p ? partEnd[p - 1] : 0;
      // A polygon of no rings has no place in the arrays (readFlatPolygons skips it too).
      if (partEnd[p] === r0) continue;
      this.polygonStarts[this.polygons] = base + (r0 ? ringEnd[r0 - 1] : 0);
      this.polygonRings[this.polygons] = this.rings;
      this.polygonArea[this.polygons] = area;
      this.polygons++;
      for (let r = r0; r < partEnd[p]; r++) this.ringStarts[this.rings++] = base + (r ? ringEnd[r - 1] : 0);
    }
    this.vertices += vertices;
  }

  /** The arrays, each closed by its end entry; views of the builder's buffers (no copy of the 100+ MB of positions). */
  finish(): LevelPolygons {
    this.polygonStarts[this.polygons] = this.vertices;
    this.polygonRings[this.polygons] = this.rings;
    this.ringStarts[this.rings] = this.vertices;
    return {
      positions: this.positions.subarray(0, 2 * this.vertices),
      polygonStarts: this.polygonStarts.subarray(0, this.polygons + 1),
      polygonArea: this.polygonArea.subarray(0, this.polygons),
      ringStarts: this.ringStarts.subarray(0, this.rings + 1),
      polygonRings: this.polygonRings.subarray(0, this.polygons + 1),
    };
  }
}
