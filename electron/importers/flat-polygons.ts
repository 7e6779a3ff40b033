// A whole polygon layer as a few flat typed arrays instead of millions of
// [x, y] arrays: a national boundary file is ~8M vertices, and as GeoJSON it
// kept ~2 GB alive and most of the import time went to garbage collection.
// Layout (compressed sparse rows): vertex v is (xy[2v], xy[2v+1]); ring r is
// vertices ringEnd[r-1]..ringEnd[r] (from 0 for r = 0); polygon part p is
// rings partEnd[p-1]..partEnd[p]; feature f is parts featureEnd[f-1]..featureEnd[f].
import type * as GeoJSON from 'geojson';
import type { Bbox } from './crs';

export interface FlatPolygons {
  xy: Float64Array<ArrayBuffer>;
  ringEnd: Uint32Array;
  partEnd: Uint32Array;
  featureEnd: Uint32Array;
  /** Features whose geometry is not a polygon at all, by index: "has no geometry", "is a LineString, ...". */
  problems: Map<number, string>;
}

/** Growable builder; the boundary import gathers every checked area of a layer in one (its arrays become the map's). */
export class FlatBuilder {
  xy: Float64Array<ArrayBuffer>;
  ringEnd: Uint32Array = new Uint32Array(64);
  partEnd: Uint32Array = new Uint32Array(16);
  featureEnd: Uint32Array = new Uint32Array(64);
  vertices = 0;
  rings = 0;
  parts = 0;
  features = 0;
  readonly problems = new Map<number, string>();

  /** storage: an array to fill instead of a new one (the .shp's own bytes, read in place: shp-polygons.ts). */
  constructor(vertexCapacity = 1024, storage?: Float64Array<ArrayBuffer>) {
    this.xy = storage ?? new Float64Array(Math.max(16, vertexCapacity * 2));
  }

  /** Moves the vertices so far to an array of the builder's own, with room for vertexCapacity. */
  ownStorage(vertexCapacity: number): void {
    const own = new Float64Array(Math.max(16, vertexCapacity * 2, this.vertices * 2));
    own.set(this.xy.subarray(0, this.vertices * 2));
    this.xy = own;
  }

  reset(): void {
    this.vertices = this.rings = this.parts = this.features = 0;
    this.problems.clear();
  }

  /** Room for n more vertices; returns the index of the first. */
  reserve(n: number): number {
    const need = (this.vertices + n) * 2;
    if (need > this.xy.length) {
      const grown = new Float64Array(Math.max(need, this.xy.length * 2));
      grown.set(this.xy.subarray(0, this.vertices * 2));
      this.xy = grown;
    }
    return this.vertices;
  }

  vertex(x: number, y: number): void {
    if (this.vertices * 2 + 2 > this.xy.length) this.reserve(1);
    const o = this.vertices++ * 2;
    this.xy[o] = x;
    this.xy[o + 1] = y;
  }

  endRing(): void {
    if (this.rings === this.ringEnd.length) this.ringEnd = grow(this.ringEnd);
    this.ringEnd[this.rings++] = this.vertices;
  }

  endPart(): void {
    if (this.parts === this.partEnd.length) this.partEnd = grow(this.partEnd);
    this.partEnd[this.parts++] = this.rings;
  }

  endFeature(problem?: string): void {
    if (problem) this.problems.set(this.features, problem);
    if (this.features === this.featureEnd.length) this.featureEnd = grow(this.featureEnd);
    this.featureEnd[this.features++] = this.parts;
  }

  /** Appends GeoJSON rings as one part; a missing or non-numeric coordinate becomes NaN so the check reports it in order. */
  geoJsonPart(rings: unknown): void {
    if (Array.isArray(rings)) {
      for (const ring of rings) {
        if (Array.isArray(ring)) {
          for (const p of ring) {
            const ok = Array.isArray(p) && Number.isFinite(p[0]) && Number.isFinite(p[1]);
            this.vertex(ok ? p[0] : NaN, ok ? p[1] : NaN);
          }
        } else this.vertex(NaN, NaN);
        this.endRing();
      }
    }
    this.endPart();
  }

  finish(): FlatPolygons {
    return {
      xy: this.xy.subarray(0, this.vertices * 2),
      ringEnd: this.ringEnd.subarray(0, this.rings),
      partEnd: this.partEnd.subarray(0, this.parts),
      featureEnd: this.featureEnd.subarray(0, this.features),
      problems: new Map(this.problems),
    };
  }
}

function grow(a: Uint32Array): Uint32Array {
  const b = new Uint32Array(a.length * 2);
  b.set(a);
  return b;
}

/** Appends one GeoJSON geometry as a feature, recording why it is not a polygon when it is not. */
export function addGeoJsonFeature(out: FlatBuilder, geometry: GeoJSON.Geometry | null): void {
  if (!geometry) return out.endFeature('has no geometry');
  if (geometry.type === 'Polygon') out.geoJsonPart(geometry.coordinates);
  else if (geometry.type === 'MultiPolygon') {
    if (!Array.isArray(geometry.coordinates) || geometry.coordinates.length === 0) return out.endFeature('has an empty geometry');
    for (const rings of geometry.coordinates) out.geoJsonPart(rings);
  } else return out.endFeature(`is a ${geometry.type}, expected a Polygon or MultiPolygon`);
  out.endFeature();
}

/** Bounds of every finite vertex (NaN is skipped by the comparisons). */
export function flatBbox(xy: Float64Array): Bbox {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (let i = 0; i < xy.length; i += 2) {
    const x = xy[i];
    const y = xy[i + 1];
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  return [minX, minY, maxX, maxY];
}

/** Where item i starts in a CSR end array: 0 for the first. */
const startOf = (ends: Uint32Array, i: number): number => (i ? ends[i - 1] : 0);

/** The first vertex, in file order, for which test holds, with its feature's index; null if none does. */
export function firstVertexWhere(g: FlatPolygons, test: (x: number, y: number) => boolean): { feature: number; x: number; y: number } | null {
  for (let f = 0; f < g.featureEnd.length; f++) {
    const v0 = startOf(g.ringEnd, startOf(g.partEnd, startOf(g.featureEnd, f)));
    const v1 = startOf(g.ringEnd, startOf(g.partEnd, g.featureEnd[f]));
    for (let v = v0; v < v1; v++) if (test(g.xy[2 * v], g.xy[2 * v + 1])) return { feature: f, x: g.xy[2 * v], y: g.xy[2 * v + 1] };
  }
  return null;
}
