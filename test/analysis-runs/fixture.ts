// A four-area town built through the real importers from tiny in-memory files,
// small enough that every figure the runners print can be worked out by hand.
//
//   LSOA E01000001 (south row)       LSOA E01000002 (north row)
//   +-----------+-----------+        +-----------+-----------+
//   | OA3 2a    | OA4 1a    |  north | E00000003 | E00000004 |
//   | pop 200   | pop 100   |        |  site B   |           |
//   +-----------+-----------+        +-----------+-----------+
//   | OA1 1a    | OA2 2b    |  south | E00000001 | E00000002 |
//   | pop 400   | pop 300   |        |  site A   |           |
//   +-----------+-----------+        +-----------+-----------+
//   Squares of 0.01° from (-0.74, 52.66); site A at OA1's centre, B at OA3's.
//
// Scheme "OAC": supergroups 1, 2; groups 1a, 2a, 2b (areas are assigned groups).
// Indicator "Smoking": 1a 15%, 2a 25%, 2b 20%, so need (base × prevalence):
//   OA1 400×0.15 = 60, OA2 300×0.20 = 60, OA3 200×0.25 = 50, OA4 100×0.15 = 15; total 185.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  importAssignments, importBoundaries, importPopulation, importPostcodes, importRates, importSegments, importSites, importUsers,
} from '../../electron/importers/index';
import { setSegmentAttributes } from '../../electron/analysis/segment-attributes';
import { main } from '../../electron/cli/main';
import { createProject, openProject } from '../../electron/store/project';

export const SERVICE = 'Stop Smoking';
export const SCHEME = 'OAC';
export const INDICATOR = 'Smoking';
export const OA = ['E00000001', 'E00000002', 'E00000003', 'E00000004'] as const;
export const LSOA = ['E01000001', 'E01000002'] as const;

const LON0 = -0.74;
const LAT0 = 52.66;
const D = 0.01;
/** [column, row] of each OA in the 2×2 grid. */
const CELL: Record<string, [number, number]> = { E00000001: [0, 0], E00000002: [1, 0], E00000003: [0, 1], E00000004: [1, 1] };
const POSTCODE: Record<string, string> = { E00000001: 'LE15 6AA', E00000002: 'LE15 6AB', E00000003: 'LE15 6AD', E00000004: 'LE15 6AE' };

const bytes = (text: string) => new TextEncoder().encode(text);
const file = (name: string, text: string) => ({ name, data: bytes(text) });

export function centre(oa: string): [number, number] {
  const [c, r] = CELL[oa];
  return [LON0 + (c + 0.5) * D, LAT0 + (r + 0.5) * D];
}

function square(x0: number, y0: number, w: number, h: number): number[][][] {
  return [[[x0, y0], [x0 + w, y0], [x0 + w, y0 + h], [x0, y0 + h], [x0, y0]]];
}

function featureCollection(features: { props: Record<string, string>; rings: number[][][] }[]): string {
  return JSON.stringify({
    type: 'FeatureCollection',
    features: features.map((f) => ({ type: 'Feature', properties: f.props, geometry: { type: 'Polygon', coordinates: f.rings } })),
  });
}

const LSOA_GEOJSON = featureCollection(
  LSOA.map((code, row) => ({ props: { LSOA11CD: code, LSOA11NM: `Town ${String.fromCharCode(65 + row)}` }, rings: square(LON0, LAT0 + row * D, 2 * D, D) })),
);
const OA_GEOJSON = featureCollection(
  OA.map((code) => {
    const [c, r] = CELL[code];
    return { props: { OA11CD: code, LSOA11CD: LSOA[r] }, rings: square(LON0 + c * D, LAT0 + r * D, D, D) };
  }),
);

const SEGMENTS_CSV = `code,name,parent,level
1,Rural Residents,,supergroup
1a,Farming Communities,1,group
2,Urbanites,,supergroup
2a,Commuter Suburbs,2,group
2b,Older Town Centres,2,group
`;
const ASSIGNMENTS_CSV = 'oa_code,group\nE00000001,1a\nE00000002,2b\nE00000003,2a\nE00000004,1a\n';
const POPULATION_CSV = 'oa_code,usual_residents\nE00000001,400\nE00000002,300\nE00000003,200\nE00000004,100\n';
const RATES_CSV = 'segment_code,prevalence\n1a,0.15\n2a,0.25\n2b,0.20\n';

function postcodesCsv(): string {
  const lines = ['postcode,lat,lon,oa11cd'];
  for (const oa of OA) {
    const [lon, lat] = centre(oa);
    lines.push(`${POSTCODE[oa]},${lat},${lon},${oa}`);
  }
  return lines.join('\n') + '\n';
}

/** A users extract with `counts[oa]` rows for each OA; a name column that must never be stored. */
export function usersCsv(counts: Record<string, number>): string {
  const lines = ['client_name,post_code'];
  let n = 0;
  for (const oa of OA) for (let i = 0; i < (counts[oa] ?? 0); i++) lines.push(`Client ${++n},${POSTCODE[oa]}`);
  return lines.join('\n') + '\n';
}

/** Extract 1: OA1 20, OA2 41, OA3 5, OA4 22 (total 88). */
export const USERS_1 = { E00000001: 20, E00000002: 41, E00000003: 5, E00000004: 22 };
/** Extract 2: OA3 rises from 5 to 20 (total 103). */
export const USERS_2 = { E00000001: 20, E00000002: 41, E00000003: 20, E00000004: 22 };

/** Site A opens evenings and Saturday morning; site B office hours only. */
export const HOURS_A = 'Mo-Fr 08:00-20:00; Sa 09:00-13:00';
export const HOURS_B_OFFICE = 'Mo-Fr 09:00-17:00';

export function sitesCsv(hoursB = HOURS_B_OFFICE): string {
  const [lonA, latA] = centre('E00000001');
  const [lonB, latB] = centre('E00000003');
  return `site_name,lat,lon,opening_hours\nOakham Clinic,${latA},${lonA},${HOURS_A}\nTown Hub,${latB},${lonB},${hoursB}\n`;
}

export interface TownProject {
  dir: string;
  path: string;
  cleanup(): void;
}

/** Builds the town in a fresh temp dir; the project is closed again so the CLI opens it as a user would. */
export async function buildTown(users: Record<string, number> = USERS_1): Promise<TownProject> {
  const dir = mkdtempSync(join(tmpdir(), 'cgm-runs-'));
  const path = join(dir, 'town.gpkg');
  const project = createProject(path);
  try {
    await importBoundaries(project, file('lsoa.geojson', LSOA_GEOJSON), { level: 'LSOA', codeField: 'LSOA11CD', nameField: 'LSOA11NM' });
    await importBoundaries(project, file('oa.geojson', OA_GEOJSON), { level: 'OA', codeField: 'OA11CD', parentField: 'LSOA11CD', parentLevel: 'LSOA' });
    await importSegments(project, file('segments.csv', SEGMENTS_CSV), { scheme: SCHEME, codeField: 'code', nameField: 'name', parentField: 'parent', levelField: 'level' });
    setSegmentAttributes(project.db, SCHEME, { '2a': { workingAge: true } });
    await importAssignments(project, file('assignments.csv', ASSIGNMENTS_CSV), { scheme: SCHEME, areaField: 'oa_code', segmentField: 'group' });
    await importPopulation(project, file('population.csv', POPULATION_CSV), { areaField: 'oa_code', countField: 'usual_residents', base: 'persons' });
    await importPostcodes(project, file('postcodes.csv', postcodesCsv()), { postcodeField: 'postcode', latField: 'lat', lonField: 'lon', areaField: 'oa11cd' });
    await importRates(project, file('rates.csv', RATES_CSV), { indicator: INDICATOR, scheme: SCHEME, segmentField: 'segment_code', rateField: 'prevalence' });
    await importUsers(project, file('users.csv', usersCsv(users)), { service: SERVICE, postcodeField: 'post_code' });
    await importSites(project, file('sites.csv', sitesCsv()), { service: SERVICE, nameField: 'site_name', latField: 'lat', lonField: 'lon', hoursField: 'opening_hours' });
  } finally {
    project.close();
  }
  return { dir, path, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Re-imports a users extract: importUsers replaces the service's counts. */
export async function reimportUsers(path: string, users: Record<string, number>): Promise<void> {
  const project = openProject(path);
  try {
    await importUsers(project, file('users-later.csv', usersCsv(users)), { service: SERVICE, postcodeField: 'post_code' });
  } finally {
    project.close();
  }
}

export async function reimportSites(path: string, hoursB: string): Promise<void> {
  const project = openProject(path);
  try {
    await importSites(project, file('sites.csv', sitesCsv(hoursB)), { service: SERVICE, nameField: 'site_name', latField: 'lat', lonField: 'lon', hoursField: 'opening_hours' });
  } finally {
    project.close();
  }
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** `cgm ...` through main() with a capturing io, as a script would run it. */
export async function cgm(...argv: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { code, stdout, stderr };
}

/** Plain CSV (our output never quotes fields in these tests unless a rule text has a comma). */
export function parseCsv(text: string): Record<string, string>[] {
  const rows = splitCsv(text.trimEnd());
  const [header, ...body] = rows;
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

function splitCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(cell), (cell = '');
    else if (ch === '\n') row.push(cell), rows.push(row), (row = []), (cell = '');
    else cell += ch;
  }
  row.push(cell);
  rows.push(row);
  return rows;
}
