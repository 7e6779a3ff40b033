// The app on a national-size level for end-to-end tests (issue 18): the
// synthetic Output Areas of bench/national/project.ts (past MANY_POLYGONS, so
// the map picks and outlines areas in the page), served by a browser-mode app
// and opened in a watched page. Area i is E0000000i, centred at
// syntheticCentre(i, count). Sites, when given, go into a copy of the cached
// project (the cache itself stays as every other test expects it).
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { E2E_DATA_DIR, openApp, type OpenedApp } from './harness';
import { nationalProject } from '../../bench/national/project';
import { importSites } from '../../electron/importers/index';
import { openProject } from '../../electron/store/project';
import { MANY_POLYGONS } from '../../renderer/src/project/area-index';

export const NATIONAL_DATA_DIR = join(E2E_DATA_DIR, 'national');

/** A site of the project: where it stands, [lon, lat], and its name. */
export interface NationalSite {
  name: string;
  lonLat: [number, number];
}

/** Area i's code: E followed by i in eight digits. */
export const areaCode = (i: number) => `E${String(i).padStart(8, '0')}`;

/** The app with the national project of `count` areas open (and `sites` imported, as one service), its map ready. */
export async function openNationalApp(count: number, sites: NationalSite[] = []): Promise<OpenedApp> {
  expect(count).toBeGreaterThan(MANY_POLYGONS);
  const built = await nationalProject(NATIONAL_DATA_DIR, count);
  const path = sites.length ? await withSites(built.path, sites) : built.path;
  return openApp({ env: { CGM_DATA_DIR: NATIONAL_DATA_DIR, CGM_PROJECT: path } });
}

async function withSites(cached: string, sites: NationalSite[]): Promise<string> {
  const dir = join(NATIONAL_DATA_DIR, 'with-sites');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'national-sites.gpkg');
  // A fresh copy each run: no journal of the last run's copy left beside it to be replayed into this one.
  for (const old of [path, `${path}-wal`, `${path}-shm`, `${path}-journal`]) rmSync(old, { force: true });
  copyFileSync(cached, path);
  const csv = join(dir, 'sites.csv');
  writeFileSync(csv, ['name,lon,lat', ...sites.map((s) => `${s.name},${s.lonLat[0]},${s.lonLat[1]}`)].join('\n'));
  const project = openProject(path);
  try {
    await importSites(project, csv, { service: 'Clinics', nameField: 'name', lonField: 'lon', latField: 'lat' });
  } finally {
    project.close();
  }
  return path;
}
