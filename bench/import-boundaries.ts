// National-size boundary import: our importBoundaries against
//   ogr2ogr -f GPKG -t_srs EPSG:4326 out.gpkg in.shp
// on the same synthetic British National Grid shapefile (~190k output areas,
// ~41 vertices each, as the ONS national OA set), in one run. Prints timings
// and the ratio, not pass/fail. Generated files go to os.tmpdir().
//   npx tsx bench/import-boundaries.ts [--count 190000] [--vertices 40] [--keep]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { importBoundaries } from '../electron/importers/boundaries';
import { createProject } from '../electron/store/project';

const BNG_PRJ =
  'PROJCS["British_National_Grid",GEOGCS["GCS_OSGB_1936",DATUM["D_OSGB_1936",SPHEROID["Airy_1830",6377563.396,299.3249646]],' +
  'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",400000.0],' +
  'PARAMETER["False_Northing",-100000.0],PARAMETER["Central_Meridian",-2.0],PARAMETER["Scale_Factor",0.9996012717],' +
  'PARAMETER["Latitude_Of_Origin",49.0],UNIT["Meter",1.0]]';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

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
function writeShapefile(base: string, count: number, vertices: number): { vertices: number } {
  const side = Math.ceil(Math.sqrt(count));
  const cell = 1000;
  const step = Math.max(1, Math.floor(vertices / 4));
  const n = step * 4 + 1;
  const recordBytes = 8 + 48 + 16 * n;
  const shp = Buffer.alloc(100 + count * recordBytes);
  const shx = Buffer.alloc(100 + count * 8);
  let seed = 12345;
  const rand = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const ring = new Float64Array(n * 2);
  const bbox = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = 0; i < count; i++) {
    const x0 = 100000 + (i % side) * cell;
    const y0 = 100000 + Math.floor(i / side) * cell;
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
    buf.write(`E${String(i + 1).padStart(8, '0')}`, at + 1, 'latin1');
    buf.write(`Synthetic ${i + 1}`, at + 10, 'latin1');
    buf.write(`E${String(Math.floor(i / 5) + 1 + 10_000_000).padStart(8, '0')}`, at + 40, 'latin1');
  }
  buf[buf.length - 1] = 0x1a;
  return buf;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

async function main(): Promise<void> {
  const count = arg('count', 190_000);
  const vertices = arg('vertices', 40);
  const dir = mkdtempSync(join(tmpdir(), 'cgm-bench-boundaries-'));
  try {
    const base = join(dir, 'oa_national');
    let t = performance.now();
    const generated = writeShapefile(base, count, vertices);
    console.log(`generated ${count.toLocaleString('en-GB')} polygons, ${generated.vertices.toLocaleString('en-GB')} vertices, ` +
      `${(statSync(`${base}.shp`).size / 2 ** 20).toFixed(0)} MiB .shp, EPSG:27700, in ${seconds(performance.now() - t)}`);

    const ogrOut = join(dir, 'ogr2ogr.gpkg');
    t = performance.now();
    // CPU seconds as well as wall time: on a shared, busy machine they are the steadier figure.
    const ogrArgs = ['ogr2ogr', '-f', 'GPKG', '-t_srs', 'EPSG:4326', ogrOut, `${base}.shp`];
    const timed = existsSync('/usr/bin/time');
    const ogr = timed
      ? spawnSync('/usr/bin/time', ['-f', 'cgm-cpu %U %S', ...ogrArgs], { encoding: 'utf8' })
      : spawnSync(ogrArgs[0], ogrArgs.slice(1), { encoding: 'utf8' });
    const ogrMs = performance.now() - t;
    if (ogr.status !== 0) throw new Error(`ogr2ogr failed: ${ogr.stderr || ogr.error}`);
    const cpu = /cgm-cpu ([\d.]+) ([\d.]+)/.exec(ogr.stderr);
    const ogrCpuMs = cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : NaN;
    const ogrDb = new Database(ogrOut, { readonly: true });
    const ogrCount = ogrDb.prepare('SELECT count(*) FROM oa_national').pluck().get();
    ogrDb.close();
    console.log(`ogr2ogr -f GPKG -t_srs EPSG:4326: ${seconds(ogrMs)} (${ogrCount} features; CPU ${seconds(ogrCpuMs)})`);

    // Phases from the importer's own progress messages.
    const phases: { name: string; at: number }[] = [];
    const ours = createProject(join(dir, 'ours.gpkg'));
    t = performance.now();
    const cpuBefore = process.cpuUsage();
    const summary = await importBoundaries(ours, `${base}.shp`, { level: 'OA', codeField: 'OA21CD', nameField: 'OA21NM' }, {
      progress(message) {
        const name = message.split(/[: ]/)[0];
        if (phases[phases.length - 1]?.name !== name) phases.push({ name, at: performance.now() - t });
      },
    });
    const ourMs = performance.now() - t;
    const ourCpu = process.cpuUsage(cpuBefore);
    const ourCpuMs = (ourCpu.user + ourCpu.system) / 1000;
    ours.close();
    console.log(`cgm importBoundaries: ${seconds(ourMs)} (${summary.imported} areas, CRS ${String(summary.details?.crs)}; CPU ${seconds(ourCpuMs)})`);
    console.log(`  phases: ${phases.map((p, i) => `${p.name} ${seconds((phases[i + 1]?.at ?? ourMs) - p.at)}`).join(', ')}`);
    console.log(`ratio ours / ogr2ogr: ${(ourMs / ogrMs).toFixed(2)} wall (target <= 1), ${(ourCpuMs / ogrCpuMs).toFixed(2)} CPU`);
    // The machine is shared: timings mean little without the load beside them.
    console.log(`load average (1, 5, 15 min): ${loadavg().map((l) => l.toFixed(2)).join(', ')} on ${availableParallelism()} cores`);
    console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
  } finally {
    if (process.argv.includes('--keep')) console.log(`files kept in ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

await main();
