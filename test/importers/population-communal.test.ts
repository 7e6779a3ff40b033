// `cgm import population --communal-field`: residents of communal
// establishments (TS001 in_communal_establishments) kept beside the base, so the
// analyst can leave them out (issue 15.11). Real Rutland TS001 plus small files
// for the refusals.
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createProject } from '../../electron/store/project';
import { cgm } from '../analysis-runs/fixture';
import { tempDir } from './helpers';

const RUTLAND = resolve(import.meta.dirname, '../../../shared/data/uk/rutland');

describe('import population with communal residents', () => {
  const tmp = tempDir();
  const P = join(tmp.dir, 'pop.gpkg');
  createProject(P).close();
  afterAll(() => tmp.cleanup());
  const pop = (file: string, ...extra: string[]) =>
    cgm('import', 'population', '--project', P, '--file', file, '--area-field', 'oa_code', '--count-field', 'usual_residents', '--quiet', ...extra);

  it('stores TS001 communal residents with the persons base: 2,269 over the 111 Rutland OAs', async () => {
    const b = await cgm('import', 'boundaries', '--project', P, '--file', join(RUTLAND, 'oa11_boundaries.geojson'), '--level', 'OA', '--code-field', 'OA11CD', '--quiet');
    expect(b.code).toBe(0);
    const r = await pop(join(RUTLAND, 'population_census2021_ts001_by_oa.csv'), '--communal-field', 'in_communal_establishments');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).details).toEqual({ base: 'persons', total: 35594, countField: 'usual_residents', communalField: 'in_communal_establishments', communal: 2269 });
    // With communal counts imported the setting can be switched on.
    expect(JSON.parse((await cgm('settings', '--project', P, '--exclude-communal', 'on')).stdout)).toMatchObject({ excludeCommunal: true, communalImported: true });
  });

  it('refuses communal counts above the residents, or with a households base', async () => {
    const file = join(tmp.dir, 'bad.csv');
    writeFileSync(file, 'oa_code,usual_residents,communal\nE00069547,366,21\nE00069548,472,500\n');
    expect(await pop(file, '--communal-field', 'communal')).toMatchObject({
      code: 1, stderr: 'cgm import population: bad.csv row 3, field "communal": "500" is more than the area\'s 472 persons\n',
    });
    expect(await pop(file, '--communal-field', 'communal', '--base', 'households')).toMatchObject({
      code: 1, stderr: 'cgm import population: --communal-field goes with a persons base (communal residents are not households)\n',
    });
  });

  it('refuses to switch the setting on without communal counts', async () => {
    const Q = join(tmp.dir, 'none.gpkg');
    createProject(Q).close();
    expect(await cgm('settings', '--project', Q, '--exclude-communal', 'on')).toMatchObject({
      code: 1, stderr: 'cgm settings: the population has no communal-establishment counts; import it with --communal-field in_communal_establishments first\n',
    });
    expect(await cgm('settings', '--project', Q, '--exclude-communal', 'maybe')).toMatchObject({ code: 1, stderr: 'cgm settings: --exclude-communal must be on or off, not "maybe"\n' });
  });
});
