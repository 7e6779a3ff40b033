// `cgm new`, `cgm demo` and `cgm info`, checked against the demo generator's
// own manifest and against GDAL's reading of the file.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoTownFiles } from '../../data/demo/generate-demo-town';
import { runCli } from './capture';

const dir = mkdtempSync(join(tmpdir(), 'cgm-cli-'));
const demo = join(dir, 'demo.gpkg');
const hasOgr = existsSync('/usr/bin/ogrinfo');

beforeAll(async () => {
  const run = await runCli(['demo', '--project', demo]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function ogrFeatureCount(layer: string): number {
  const out = execFileSync('ogrinfo', ['-ro', '-so', demo, layer], { encoding: 'utf8' });
  const match = /Feature Count: (\d+)/.exec(out);
  if (!match) throw new Error(`no feature count for ${layer}:\n${out}`);
  return Number(match[1]);
}

describe('cgm demo / info', () => {
  it('builds the zones, roads and sites the generator wrote, as GDAL reads them', () => {
    if (!hasOgr) throw new Error('ogrinfo (gdal-bin) is required: .ci/run installs it');
    const { counts } = buildDemoTownFiles();
    const listing = execFileSync('ogrinfo', ['-ro', demo], { encoding: 'utf8' });
    expect(listing).toMatch(/area_oa \(Multi Polygon\)/);
    expect(listing).toMatch(/area_lsoa \(Multi Polygon\)/);
    expect(listing).toMatch(/roads \(Line String\)/);
    expect(listing).toMatch(/service_sites \(Point\)/);
    expect(ogrFeatureCount('area_oa')).toBe(counts.outputAreas);
    expect(ogrFeatureCount('area_lsoa')).toBe(counts.lsoas);
    expect(ogrFeatureCount('roads')).toBe(counts.roadWays);
    expect(ogrFeatureCount('service_sites')).toBe(counts.serviceSites);
  });

  it('prints layers and counts as JSON', async () => {
    const run = await runCli(['info', '--project', demo]);
    expect(run.code).toBe(0);
    const info = JSON.parse(run.stdout);
    const { counts } = buildDemoTownFiles();
    const layers = Object.fromEntries(info.layers.map((l: { table: string; features: number }) => [l.table, l.features]));
    expect(layers).toEqual({ area_oa: counts.outputAreas, area_lsoa: counts.lsoas, roads: counts.roadWays, service_sites: counts.serviceSites });
    expect(info.counts.population).toBe(counts.population);
    // 2,000 users less the rows the generator made unusable on purpose.
    expect(info.services[0].users).toBeGreaterThan(counts.serviceUsers - 30);
    expect(info.services[0].users).toBeLessThan(counts.serviceUsers);
  });

  it('is deterministic: the same seed gives the same project content', async () => {
    const again = join(dir, 'again.gpkg');
    await runCli(['demo', '--project', again]);
    const a = await runCli(['info', '--project', demo]);
    const b = await runCli(['info', '--project', again]);
    expect(JSON.parse(b.stdout).counts).toEqual(JSON.parse(a.stdout).counts);
  });

  it('refuses to overwrite an existing project without --force', async () => {
    const run = await runCli(['demo', '--project', demo]);
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/already exists/);
  });
});

describe('cgm new and errors', () => {
  it('creates an empty project GDAL can open', async () => {
    const path = join(dir, 'empty.gpkg');
    const run = await runCli(['new', '--project', path]);
    expect(run.code).toBe(0);
    const info = JSON.parse((await runCli(['info', '--project', path])).stdout);
    expect(info.layers).toEqual([]);
    if (hasOgr) expect(() => execFileSync('ogrinfo', ['-ro', path], { encoding: 'utf8' })).not.toThrow();
  });

  it('exits non-zero with one line naming the file for a file that is not a project', async () => {
    const bad = join(dir, 'notes.gpkg');
    writeFileSync(bad, 'this is not a database');
    const run = await runCli(['info', '--project', bad]);
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('notes.gpkg');
  });

  it('rejects unknown commands and options', async () => {
    expect((await runCli(['frobnicate'])).code).toBe(2);
    const run = await runCli(['info', '--project', demo, '--colour', 'red']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/unknown option --colour/);
    const missing = await runCli(['info']);
    expect(missing.stderr).toMatch(/missing required option --project/);
  });
});

describe('the installed bin', () => {
  it('runs as `cgm` through node without a build step', () => {
    const out = execFileSync(process.execPath, [join(import.meta.dirname, '..', '..', 'bin', 'cgm.mjs'), '--help'], { encoding: 'utf8' });
    expect(out).toMatch(/^Usage: cgm <command>/);
    expect(out).toMatch(/demo\s+build the synthetic demo town/);
  });
});
