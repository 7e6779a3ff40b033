// National-size boundary import: our importBoundaries against
//   ogr2ogr -f GPKG -t_srs EPSG:4326 out.gpkg in.shp
// on the same synthetic British National Grid shapefile (~190k output areas,
// ~41 vertices each, as the ONS national OA set), in one run. Prints timings
// and the ratio, not pass/fail. The shapefile comes from bench/england (cached
// in ~/.cache/cgm-bench); the GeoPackages go to os.tmpdir().
//   npx tsx bench/import-boundaries.ts [--count 190000] [--vertices 40] [--keep]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { importBoundaries } from '../electron/importers/boundaries';
import { createProject } from '../electron/store/project';
import { ENGLAND, englandInputs } from './england/generate';
import { writeShapefile } from './england/shapefile';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

async function main(): Promise<void> {
  const count = arg('count', 190_000);
  const vertices = arg('vertices', 40);
  const dir = mkdtempSync(join(tmpdir(), 'cgm-bench-boundaries-'));
  try {
    // The national shapefile from the shared generator (cached); other sizes are written here.
    let t = performance.now();
    const base = count === ENGLAND.areas && vertices === ENGLAND.vertices
      ? (await englandInputs()).shapefile.replace(/\.shp$/, '')
      : join(dir, 'oa_england');
    if (!existsSync(`${base}.shp`)) writeShapefile(base, count, vertices);
    console.log(`${count.toLocaleString('en-GB')} polygons, ${vertices} vertices each, ` +
      `${(statSync(`${base}.shp`).size / 2 ** 20).toFixed(0)} MiB .shp, EPSG:27700, ready in ${seconds(performance.now() - t)}`);

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
    const ogrCount = ogrDb.prepare('SELECT count(*) FROM oa_england').pluck().get();
    ogrDb.close();
    console.log(`ogr2ogr -f GPKG -t_srs EPSG:4326: ${seconds(ogrMs)} (${ogrCount} features; CPU ${seconds(ogrCpuMs)})`);

    // Phases from the importer's own progress messages.
    const phases: { name: string; at: number }[] = [];
    const ours = createProject(join(dir, 'ours.gpkg'));
    t = performance.now();
    const cpuBefore = process.cpuUsage();
    // Minor page faults are most of the import's system time (fresh memory for ~100 MB arrays).
    const faultsBefore = process.resourceUsage().minorPageFault;
    const summary = await importBoundaries(ours, `${base}.shp`, { level: 'OA', codeField: 'OA21CD', nameField: 'OA21NM' }, {
      progress(message) {
        const name = message.split(/[: ]/)[0];
        if (phases[phases.length - 1]?.name !== name) phases.push({ name, at: performance.now() - t });
      },
    });
    const ourMs = performance.now() - t;
    const ourCpu = process.cpuUsage(cpuBefore);
    const ourCpuMs = (ourCpu.user + ourCpu.system) / 1000;
    const faults = process.resourceUsage().minorPageFault - faultsBefore;
    ours.close();
    console.log(`cgm importBoundaries: ${seconds(ourMs)} (${summary.imported} areas, CRS ${String(summary.details?.crs)}; CPU ${seconds(ourCpuMs)}: user ${seconds(ourCpu.user / 1000)}, system ${seconds(ourCpu.system / 1000)}; ${faults.toLocaleString('en-GB')} minor page faults)`);
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
