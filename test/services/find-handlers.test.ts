// Find on a Rutland project: areas by code or name at any level, postcodes,
// each placed on the mapped level's areas; typed % and _ match only themselves.
//
// Answers read from the files by hand: lsoa11_boundaries.geojson names E01013801
// "Rutland 002C"; oa11_boundaries.geojson gives it the six OAs E00069608, E00069610,
// E00069612, E00069613, E00069615, E00069617; postcodes_codepoint_open.csv puts LE156NT
// at 52.670784, -0.737525 in OA E00069613 (and the ODS file places Oakham Medical
// Practice, LE15 6NT, in that OA too). Postcodes starting LE156N: 19 in the file.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MethodInput, MethodOutput } from '../../shared/contract';
import { dispatch } from '../../electron/services/dispatch';
import { createHandlers } from '../../electron/services/handlers';
import { ProjectSession } from '../../electron/services/project-session';
import { importBoundaries } from '../../electron/importers/boundaries';
import { importPostcodes } from '../../electron/importers/postcodes';
import { createProject } from '../../electron/store/project';
import { RUTLAND, tempDir } from '../importers/helpers';
import { quietContext } from '../support/handler-call';

const tmp = tempDir('cgm-find-');
let session: ProjectSession;
const ctx = quietContext;
const find = (input: MethodInput<'findInProject'>) => dispatch(createHandlers(session), 'findInProject', input, ctx()) as Promise<MethodOutput<'findInProject'>>;

beforeAll(async () => {
  const path = join(tmp.dir, 'find.gpkg');
  const p = createProject(path);
  await importBoundaries(p, RUTLAND + 'lsoa11_boundaries.geojson', { level: 'LSOA', codeField: 'LSOA11CD', nameField: 'LSOA11NM' });
  await importBoundaries(p, RUTLAND + 'oa11_boundaries.geojson', { level: 'OA', codeField: 'OA11CD', parentField: 'LSOA11CD', parentLevel: 'LSOA' });
  await importPostcodes(p, RUTLAND + 'postcodes_codepoint_open.csv', { postcodeField: 'postcode', latField: 'lat', lonField: 'lon', areaField: 'oa11cd' });
  p.close();
  session = new ProjectSession(path);
}, 120_000);

afterAll(() => {
  session.close();
  tmp.cleanup();
});

describe('findInProject', () => {
  it('finds an area by its code, first', async () => {
    const { results } = await find({ text: 'e00069613', level: 'OA' });
    expect(results[0]).toEqual({ kind: 'area', level: 'OA', code: 'E00069613', name: null, areaCodes: ['E00069613'], point: null, status: null });
  });

  it('finds an LSOA by name and selects its OAs on an OA map', async () => {
    const { results } = await find({ text: 'rutland 002c', level: 'OA' });
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ kind: 'area', level: 'LSOA', code: 'E01013801', name: 'Rutland 002C' });
    expect(results[0].areaCodes).toEqual(['E00069608', 'E00069610', 'E00069612', 'E00069613', 'E00069615', 'E00069617']);
    // On an LSOA map, an OA found stands for the LSOA it lies in.
    expect((await find({ text: 'E00069613', level: 'LSOA' })).results[0].areaCodes).toEqual(['E01013801']);
  });

  it('finds a postcode typed any way, with its point and the area it lies in', async () => {
    for (const text of ['LE15 6NT', 'le156nt', ' le15  6nt ']) {
      const { results } = await find({ text, level: 'OA' });
      expect(results[0]).toEqual({ kind: 'postcode', level: null, code: 'LE15 6NT', name: null, areaCodes: ['E00069613'], point: [-0.737525, 52.670784], status: null });
    }
    const lsoa = (await find({ text: 'LE15 6NT', level: 'LSOA' })).results[0];
    expect(lsoa).toMatchObject({ areaCodes: ['E01013801'], name: 'Rutland 002C' });
    // Postcodes by prefix, as many as asked for.
    expect((await find({ text: 'LE15 6N', level: 'OA', limit: 50 })).results.filter((r) => r.kind === 'postcode')).toHaveLength(19);
    expect((await find({ text: 'LE15 6N', level: 'OA', limit: 5 })).results).toHaveLength(5);
  });

  it('takes % and _ literally, and refuses an unknown level', async () => {
    expect((await find({ text: '%', level: 'OA' })).results).toEqual([]);
    expect((await find({ text: '_', level: 'OA' })).results).toEqual([]);
    expect((await find({ text: 'E0006961_', level: 'OA' })).results).toEqual([]);
    expect((await find({ text: 'zzz', level: 'OA' })).results).toEqual([]);
    await expect(find({ text: 'E00', level: 'ward' })).rejects.toThrow('The project has no geography level "ward".');
    await expect(find({ text: '  ', level: 'OA' })).rejects.toThrow(/type something to find/);
  });
});
