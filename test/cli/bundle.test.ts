// The shipped CLI is an esbuild bundle (scripts/build-cli.mjs) so it starts
// without compiling TypeScript; it must say exactly what the sources say. The
// oracle is the same main() run from the TypeScript sources in-process.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importBoundaries } from '../../electron/importers/index';
import { createProject, openProject } from '../../electron/store/project';
import { sharedData } from '../support/requirements';
import { runCli } from './capture';

const ROOT = join(import.meta.dirname, '..', '..');
// Built inside the checkout (dist/ is ignored) so the bundle finds better-sqlite3 in node_modules.
const OUT_DIR = join(ROOT, 'dist', `cli-test-${process.pid}`);
const BUNDLE = join(OUT_DIR, 'cgm.mjs');

function sharedCopy<A extends Int32Array | Float64Array>(array: A, values: number[]): A {
  array.set(values);
  return array;
}

function runBundle(argv: string[]): { code: number; stdout: string; stderr: string } {
  const script = `const { main } = await import(${JSON.stringify(pathToFileURL(BUNDLE).href)}); process.exitCode = await main(JSON.parse(process.argv[1]));`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(argv)], { encoding: 'utf8', cwd: ROOT });
  return { code: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
}

describe('the bundled cgm CLI', () => {
  let dir: string;
  let project: string;
  beforeAll(async () => {
    const { buildCli } = await import(pathToFileURL(join(ROOT, 'scripts', 'build-cli.mjs')).href);
    await buildCli(BUNDLE);
    dir = mkdtempSync(join(tmpdir(), 'cgm-bundle-'));
    project = join(dir, 'rutland.gpkg');
    const p = createProject(project, { name: 'Bundle check' });
    await importBoundaries(p, sharedData('uk', 'rutland', 'oa11_boundaries.geojson'), { level: 'OA', codeField: 'OA11CD' });
    p.close();
  }, 120_000);
  afterAll(() => {
    rmSync(OUT_DIR, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
  });

  it('ships the national travel tree\'s thread (dijkstra-thread.mjs beside the bundle), which routes a tree into shared memory and says so', async () => {
    const entry = join(OUT_DIR, 'dijkstra-thread.mjs');
    expect(existsSync(entry)).toBe(true);
    // A path 0 -> 1 -> 2 of 5 s then 7 s, from node 0.
    const ints = (values: number[]) => sharedCopy(new Int32Array(new SharedArrayBuffer(4 * values.length)), values);
    const floats = (values: number[]) => sharedCopy(new Float64Array(new SharedArrayBuffer(8 * values.length)), values);
    const job = {
      csr: { nodeCount: 3, offsets: ints([0, 1, 2, 2]), targets: ints([1, 2]), weights: floats([5, 7]) },
      sources: [{ node: 0 }],
      into: { seconds: floats([0, 0, 0]), origin: ints([0, 0, 0]) },
      state: ints([0, 0]),
    };
    const { Worker } = await import('node:worker_threads');
    const worker = new Worker(entry, { workerData: { dijkstraTree: job } });
    expect(Atomics.wait(job.state, 0, 0, 30_000)).not.toBe('timed-out');
    expect(Atomics.load(job.state, 0)).toBe(1);
    expect([Array.from(job.into.seconds), Array.from(job.into.origin)]).toEqual([[0, 5, 12], [0, 0, 0]]);
    await worker.terminate();
  });

  it.each([
    [['info', '--project', '<project>']],
    [['--help']],
    [['info', '--help']],
    [['import', 'postcodes', '--help']],
    [['import', '--help']],
    [['info']],
  ])('cgm %j: same stdout, stderr and exit code as the sources', async (args) => {
    const argv = args.map((a) => (a === '<project>' ? project : a));
    const fromSource = await runCli(argv);
    const bundled = runBundle(argv);
    expect(bundled).toEqual(fromSource);
    if (args[0] === 'info' && args.length === 3) expect(JSON.parse(bundled.stdout)).toMatchObject({ layers: expect.anything() });
  });

  it('writes a postcode directory past the threshold in its writer thread (postcode-writer.mjs beside the bundle): the same output and rows as the sources', async () => {
    const writer = join(OUT_DIR, 'postcode-writer.mjs');
    expect(existsSync(writer)).toBe(true);
    // Rutland's directory padded past POSTCODE_WRITE_THREAD.minBytes (8 MB) with rows outside the study area.
    const pad = 'ZZ991ZZ,486137,308843,52.670462,-0.727611,10,E06000017,E05001815,E00999999,E01999999,point_in_polygon\n';
    const big = join(dir, 'postcodes_big.csv');
    writeFileSync(big, Buffer.concat([readFileSync(sharedData('uk', 'rutland', 'postcodes_codepoint_open.csv')), Buffer.from(pad.repeat(90_000))]));
    expect(statSync(big).size).toBeGreaterThan(8 * 1024 * 1024);
    const results = [];
    const rows = [];
    for (const run of [(argv: string[]) => runCli(argv), async (argv: string[]) => runBundle(argv)]) {
      const copy = join(dir, `big-${results.length}.gpkg`);
      copyFileSync(project, copy);
      results.push(await run(['import', 'postcodes', '--project', copy, '--file', big, '--quiet']));
      const p = openProject(copy);
      rows.push(p.db.prepare('SELECT * FROM cgm_postcodes ORDER BY postcode').raw().all());
      p.close();
    }
    expect(results[1]).toEqual(results[0]);
    expect(results[1].code).toBe(0);
    expect(rows[0].length).toBeGreaterThan(1000);
    expect(rows[1]).toEqual(rows[0]);
    // The bundle does start the thread from that file. One that fails before it says it is ready leaves the
    // write to the importer's thread: the same output and rows. One that fails once ready fails the import.
    const built = readFileSync(writer);
    const marker = join(OUT_DIR, 'stand-in-ran');
    try {
      writeFileSync(writer, "import { writeFileSync } from 'node:fs'; writeFileSync(new URL('./stand-in-ran', import.meta.url), 'yes'); throw new Error('stand-in writer cannot start');\n");
      const fallback = join(dir, 'big-fallback.gpkg');
      copyFileSync(project, fallback);
      expect(runBundle(['import', 'postcodes', '--project', fallback, '--file', big, '--quiet'])).toEqual(results[0]);
      expect(readFileSync(marker, 'utf8')).toBe('yes');
      const p = openProject(fallback);
      expect(p.db.prepare('SELECT * FROM cgm_postcodes ORDER BY postcode').raw().all()).toEqual(rows[0]);
      p.close();
      writeFileSync(writer, "import { parentPort } from 'node:worker_threads'; parentPort.postMessage({ type: 'ready' }); parentPort.postMessage({ type: 'failed', message: 'stand-in writer' });\n");
      const copy = join(dir, 'big-stand-in.gpkg');
      copyFileSync(project, copy);
      const failed = runBundle(['import', 'postcodes', '--project', copy, '--file', big, '--quiet']);
      expect(failed.code).not.toBe(0);
      expect(failed.stderr).toContain('writing the postcode directory: stand-in writer');
    } finally {
      writeFileSync(writer, built);
    }
  }, 120_000);

  it('leaves opening_hours out of the bundle (it is 0.8 MB to compile at every start) and loads it from beside the bundle when hours are read', async () => {
    // German holiday names are in opening_hours' data and nowhere in our code.
    expect(readFileSync(BUNDLE, 'utf8')).not.toContain('Karfreitag');
    expect(readFileSync(join(OUT_DIR, 'opening-hours.cjs'), 'utf8')).toContain('Karfreitag');
    // Good hours import; bad hours fail naming the row, with opening_hours' own reason: the same from both.
    const sites = join(dir, 'sites.csv');
    writeFileSync(sites, 'name,lat,lon,opening_hours\nSurgery,52.67,-0.72,Mo-Fr 08:00-18:00\nClinic,52.66,-0.73,Mo-Fx 9-5\n');
    const results = [];
    for (const run of [(argv: string[]) => runCli(argv), async (argv: string[]) => runBundle(argv)]) {
      const copy = join(dir, `hours-${results.length}.gpkg`);
      copyFileSync(project, copy);
      results.push(await run(['import', 'sites', '--project', copy, '--file', sites, '--service', 'GP', '--quiet']));
    }
    expect(results[1]).toEqual(results[0]);
    expect(results[1].code).not.toBe(0);
    expect(results[1].stderr).toMatch(/row 3 \(Clinic\), field "opening_hours": "Mo-Fx 9-5" is not valid OSM opening_hours syntax/);
  });

  it('decodes shapefile text with Node\'s TextDecoder exactly as the text-encoding polyfill it stands in for', () => {
    const load = createRequire(import.meta.url);
    const polyfill = load('text-encoding'), native = load('../../scripts/text-encoding-native.cjs');
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    // The encodings .cpg files name for British data, and UTF-8 with invalid bytes (replacement characters).
    for (const encoding of ['utf-8', 'windows-1252', 'iso-8859-1', 'latin1', 'ascii', 'iso-8859-15', 'windows-1250']) {
      expect(new native.TextDecoder(encoding).decode(bytes)).toBe(new polyfill.TextDecoder(encoding).decode(bytes));
    }
  });

  it('bin/cgm.mjs rebuilds a bundle older than its sources, then runs it', () => {
    const bin = join(ROOT, 'bin', 'cgm.mjs');
    execFileSync(process.execPath, [bin, '--help'], { cwd: ROOT });
    const built = join(ROOT, 'dist', 'cli', 'cgm.mjs');
    expect(existsSync(built)).toBe(true);
    // Make the bundle look older than main.ts: the next start must build it again, silently.
    const past = new Date(statSync(join(ROOT, 'electron', 'cli', 'main.ts')).mtimeMs - 60_000);
    utimesSync(built, past, past);
    const run = spawnSync(process.execPath, [bin, '--help'], { cwd: ROOT, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^Usage: cgm <command>/);
    expect(statSync(built).mtimeMs).toBeGreaterThan(past.getTime());
  });
});
