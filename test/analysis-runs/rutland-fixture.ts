// Real Rutland inputs for the base and attribution tests (rutland-bases.test.ts
// describes the users file and the figures): the data folder, a project with
// boundaries and postcodes, the users file, TS045 in long format and a
// postcode -> segment lookup built from the postcode file.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { importBoundaries, importPostcodes } from '../../electron/importers/index';
import { createProject, type Project } from '../../electron/store/project';

export const RUTLAND = resolve(import.meta.dirname, '../../../shared/data/uk/rutland');
export const data = (name: string) => resolve(RUTLAND, name);
export const SERVICE = 'Falls clinic';
export const bytes = (text: string) => new TextEncoder().encode(text);

/** The users file: client_name,post_code[,cars_segment]; 5 of LE15 8TU's rows coded three_plus_cars when `coded`. */
export function usersCsv(coded: boolean): string {
  const lines = [coded ? 'client_name,post_code,cars_segment' : 'client_name,post_code'];
  const add = (postcode: string, n: number, segment = (_i: number) => '') => {
    for (let i = 0; i < n; i++) lines.push(`Client ${lines.length},${postcode}${coded ? `,${segment(i)}` : ''}`);
  };
  add('LE15 9PA', 30);
  add('LE15 8TU', 27, (i) => (i < 5 ? 'three_plus_cars' : ''));
  add('LE15 6ED', 58);
  add('LE15 0AQ', 10);
  return lines.join('\n') + '\n';
}

/** TS045 reshaped to long format: one row per OA × car category, households as the count. */
export function ts045Long(): string {
  const [header, ...rows] = readFileSync(data('car_availability_census2021_ts045_by_oa.csv'), 'utf8').trim().split('\n');
  const cols = header.split(',');
  const out = ['oa_code,cars,households'];
  for (const row of rows) {
    const cells = row.split(',');
    for (const c of ['no_car', 'one_car', 'two_cars', 'three_plus_cars']) out.push(`${cells[0]},${c},${cells[cols.indexOf(c)]}`);
  }
  return out.join('\n') + '\n';
}

/**
 * A postcode -> Cars segment lookup built from the postcode file: every postcode
 * except OA E00172622's, last letter A–M one_car, N–Z two_cars. So LE15 9PA is
 * one_car, LE15 8TU two_cars, LE15 0AQ two_cars, and LE15 6ED is not in it.
 */
export function postcodeLookup(): string {
  const [header, ...rows] = readFileSync(data('postcodes_codepoint_open.csv'), 'utf8').trim().split('\n');
  const cols = header.split(',');
  const out = ['pcd,cars_type'];
  for (const row of rows) {
    const cells = row.split(',');
    if (cells[cols.indexOf('oa11cd')] === 'E00172622') continue;
    const pc = cells[cols.indexOf('postcode')];
    out.push(`${pc},${pc.slice(-1) <= 'M' ? 'one_car' : 'two_cars'}`);
  }
  return out.join('\n') + '\n';
}

export async function rutlandProject(dir: string, name: string): Promise<Project> {
  const p = createProject(resolve(dir, name));
  await importBoundaries(p, data('lsoa11_boundaries.geojson'), { level: 'LSOA', codeField: 'LSOA11CD', nameField: 'LSOA11NM' });
  await importBoundaries(p, data('oa11_boundaries.geojson'), { level: 'OA', codeField: 'OA11CD', parentField: 'LSOA11CD', parentLevel: 'LSOA' });
  await importPostcodes(p, data('postcodes_codepoint_open.csv'), { postcodeField: 'postcode', latField: 'lat', lonField: 'lon', areaField: 'oa11cd' });
  return p;
}

