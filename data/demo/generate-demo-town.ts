// Writes the synthetic demo town as ordinary files, the same kinds a user
// would import from ONS, Ordnance Survey, OpenStreetMap and a service's own
// case-management system.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildDemoTownFiles, type DemoTownCounts } from './demo-files';

export interface DemoTownManifest {
  seed: number;
  townName: string;
  outDir: string;
  /** File names written, in a fixed order. */
  files: string[];
  counts: DemoTownCounts;
}

export function generateDemoTown(outDir: string, opts: { seed?: number } = {}): DemoTownManifest {
  const town = buildDemoTownFiles(opts.seed);
  mkdirSync(outDir, { recursive: true });
  const names = Object.keys(town.files).sort();
  for (const name of names) {
    // The bus timetable is a GTFS folder (gtfs/stops.txt, ...), as feeds are published unzipped.
    mkdirSync(dirname(join(outDir, name)), { recursive: true });
    writeFileSync(join(outDir, name), town.files[name], 'utf8');
  }
  return { seed: town.seed, townName: town.townName, outDir, files: names, counts: town.counts };
}

export { buildDemoTownFiles } from './demo-files';
export type { DemoTownCounts, DemoTownFiles } from './demo-files';
