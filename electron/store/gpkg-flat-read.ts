// Polygon tables read straight into flat arrays (the reverse of
// gpkg-flat-geometry.ts): the WKB's doubles are copied ring by ring, with no
// GeoJSON object per area, so a national level reads in one pass.
import type Database from 'better-sqlite3';
import { readHeader } from './gpkg-geometry';

export interface FlatPolygons {
  /** One entry per row, in fid order: the row's `code` column. */
  codes: string[];
  positions: Float64Array<ArrayBuffer>;
  /** Vertex index where polygon p starts; polygons + 1 entries. */
  polygonStarts: Uint32Array<ArrayBuffer>;
  polygonArea: Uint32Array<ArrayBuffer>;
  ringStarts: Uint32Array<ArrayBuffer>;
  polygonRings: Uint32Array<ArrayBuffer>;
}

class Growable<T extends Float64Array<ArrayBuffer> | Uint32Array<ArrayBuffer>> {
  length = 0;
  constructor(
    public data: T,
    private readonly make: (n: number) => T,
  ) {}
  push(v: number): void {
    if (this.length === this.data.length) this.grow(this.length + 1);
    this.data[this.length++] = v;
  }
  grow(min: number): void {
    if (min <= this.data.length) return;
    const next = this.make(Math.max(min, this.data.length * 2));
    next.set(this.data);
    this.data = next;
  }
  done(): T {
    return this.data.slice(0, this.length) as T;
  }
}

const f64 = (n: number) => new Float64Array(n);
const u32 = (n: number) => new Uint32Array(n);

/** Polygon and MultiPolygon rows (2D, or with Z/M dropped) of a table whose key column is `code`. */
export function readFlatPolygons(db: Database.Database, table: string, geomColumn = 'geom'): FlatPolygons {
  const codes: string[] = [];
  const positions = new Growable(f64(1 << 16), f64);
  const polygonStarts = new Growable(u32(1 << 12), u32);
  const polygonArea = new Growable(u32(1 << 12), u32);
  const ringStarts = new Growable(u32(1 << 12), u32);
  const polygonRings = new Growable(u32(1 << 12), u32);
  const rows = db.prepare(`SELECT code, "${geomColumn}" AS geom FROM "${table}" ORDER BY fid`).raw().iterate() as IterableIterator<[string, Buffer | null]>;
  for (const [code, blob] of rows) {
    const area = codes.length;
    codes.push(String(code));
    if (!blob) continue;
    const { wkbOffset, empty } = readHeader(blob);
    if (empty) continue;
    const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
    let o = wkbOffset;
    const polygon = (): void => {
      const le = blob[o] === 1;
      const raw = view.getUint32(o + 1, le);
      o += 5;
      const { type, dims } = wkbType(raw, code);
      if (type === 6) {
        const parts = view.getUint32(o, le);
        o += 4;
        for (let p = 0; p < parts; p++) polygon();
        return;
      }
      if (type !== 3) throw new Error(`Area ${code} in "${table}" is a WKB type ${type}, not a polygon`);
      const rings = view.getUint32(o, le);
      o += 4;
      if (rings === 0) return;
      polygonStarts.push(positions.length / 2);
      polygonRings.push(ringStarts.length);
      polygonArea.push(area);
      for (let r = 0; r < rings; r++) {
        const n = view.getUint32(o, le);
        o += 4;
        ringStarts.push(positions.length / 2);
        positions.grow(positions.length + 2 * n);
        const out = positions.data;
        for (let v = 0; v < n; v++, o += 8 * dims) {
          out[positions.length++] = view.getFloat64(o, le);
          out[positions.length++] = view.getFloat64(o + 8, le);
        }
      }
    };
    polygon();
  }
  const vertices = positions.length / 2;
  polygonStarts.push(vertices);
  polygonRings.push(ringStarts.length);
  ringStarts.push(vertices);
  return {
    codes,
    positions: positions.done(),
    polygonStarts: polygonStarts.done(),
    polygonArea: polygonArea.done(),
    ringStarts: ringStarts.done(),
    polygonRings: polygonRings.done(),
  };
}

/** Geometry type and ordinates per vertex, from ISO or EWKB type codes. */
function wkbType(raw: number, code: string): { type: number; dims: number } {
  if (raw & 0x20000000) throw new Error(`Area ${code}: EWKB with an embedded SRID is not expected in a GeoPackage`);
  let hasZ = (raw & 0x80000000) !== 0;
  let hasM = (raw & 0x40000000) !== 0;
  let type = raw & 0x0fffffff;
  if (type >= 1000) {
    const dim = Math.floor(type / 1000);
    type %= 1000;
    hasZ ||= dim === 1 || dim === 3;
    hasM ||= dim === 2 || dim === 3;
  }
  return { type, dims: 2 + (hasZ ? 1 : 0) + (hasM ? 1 : 0) };
}
