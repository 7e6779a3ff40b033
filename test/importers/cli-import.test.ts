// The `cgm import ...` commands through the real CLI entry point, on Rutland data.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/main';
import { createProject } from '../../electron/store/project';
import { RUTLAND, tempDir } from './helpers';

async function cgm(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: (t) => void (out += t), stderr: (t) => void (err += t) });
  return { code, out, err, json: code === 0 ? JSON.parse(out) : null };
}

describe('cgm import', () => {
  const tmp = tempDir();
  const P = join(tmp.dir, 'cli.gpkg');
  createProject(P).close();
  afterAll(() => tmp.cleanup());

  it('builds a Rutland project and prints JSON summaries', async () => {
    const b = await cgm('import', 'boundaries', '--project', P, '--file', RUTLAND + 'oa11_boundaries.geojson', '--level', 'OA', '--code-field', 'OA11CD', '--quiet');
    expect(b.json).toMatchObject({ kind: 'boundaries', rowsRead: 116, imported: 116 });
    const a = await cgm('import', 'assignments', '--project', P, '--file', RUTLAND + 'oac2021_by_oa.csv', '--scheme', 'OAC 2021', '--area-field', 'oa_code', '--segment-field', 'group');
    expect(a.json).toMatchObject({ imported: 111 });
    const pop = await cgm('import', 'population', '--project', P, '--file', RUTLAND + 'population_census2021_ts001_by_oa.csv', '--area-field', 'oa_code', '--count-field', 'in_households', '--base', 'persons');
    expect(pop.json.details.total).toBeGreaterThan(30000);
    const pc = await cgm('import', 'postcodes', '--project', P, '--file', RUTLAND + 'postcodes_codepoint_open.csv', '--postcode-field', 'postcode', '--easting-field', 'easting', '--northing-field', 'northing', '--area-field', 'oa11cd');
    expect(pc.json).toMatchObject({ imported: 1207 });
    const s = await cgm('import', 'sites', '--project', P, '--file', RUTLAND + 'nhs_ods_epraccur_in_area.csv', '--service', 'GP', '--where', 'status_code=A,prescribing_setting=4');
    expect(s.json).toMatchObject({ imported: 4 });
  });

  it('fails with one line naming the file, row, field and value', async () => {
    const r = await cgm('import', 'population', '--project', P, '--file', RUTLAND + 'oac2021_by_oa.csv', '--area-field', 'oa_code', '--count-field', 'group');
    expect(r.code).toBe(1);
    expect(r.err).toBe('cgm import population: oac2021_by_oa.csv row 2, field "group": "2b" is not a persons count (expected a number >= 0)\n');
  });
});
