// Issue 16: a level made by `import lookup` (LSOAs dissolved from the OAs) is a
// level like an imported one. Two real Rutland projects, one with the published
// LSOA boundaries and OA → LSOA parent codes, one with only OAs and a lookup,
// must give the same users, base and need per LSOA; the users file puts 3 users
// in each OA's first postcode, so each LSOA's users are 3 × its OAs with a base.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAreaAnalysis } from '../../electron/analysis/area-analysis';
import { runProfile } from '../../electron/analysis/profile-run';
import { importLookup, importRates, importUsers } from '../../electron/importers/index';
import { areaLayer } from '../../electron/services/area-layer';
import { cgm, parseCsv } from './fixture';
import { buildRutland, GP, OAC, readRutlandCsv, rutlandFile, rutlandLookupCsv, text, type RutlandProject } from '../support/rutland-project';

const firstPostcode = new Map<string, string>();
for (const p of readRutlandCsv('postcodes_codepoint_open.csv')) if (!firstPostcode.has(p.oa11cd)) firstPostcode.set(p.oa11cd, p.postcode);
const usersCsv = ['id,postcode', ...[...firstPostcode.values()].flatMap((pc, i) => [0, 1, 2].map((k) => `${i * 3 + k},${pc}`))].join('\n') + '\n';

async function build(lsoaByLookup: boolean): Promise<RutlandProject> {
  const r = await buildRutland({ lsoa: lsoaByLookup ? 'lookup' : true });
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

describe('the command line: cgm import lookup, and exports at a level', () => {
  it('cgm import lookup prints its summary, and the level is one cgm info lists', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cgm-lookup-cli-'));
    try {
      const project = join(dir, 'p.gpkg');
      writeFileSync(join(dir, 'oa_lsoa.csv'), rutlandLookupCsv());
      expect((await cgm('new', '--project', project)).code).toBe(0);
      expect((await cgm('import', 'boundaries', '--project', project, '--file', rutlandFile('oa11_boundaries.geojson'), '--level', 'OA', '--code-field', 'OA11CD', '--quiet')).code).toBe(0);
      const run = await cgm('import', 'lookup', '--project', project, '--file', join(dir, 'oa_lsoa.csv'), '--parent-level', 'LSOA', '--quiet');
      expect(run.stderr).toBe('');
      expect(JSON.parse(run.stdout)).toMatchObject({ kind: 'lookup', dataset: 'LSOA', rowsRead: 116, imported: 116, details: { areas: 23, childLevel: 'OA' } });
      const info = JSON.parse((await cgm('info', '--project', project)).stdout);
      expect(info.geographies).toEqual([
        { level: 'OA', table: 'area_oa', parentLevel: 'LSOA' }, { level: 'LSOA', table: 'area_lsoa', parentLevel: null },
      ]);
      const refused = await cgm('import', 'lookup', '--project', project, '--file', join(dir, 'oa_lsoa.csv'), '--parent-level', 'ward', '--quiet');
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toContain('oa_lsoa.csv: which column holds the ward codes? Pass --parent-field');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('cgm export csv --level LSOA writes the gaps table at LSOA; a level the project lacks is refused naming those it has', async () => {
    const out = join(dissolved.dir, 'gaps.csv');
    const base = ['export', 'csv', '--project', dissolved.path, '--table', 'gaps', '--out', out, '--service', GP, '--indicator', 'Smoking'];
    expect((await cgm(...base, '--level', 'LSOA')).code).toBe(0);
    const rows = parseCsv(readFileSync(out, 'utf8').replace(/^\uFEFF/, ''));
    expect(rows).toHaveLength(23);
    expect(rows.every((r) => r.area_code.startsWith('E01'))).toBe(true);
    expect((await cgm(...base)).code).toBe(0);
    expect(parseCsv(readFileSync(out, 'utf8').replace(/^\uFEFF/, ''))).toHaveLength(111);
    const bad = await cgm(...base, '--level', 'ward');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('no geography level "ward" in this project (choose from "OA", "LSOA")');
  });
});

describe('a level that does not nest, kept beside the chain (real Rutland postcode sectors)', () => {
  // Each OA's postcode sector (LE15 6…) is the one most of its postcodes are in: 8 sectors, 7 LSOAs split between two.
  const votes = new Map<string, Map<string, number>>();
  for (const p of readRutlandCsv('postcodes_codepoint_open.csv')) {
    const pc = p.postcode.replace(/\s/g, '');
    const sector = `${pc.slice(0, -3)} ${pc.slice(-3, -2)}`;
    const m = votes.get(p.oa11cd) ?? new Map<string, number>();
    m.set(sector, (m.get(sector) ?? 0) + 1);
    votes.set(p.oa11cd, m);
  }
  const sectorOf = new Map([...votes].map(([oa, m]) => [oa, [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0]]));

  it('analysis at the sectors sums the OAs the lookup puts in each, and LSOA analysis is unchanged', async () => {
    const db = imported.project.db;
    const lsoaBefore = runAreaAnalysis(db, { service: GP, indicator: 'Smoking', mode: 'walk', level: 'LSOA' }).rows;
    const csv = ['oa11cd,sector', ...[...sectorOf].map(([oa, s]) => `${oa},${s}`)].join('\n');
    const s = await importLookup(imported.project, text('oa_sector.csv', csv), { parentLevel: 'sector', childField: 'oa11cd', parentField: 'sector' });
    expect(s.details).toMatchObject({ areas: 8, besideChain: true });

    const byOa = runAreaAnalysis(db, { service: GP, indicator: 'Smoking', mode: 'walk', level: 'OA' }).rows;
    const expected = new Map<string, { users: number; base: number }>();
    for (const r of byOa) {
      const e = expected.get(sectorOf.get(r.code)!) ?? { users: 0, base: 0 };
      expected.set(sectorOf.get(r.code)!, { users: e.users + r.users, base: e.base + r.base });
    }
    const sectors = runAreaAnalysis(db, { service: GP, indicator: 'Smoking', mode: 'walk', level: 'sector' });
    expect(new Map(sectors.rows.map((r) => [r.code, { users: r.users, base: r.base }]))).toEqual(expected);
    expect(sectors.rows.reduce((t, r) => t + r.base, 0)).toBe(35594);
    expect(runAreaAnalysis(db, { service: GP, indicator: 'Smoking', mode: 'walk', level: 'LSOA' }).rows).toEqual(lsoaBefore);
    // The map layer and the profile by area follow the same membership.
    const layer = areaLayer(db, 'sector');
    expect(layer.features.map((f) => f.properties!.population).reduce((t: number, p) => t + Number(p ?? 0), 0)).toBe(35594);
    const profile = runProfile(db, { service: GP, scheme: OAC, geographyLevel: 'sector' }).table;
    expect(profile.rows.map((r) => r.segmentCode).sort()).toEqual([...expected.keys()].sort());
  });

  it('excluding a sector takes its OAs out of every level', async () => {
    const db = imported.project.db;
    const sector = 'LE15 6';
    const members = [...sectorOf].filter(([, s]) => s === sector).map(([oa]) => oa);
    expect(members.length).toBeGreaterThan(0);
    const out = await cgm('exclude', '--project', imported.path, '--area', sector, '--reason', 'test: a sector left out');
    expect(out.code, out.stderr).toBe(0);
    const oaRows = runAreaAnalysis(db, { service: GP, indicator: 'Smoking', mode: 'walk', level: 'OA' }).rows;
    expect(oaRows.filter((r) => members.includes(r.code))).toEqual([]);
    expect(runAreaAnalysis(db, { service: GP, indicator: 'Smoking', mode: 'walk', level: 'sector' }).rows.map((r) => r.code)).not.toContain(sector);
  });
});
