// The England-size Output Area shapefile: ~190k square-ish cells on a 1 km
// British National Grid lattice, the size of the ONS national OA set. Moved
// here from bench/import-boundaries.ts so every national input comes from one
// generator and the postcode, population and road files can place themselves
// inside the same cells.
import { writeFileSync } from 'node:fs';
import { lcg } from './random';

/** Where the lattice starts and its cell size (metres, EPSG:27700). */
export const GRID_ORIGIN = 100_000;
export const CELL = 1000;

/** Cells per side of the square lattice that holds count areas. */
export const gridSide = (count: number) => Math.ceil(Math.sqrt(count));

/** OA i's code (0-based): E00000001... as the dbf writes it. */
export const oaCode = (i: number) => `E${String(i + 1).padStart(8, '0')}`;
/** Five OAs to an LSOA, as nationally (188,880 OAs, 35,672 LSOAs). */
export const lsoaCode = (i: number) => `E${String(Math.floor(i / 5) + 1 + 10_000_000).padStart(8, '0')}`;

/** South-west corner of OA i's cell. */
export function cellOrigin(i: number, side: number): [number, number] {
  return [GRID_ORIGIN + (i % side) * CELL, GRID_ORIGIN + Math.floor(i / side) * CELL];
}

export const BNG_PRJ =
  'PROJCS["British_National_Grid",GEOGCS["GCS_OSGB_1936",DATUM["D_OSGB_1936",SPHEROID["Airy_1830",6377563.396,299.3249646]],' +
  'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",400000.0],' +
  'PARAMETER["False_Northing",-100000.0],PARAMETER["Central_Meridian",-2.0],PARAMETER["Scale_Factor",0.9996012717],' +
  'PARAMETER["Latitude_Of_Origin",49.0],UNIT["Meter",1.0]]';

const FIELDS = [
  { name: 'OA21CD', length: 9 },
  { name: 'OA21NM', length: 30 },
  { name: 'LSOA21CD', length: 9 },
];

/**
 * Writes a polygon shapefile of count square-ish cells on a 1 km grid from
 * (100000, 100000): each edge cut into vertices/4 steps and pulled inwards by a
 * seeded jitter, so rings are valid, clockwise (outer, as the format wants)
 * and never overlap a neighbour.
 */
export function writeShapefile(base: string, count: number, vertices: number): { vertices: number } {
  const side = gridSide(count);
  const cell = CELL;
  const step = Math.max(1, Math.floor(vertices / 4));
  const n = step * 4 + 1;
  const recordBytes = 8 + 48 + 16 * n;
  const shp = Buffer.alloc(100 + count * recordBytes);
  const shx = Buffer.alloc(100 + count * 8);

  const rand = lcg(12345);
  const ring = new Float64Array(n * 2);
  const bbox = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = 0; i < count; i++) {
    const [x0, y0] = cellOrigin(i, side);
    const jitter = () => rand() * (cell / step) * 0.25;
    let k = 0;
    const put = (x: number, y: number) => ((ring[k++] = x), (ring[k++] = y));
    // Clockwise: up the west edge, east along the north, down the east, west along the south.
    for (let s = 0; s < step; s++) put(x0 + (s ? jitter() : 0), y0 + (s * cell) / step);
    for (let s = 0; s < step; s++) put(x0 + (s * cell) / step, y0 + cell - (s ? jitter() : 0));
    for (let s = 0; s < step; s++) put(x0 + cell - (s ? jitter() : 0), y0 + cell - (s * cell) / step);
    for (let s = 0; s < step; s++) put(x0 + cell - (s * cell) / step, y0 + (s ? jitter() : 0));
    put(ring[0], ring[1]);
    const off = 100 + i * recordBytes;
    shp.writeInt32BE(i + 1, off);
    shp.writeInt32BE((recordBytes - 8) / 2, off + 4);
    shp.writeInt32LE(5, off + 8);
    shp.writeDoubleLE(x0, off + 12);
    shp.writeDoubleLE(y0, off + 20);
    shp.writeDoubleLE(x0 + cell, off + 28);
    shp.writeDoubleLE(y0 + cell, off + 36);
    shp.writeInt32LE(1, off + 44);
    shp.writeInt32LE(n, off + 48);
    shp.writeInt32LE(0, off + 52);
    Buffer.from(ring.buffer).copy(shp, off + 56);
    shx.writeInt32BE(off / 2, 100 + i * 8);
    shx.writeInt32BE((recordBytes - 8) / 2, 100 + i * 8 + 4);
    bbox[0] = Math.min(bbox[0], x0);
    bbox[1] = Math.min(bbox[1], y0);
    bbox[2] = Math.max(bbox[2], x0 + cell);
    bbox[3] = Math.max(bbox[3], y0 + cell);
  }
  for (const [buf, bytes] of [[shp, shp.length], [shx, shx.length]] as const) {
    buf.writeInt32BE(9994, 0);
    buf.writeInt32BE(bytes / 2, 24);
    buf.writeInt32LE(1000, 28);
    buf.writeInt32LE(5, 32);
    bbox.forEach((v, j) => buf.writeDoubleLE(v, 36 + j * 8));
  }
  writeFileSync(`${base}.shp`, shp);
  writeFileSync(`${base}.shx`, shx);
  writeFileSync(`${base}.dbf`, dbf(count));
  writeFileSync(`${base}.prj`, BNG_PRJ);
  writeFileSync(`${base}.cpg`, 'UTF-8');
  return { vertices: count * n };
}

function dbf(count: number): Buffer {
  const recordSize = 1 + FIELDS.reduce((s, f) => s + f.length, 0);
  const headerSize = 32 + 32 * FIELDS.length + 1;
  const buf = Buffer.alloc(headerSize + count * recordSize + 1, 0x20);
  buf.fill(0, 0, headerSize);
  buf[0] = 0x03;
  buf[1] = 125; // 2025
  buf[2] = 1;
  buf[3] = 1;
  buf.writeUInt32LE(count, 4);
  buf.writeUInt16LE(headerSize, 8);
  buf.writeUInt16LE(recordSize, 10);
  FIELDS.forEach((f, j) => {
    const at = 32 + j * 32;
    buf.write(f.name, at, 'latin1');
    buf.write('C', at + 11, 'latin1');
    buf[at + 16] = f.length;
  });
  buf[headerSize - 1] = 0x0d;
  for (let i = 0; i < count; i++) {
    const at = headerSize + i * recordSize;
    buf.write(oaCode(i), at + 1, 'latin1');
    buf.write(`Synthetic ${i + 1}`, at + 10, 'latin1');
    buf.write(lsoaCode(i), at + 40, 'latin1');
  }
  buf[buf.length - 1] = 0x1a;
  return buf;
}

