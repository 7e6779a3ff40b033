// The shipped CLI is an esbuild bundle (scripts/build-cli.mjs) so it starts
// without compiling TypeScript; it must say exactly what the sources say. The
// oracle is the same main() run from the TypeScript sources in-process.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importBoundaries } from '../../electron/importers/index';
import { createProject } from '../../electron/store/project';
import { sharedData } from '../support/requirements';
import { runCli } from './capture';

const ROOT = join(import.meta.dirname, '..', '..');
// Built inside the checkout (dist/ is ignored) so the bundle finds better-sqlite3 in node_modules.
const OUT_DIR = join(ROOT, 'dist', `cli-test-${process.pid}`);
const BUNDLE = join(OUT_DIR, 'cgm.mjs');

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
