// What a band table reads besides the tree, on real Rutland (OA and LSOA
// boundaries, OAC assigned by OA, TS001 with communal residents, Code-Point):
// the area points without names (read by the level's code index) and the
// population row of each segment base (read by SQL against the level's codes).
// Both were rewritten for speed nationally; each is held here to what the rule
// gives worked out from the stored rows the plain way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXCLUDE_COMMUNAL_SETTING } from '../../electron/analysis/analysis-scope';
import { areaCodes, geographies } from '../../electron/importers/project-tables';
import { areaPoints } from '../../electron/routing/project-inputs';
import { segmentBases } from '../../electron/routing/project-population';
import { setSetting } from '../../electron/store/meta';
import { requireSharedData } from '../support/requirements';
import { buildRutland, OAC, type RutlandProject } from '../support/rutland-project';

const haveRutland = requireSharedData('uk', 'rutland', 'oa11_boundaries.geojson') !== null;

describe.runIf(haveRutland)('a band table\'s inputs on Rutland', () => {
  let r: RutlandProject;
  beforeAll(async () => {
    r = await buildRutland({ population: { communal: true } });
  });
  afterAll(() => r?.cleanup());

  it('area points without names: the same points at each level (LSOAs through the parent chain), every name null', () => {
    expect(geographies(r.project.db).map((g) => g.level)).toEqual(['OA', 'LSOA']);
    for (const level of ['OA', 'LSOA']) {
      const named = areaPoints(r.project, level).points;
      expect(named.length).toBeGreaterThan(10);
      if (level === 'LSOA') expect(named.every((p) => p.name !== null)).toBe(true);
      expect(areaPoints(r.project, level, { names: false }).points).toEqual(named.map((p) => ({ ...p, name: null })));
    }
  });

  it('population: every area at the assignments\' level, in the table\'s order, less excluded areas and communal residents', () => {
    const { db } = r.project;
    // LSOA populations too, as a project holding both levels' TS001 would: they are no OA's base.
    db.prepare("INSERT INTO cgm_population (area_code, base_kind, count) SELECT code, 'persons', 1000 FROM area_lsoa").run();
    const oas = db.prepare('SELECT code FROM area_oa ORDER BY code').pluck().all() as string[];
    db.prepare("INSERT INTO cgm_excluded_areas (area_code, reason, excluded_at) VALUES (?, 'test', '2026-12-04')").run(oas[3]);
    setSetting(db, EXCLUDE_COMMUNAL_SETTING, true);
    const communal = db.prepare('SELECT count(*) FROM cgm_population WHERE communal > 0').pluck().get() as number;
    expect(communal).toBeGreaterThan(0);

    // The rule, the plain way: each row of the table, kept where its code's first level is the OAs' and it is not excluded;
    // less its communal residents, all of them, as OAC assigns every Rutland OA whole (communalResidents' condition).
    const levels = areaCodes(db);
    const rows = db.prepare("SELECT area_code, count, communal FROM cgm_population WHERE base_kind = 'persons'").all() as { area_code: string; count: number; communal: number | null }[];
    const want = rows
      .filter((row) => levels.get(row.area_code) === 'OA' && row.area_code !== oas[3])
      .map((row) => ({ areaCode: row.area_code, base: row.count - Math.min(row.communal ?? 0, row.count) }));
    // (2021 population against 2011 OAs: a few OAs have none.) The excluded OA had a row, and every LSOA its own.
    expect(want.length).toBeGreaterThan(100);
    expect(rows.some((row) => row.area_code === oas[3])).toBe(true);
    const lsoas = db.prepare('SELECT count(*) FROM area_lsoa').pluck().get() as number;
    expect(rows.length - want.length).toBe(lsoas + 1);
    const got = segmentBases(db, OAC);
    expect(got.level).toBe('OA');
    expect(got.population).toEqual(want);
    // Lifted to supergroups, the same population, and every base's segment a supergroup.
    const lifted = segmentBases(db, OAC, 'supergroup');
    expect(lifted.population).toEqual(want);
    const supergroups = new Set(db.prepare("SELECT code FROM cgm_segments WHERE scheme = ? AND level = 'supergroup'").pluck().all(OAC) as string[]);
    expect(lifted.bases.length).toBe(got.bases.length);
    expect(lifted.bases.every((b) => supergroups.has(b.segmentCode))).toBe(true);
  });

  it('population of a scheme assigned to codes of no level: the assigned codes\' rows; of a code in two levels: its first level\'s', () => {
    const { db } = r.project;
    db.prepare("INSERT INTO cgm_schemes (name) VALUES ('Elsewhere')").run();
    db.prepare("INSERT INTO cgm_segments (scheme, code, name, level) VALUES ('Elsewhere', 'S', 'S', 'segment')").run();
    for (const code of ['Z2', 'Z1']) db.prepare("INSERT INTO cgm_assignments (scheme, area_code, segment_code) VALUES ('Elsewhere', ?, 'S')").run(code);
    for (const [code, n] of [['Z2', 20], ['Z3', 30], ['Z1', 10]] as const) {
      db.prepare("INSERT INTO cgm_population (area_code, base_kind, count) VALUES (?, 'persons', ?)").run(code, n);
    }
    const elsewhere = segmentBases(db, 'Elsewhere');
    expect(elsewhere.level).toBeNull();
    // In the table's order, not the codes'; Z3 has people but no segment.
    expect(elsewhere.population).toEqual([{ areaCode: 'Z2', base: 20 }, { areaCode: 'Z1', base: 10 }]);

    // Assigned to an LSOA, the scheme's population is the LSOAs'; an LSOA code listed among the OAs too (a hand
    // edit) counts at the first level holding it, the OAs, with them.
    const lsoas = db.prepare('SELECT code FROM area_lsoa ORDER BY code').pluck().all() as string[];
    db.prepare("DELETE FROM cgm_assignments WHERE scheme = 'Elsewhere'").run();
    db.prepare("INSERT INTO cgm_assignments (scheme, area_code, segment_code) VALUES ('Elsewhere', ?, 'S')").run(lsoas[0]);
    const atLsoa = segmentBases(db, 'Elsewhere');
    expect(atLsoa.level).toBe('LSOA');
    expect(atLsoa.population.map((p) => p.areaCode).sort()).toEqual(lsoas);
    db.prepare("INSERT INTO area_oa (code, name) VALUES (?, 'listed twice')").run(lsoas[0]);
    const twice = segmentBases(db, 'Elsewhere');
    expect(twice.level).toBe('OA');
    const codes = twice.population.map((p) => p.areaCode);
    expect(codes).toContain(lsoas[0]);
    expect(codes.filter((c) => lsoas.includes(c))).toEqual([lsoas[0]]);
    expect(codes.length).toBeGreaterThan(100);
  });
});
