// Issue 16: a level made by `import lookup` (LSOAs dissolved from the OAs) is a
// level like an imported one. Two real Rutland projects, one with the published
// LSOA boundaries and OA → LSOA parent codes, one with only OAs and a lookup,
// must give the same users, base and need per LSOA; the users file puts 3 users
// in each OA's first postcode, so each LSOA's users are 3 × its OAs with a base.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAreaAnalysis } from '../../electron/analysis/area-analysis';
import { runProfile } from '../../electron/analysis/profile-run';
import { importRates, importUsers } from '../../electron/importers/index';
import { buildRutland, GP, OAC, readRutlandCsv, text, type RutlandProject } from './rutland-project';

const firstPostcode = new Map<string, string>();
for (const p of readRutlandCsv('postcodes_codepoint_open.csv')) if (!firstPostcode.has(p.oa11cd)) firstPostcode.set(p.oa11cd, p.postcode);
const usersCsv = ['id,postcode', ...[...firstPostcode.values()].flatMap((pc, i) => [0, 1, 2].map((k) => `${i * 3 + k},${pc}`))].join('\n') + '\n';

async function build(lsoaByLookup: boolean): Promise<RutlandProject> {
  const r = await buildRutland({ lsoaByLookup });
  await importRates(r.project, text('sg.csv', 'segment,rate\n1,0.10\n2,0.20\n6,0.30\n7,0.40\n'), { indicator: 'Smoking', scheme: OAC, segmentField: 'segment', rateField: 'rate' });
  await importUsers(r.project, text('users.csv', usersCsv), { service: GP, postcodeField: 'postcode' });
  return r;
}

let imported: RutlandProject;
let dissolved: RutlandProject;
beforeAll(async () => {
  imported = await build(false);
  dissolved = await build(true);
}, 60_000);
afterAll(() => { imported?.cleanup(); dissolved?.cleanup(); });

describe('analysis at a dissolved level equals analysis at the imported level (real Rutland)', () => {
  it('users, base and need per LSOA are the same', () => {
    const run = (r: RutlandProject) => runAreaAnalysis(r.project.db, { service: GP, indicator: 'Smoking', mode: 'walk', level: 'LSOA' });
    const a = run(imported);
    const b = run(dissolved);
    expect(b.level).toBe('LSOA');
    expect(b.rows).toHaveLength(23);
    const pick = (x: typeof a) => x.rows.map((r) => ({ code: r.code, users: r.users, base: r.base, need: Number(r.need.toFixed(9)) })).sort((p, q) => p.code.localeCompare(q.code));
    expect(pick(b)).toEqual(pick(a));
    // 116 OAs hold a postcode, 111 have a base: 3 × 111 users counted.
    expect(b.rows.reduce((t, r) => t + r.users, 0)).toBe(333);
    expect(b.rows.reduce((t, r) => t + r.base, 0)).toBe(35594);
    expect(b.rows.find((r) => r.code === 'E01013787')!.name).toBe('Rutland 005A');
  });

  it('the profile by LSOA is the same', () => {
    const run = (r: RutlandProject) => runProfile(r.project.db, { service: GP, scheme: OAC, geographyLevel: 'LSOA' }).table;
    expect(run(dissolved)).toEqual(run(imported));
  });
});
