// GeoPackage binary geometry (GPKG 1.3 §2.1.3): a small "GP" header with an
// optional envelope, followed by ISO WKB. We always write little-endian with
// an XY envelope so the rtree triggers can read bounds without parsing WKB;
// we read whatever GDAL, QGIS or other writers produce (either byte order, any
// envelope type, ISO or EWKB Z/M flags).

import type * as GeoJSON from 'geojson';

/** [minX, minY, maxX, maxY], the GeoJSON bbox order. */
export type Envelope = [number, number, number, number];

export interface DecodedGeometry {
  /** Empty geometries keep their type: an empty point is `{ type: 'Point', coordinates: [] }`. */
  geometry: GeoJSON.Geometry;
  /** null for an empty geometry. */
  envelope: Envelope | null;
  srsId: number;
  empty: boolean;
}

const WKB_TYPE: Record<GeoJSON.Geometry['type'], number> = {
  Point: 1,
  LineString: 2,
  Polygon: 3,
  MultiPoint: 4,
  MultiLineString: 5,
  MultiPolygon: 6,
  GeometryCollection: 7,
};

const FLAG_LITTLE_ENDIAN = 0x01;
const FLAG_ENVELOPE_XY = 1 << 1;
const FLAG_EMPTY = 0x10;
const HEADER_BYTES = 8;
const ENVELOPE_XY_BYTES = 32;

// ---------- encoding ----------

/** Writes a GeoJSON geometry as a GeoPackage blob (2D: any Z ordinate is dropped). */
export function encodeGeometry(geometry: GeoJSON.Geometry, srsId = 4326): Buffer {
  const env: Envelope = [Infinity, Infinity, -Infinity, -Infinity];
  const wkbBytes = measure(geometry, env);
  const { buf, wkbOffset } = allocateBlob(env, wkbBytes, srsId);
  const end = writeWkb(buf, wkbOffset, geometry);
  if (end !== buf.length) throw new Error(`GeoPackage geometry size mismatch (${end} != ${buf.length})`);
  return buf;
}

/**
 * A blob with its "GP" header written (and the envelope, unless env is empty
 * as [Inf, Inf, -Inf, -Inf]), leaving wkbBytes for the caller from wkbOffset.
 * Shared with the flat-array encoder (gpkg-flat-geometry.ts), which may carve
 * it from a larger buffer (`allocate`).
 */
export function allocateBlob(
  env: Envelope,
  wkbBytes: number,
  srsId: number,
  allocate: (bytes: number) => Buffer = Buffer.allocUnsafe,
): { buf: Buffer; wkbOffset: number } {
  const empty = env[0] > env[2];
  const wkbOffset = HEADER_BYTES + (empty ? 0 : ENVELOPE_XY_BYTES);
  const buf = allocate(wkbOffset + wkbBytes);
  buf[0] = 0x47; // 'G'
  buf[1] = 0x50; // 'P'
  buf[2] = 0; // version 1 of the binary format is written as 0
  buf[3] = FLAG_LITTLE_ENDIAN | (empty ? FLAG_EMPTY : FLAG_ENVELOPE_XY);
  buf.writeInt32LE(srsId, 4);
  if (!empty) {
    buf.writeDoubleLE(env[0], 8);
    buf.writeDoubleLE(env[2], 16);
    buf.writeDoubleLE(env[1], 24);
    buf.writeDoubleLE(env[3], 32);
  }
  return { buf, wkbOffset };
}

/** Bounds of a geometry, or null when it has no coordinates. */
export function geometryEnvelope(geometry: GeoJSON.Geometry): Envelope | null {
  const env: Envelope = [Infinity, Infinity, -Infinity, -Infinity];
  measure(geometry, env);
  return env[0] > env[2] ? null : env;
}

function checkPosition(p: GeoJSON.Position): void {
  const x = p[0];
  const y = p[1];
  if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) {
    throw new Error(`Invalid coordinate [${String(p)}]: expected two finite numbers`);
  }
}

function extend(env: Envelope, p: GeoJSON.Position): void {
  checkPosition(p);
  const x = p[0];
  const y = p[1];
  if (x < env[0]) env[0] = x;
  if (y < env[1]) env[1] = y;
  if (x > env[2]) env[2] = x;
  if (y > env[3]) env[3] = y;
}

function measureLine(line: GeoJSON.Position[], env: Envelope): number {
  for (const p of line) extend(env, p);
  return 4 + 16 * line.length;
}

function measureRings(rings: GeoJSON.Position[][], env: Envelope): number {
  let n = 4;
  for (const ring of rings) n += measureLine(ring, env);
  return n;
}

/** WKB byte length of the geometry; grows env as a side effect (and validates). */
function measure(g: GeoJSON.Geometry, env: Envelope): number {
  if (!g || typeof g !== 'object') throw new Error('Invalid geometry: not an object');
  switch (g.type) {
    case 'Point':
      if (g.coordinates.length > 0) extend(env, g.coordinates);
      return 21;
    case 'LineString':
      return 5 + measureLine(g.coordinates, env);
    case 'Polygon':
      return 5 + measureRings(g.coordinates, env);
    case 'MultiPoint':
      for (const p of g.coordinates) extend(env, p);
      return 9 + 21 * g.coordinates.length;
    case 'MultiLineString': {
      let n = 9;
      for (const line of g.coordinates) n += 5 + measureLine(line, env);
      return n;
    }
    case 'MultiPolygon': {
      let n = 9;
      for (const poly of g.coordinates) n += 5 + measureRings(poly, env);
      return n;
    }
    case 'GeometryCollection': {
      let n = 9;
      for (const child of g.geometries) n += measure(child, env);
      return n;
    }
    default:
      throw new Error(`Unsupported geometry type: ${String((g as { type?: unknown }).type)}`);
  }
}

function writeHead(buf: Buffer, o: number, type: number): number {
  buf[o] = 1;
  buf.writeUInt32LE(type, o + 1);
  return o + 5;
}

function writePoint(buf: Buffer, o: number, p: GeoJSON.Position): number {
  o = writeHead(buf, o, 1);
  // An empty point is written as NaN, NaN (GPKG 1.3 §2.1.3.1.1).
  buf.writeDoubleLE(p.length > 0 ? p[0] : NaN, o);
  buf.writeDoubleLE(p.length > 0 ? p[1] : NaN, o + 8);
  return o + 16;
}

function writeLine(buf: Buffer, o: number, line: GeoJSON.Position[]): number {
  buf.writeUInt32LE(line.length, o);
  o += 4;
  for (const p of line) {
    buf.writeDoubleLE(p[0], o);
    buf.writeDoubleLE(p[1], o + 8);
    o += 16;
  }
  return o;
}

function writeRings(buf: Buffer, o: number, rings: GeoJSON.Position[][]): number {
  buf.writeUInt32LE(rings.length, o);
  o += 4;
  for (const ring of rings) o = writeLine(buf, o, ring);
  return o;
}

function writeWkb(buf: Buffer, o: number, g: GeoJSON.Geometry): number {
  switch (g.type) {
    case 'Point':
      return writePoint(buf, o, g.coordinates);
    case 'LineString':
      return writeLine(buf, writeHead(buf, o, 2), g.coordinates);
    case 'Polygon':
      return writeRings(buf, writeHead(buf, o, 3), g.coordinates);
    case 'MultiPoint':
      o = writeHead(buf, o, 4);
      buf.writeUInt32LE(g.coordinates.length, o);
      o += 4;
      for (const p of g.coordinates) o = writePoint(buf, o, p);
      return o;
    case 'MultiLineString':
      o = writeHead(buf, o, 5);
      buf.writeUInt32LE(g.coordinates.length, o);
      o += 4;
      for (const line of g.coordinates) o = writeLine(buf, writeHead(buf, o, 2), line);
      return o;
    case 'MultiPolygon':
      o = writeHead(buf, o, 6);
      buf.writeUInt32LE(g.coordinates.length, o);
      o += 4;
      for (const poly of g.coordinates) o = writeRings(buf, writeHead(buf, o, 3), poly);
      return o;
    case 'GeometryCollection':
      o = writeHead(buf, o, 7);
      buf.writeUInt32LE(g.geometries.length, o);
      o += 4;
      for (const child of g.geometries) o = writeWkb(buf, o, child);
      return o;
  }
}

// ---------- decoding ----------

interface GpHeader {
  srsId: number;
  empty: boolean;
  /** Envelope from the header, if one was written. */
  envelope: Envelope | null;
  wkbOffset: number;
}

const ENVELOPE_BYTES = [0, 32, 48, 48, 64];

export function readHeader(buf: Uint8Array): GpHeader {
  if (buf.length < HEADER_BYTES || buf[0] !== 0x47 || buf[1] !== 0x50) {
    throw new Error('Not a GeoPackage geometry blob (missing "GP" magic)');
  }
  const flags = buf[3];
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const le = (flags & FLAG_LITTLE_ENDIAN) !== 0;
  const envType = (flags >> 1) & 0x07;
  const envBytes = ENVELOPE_BYTES[envType];
  if (envBytes === undefined) throw new Error(`Invalid GeoPackage envelope type ${envType}`);
  if (buf.length < HEADER_BYTES + envBytes) throw new Error('Truncated GeoPackage geometry header');
  let envelope: Envelope | null = null;
  if (envType !== 0) {
    const minX = view.getFloat64(8, le);
    const maxX = view.getFloat64(16, le);
    const minY = view.getFloat64(24, le);
    const maxY = view.getFloat64(32, le);
    // Some writers put NaN envelopes on empty geometries.
    if (!Number.isNaN(minX)) envelope = [minX, minY, maxX, maxY];
  }
  return { srsId: view.getInt32(4, le), empty: (flags & FLAG_EMPTY) !== 0, envelope, wkbOffset: HEADER_BYTES + envBytes };
}

export function decodeGeometry(buf: Uint8Array): DecodedGeometry {
  const header = readHeader(buf);
  const reader = new WkbReader(buf, header.wkbOffset);
  const geometry = reader.geometry();
  const envelope = header.envelope ?? geometryEnvelopeLoose(geometry);
  const empty = header.empty || envelope === null;
  return { geometry, envelope: empty ? null : envelope, srsId: header.srsId, empty };
}

/** Like geometryEnvelope but tolerant of Z ordinates and empty parts. */
function geometryEnvelopeLoose(g: GeoJSON.Geometry): Envelope | null {
  try {
    return geometryEnvelope(g);
  } catch {
    return null;
  }
}

class WkbReader {
  private view: DataView;
  constructor(
    private buf: Uint8Array,
    private o: number,
  ) {
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  geometry(): GeoJSON.Geometry {
    if (this.o + 5 > this.buf.length) throw new Error('Truncated WKB');
    const le = this.buf[this.o] === 1;
    const raw = this.view.getUint32(this.o + 1, le);
    this.o += 5;
    // EWKB puts Z/M (and SRID) in the high bits; ISO WKB adds 1000/2000/3000.
    let hasZ = (raw & 0x80000000) !== 0;
    let hasM = (raw & 0x40000000) !== 0;
    if (raw & 0x20000000) this.o += 4;
    let type = raw & 0x0fffffff;
    if (type >= 1000) {
      const dim = Math.floor(type / 1000);
      type %= 1000;
      hasZ = hasZ || dim === 1 || dim === 3;
      hasM = hasM || dim === 2 || dim === 3;
    }
    const dims = 2 + (hasZ ? 1 : 0) + (hasM ? 1 : 0);
    switch (type) {
      case 1: {
        const p = this.position(le, dims, hasZ);
        return { type: 'Point', coordinates: Number.isNaN(p[0]) ? [] : p };
      }
      case 2:
        return { type: 'LineString', coordinates: this.line(le, dims, hasZ) };
      case 3:
        return { type: 'Polygon', coordinates: this.rings(le, dims, hasZ) };
      case 4:
        return { type: 'MultiPoint', coordinates: this.parts('Point', le).map((g) => g.coordinates) };
      case 5:
        return { type: 'MultiLineString', coordinates: this.parts('LineString', le).map((g) => g.coordinates) };
      case 6:
        return { type: 'MultiPolygon', coordinates: this.parts('Polygon', le).map((g) => g.coordinates) };
      case 7: {
        const n = this.count(le);
        const geometries: GeoJSON.Geometry[] = [];
        for (let i = 0; i < n; i++) geometries.push(this.geometry());
        return { type: 'GeometryCollection', geometries };
      }
      default:
        throw new Error(`Unsupported WKB geometry type ${raw}`);
    }
  }

  private parts<T extends 'Point' | 'LineString' | 'Polygon'>(
    kind: T,
    le: boolean,
  ): Extract<GeoJSON.Geometry, { type: T }>[] {
    const n = this.count(le);
    const out: Extract<GeoJSON.Geometry, { type: T }>[] = [];
    for (let i = 0; i < n; i++) {
      const g = this.geometry();
      if (g.type !== kind) throw new Error(`Expected ${kind} inside a multi-geometry, found ${g.type}`);
      out.push(g as Extract<GeoJSON.Geometry, { type: T }>);
    }
    return out;
  }

  private count(le: boolean): number {
    if (this.o + 4 > this.buf.length) throw new Error('Truncated WKB');
    const n = this.view.getUint32(this.o, le);
    this.o += 4;
    return n;
  }

  private position(le: boolean, dims: number, hasZ: boolean): GeoJSON.Position {
    if (this.o + 8 * dims > this.buf.length) throw new Error('Truncated WKB');
    const x = this.view.getFloat64(this.o, le);
    const y = this.view.getFloat64(this.o + 8, le);
    const p = hasZ ? [x, y, this.view.getFloat64(this.o + 16, le)] : [x, y];
    this.o += 8 * dims;
    return p;
  }

  private line(le: boolean, dims: number, hasZ: boolean): GeoJSON.Position[] {
    const n = this.count(le);
    if (this.o + n * 8 * dims > this.buf.length) throw new Error('Truncated WKB');
    const out: GeoJSON.Position[] = new Array(n);
    for (let i = 0; i < n; i++) out[i] = this.position(le, dims, hasZ);
    return out;
  }

  private rings(le: boolean, dims: number, hasZ: boolean): GeoJSON.Position[][] {
    const n = this.count(le);
    const out: GeoJSON.Position[][] = [];
    for (let i = 0; i < n; i++) out.push(this.line(le, dims, hasZ));
    return out;
  }
}
