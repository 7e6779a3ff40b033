import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDemoTownFiles, generateDemoTown } from '../../data/demo/generate-demo-town';

/** Every file under dir by its path from dir ("gtfs/stops.txt"), sorted as the manifest is. */
const readAll = (dir: string, prefix = ''): Record<string, Buffer> =>
  Object.fromEntries(
    readdirSync(join(dir, prefix)).flatMap((f): [string, Buffer][] => {
      const rel = prefix ? `${prefix}/${f}` : f;
      return statSync(join(dir, rel)).isDirectory() ? Object.entries(readAll(dir, rel)) : [[rel, readFileSync(join(dir, rel))]];
    }).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)),
  );

describe('demo town determinism', () => {
  it('writes byte-identical files for the same seed', () => {
    const a = mkdtempSync(join(tmpdir(), 'cgm-demo-a-'));
    const b = mkdtempSync(join(tmpdir(), 'cgm-demo-b-'));
    const started = Date.now();
    const manifest = generateDemoTown(a, { seed: 7 });
    // The issue asks for under 3 s; the margin absorbs a busy shared machine.
    expect(Date.now() - started).toBeLessThan(6000);
    generateDemoTown(b, { seed: 7 });
    const [filesA, filesB] = [readAll(a), readAll(b)];
    expect(Object.keys(filesA)).toEqual(manifest.files);
    expect(manifest.files).toContain('gtfs/stop_times.txt');
    for (const name of manifest.files) expect(filesA[name].equals(filesB[name]), name).toBe(true);
  });

  it('gives a different town for a different seed', () => {
    const one = buildDemoTownFiles(1).files;
    const two = buildDemoTownFiles(2).files;
    expect(one['oa_boundaries.geojson']).not.toEqual(two['oa_boundaries.geojson']);
    expect(one['service_users.csv']).not.toEqual(two['service_users.csv']);
    expect(one['roads.osm']).not.toEqual(two['roads.osm']);
  });

  it('lists every file it writes, with the README marking the data as synthetic', () => {
    const town = buildDemoTownFiles();
    expect(Object.keys(town.files).sort()).toEqual([
      'README.txt',
      'gtfs/agency.txt', 'gtfs/calendar.txt', 'gtfs/calendar_dates.txt', 'gtfs/frequencies.txt', 'gtfs/routes.txt', 'gtfs/stop_times.txt', 'gtfs/stops.txt', 'gtfs/trips.txt',
      'lsoa_boundaries.geojson', 'oa_boundaries.geojson', 'oac_assignments.csv', 'oac_segments.csv',
      'population.csv', 'postcodes.csv', 'roads.osm', 'service_sites.csv', 'service_users.csv',
      'smoking_rates.README.txt', 'smoking_rates.csv',
    ]);
    expect(town.files['README.txt']).toMatch(/SYNTHETIC/);
    expect(town.files['README.txt']).toMatch(/NOTHING IN THIS FOLDER IS REAL DATA/);
    expect(town.files['smoking_rates.README.txt']).toMatch(/ILLUSTRATIVE/);
  });

  it.each([3, 11, 2024])('builds a valid-sized town for seed %i', (seed) => {
    const { counts } = buildDemoTownFiles(seed);
    expect(counts.outputAreas).toBeGreaterThanOrEqual(220);
    expect(counts.outputAreas).toBeLessThanOrEqual(280);
    expect(counts.population).toBeGreaterThanOrEqual(50_000);
    expect(counts.population).toBeLessThanOrEqual(80_000);
  });
});
