// The map's figures of a level no finer area lifts into, read by SQLite's join
// on the code (electron/store/area-figures.ts), are the ones the general
// reading (finer areas lifted, Maps of codes) gives: on real Rutland, whose
// OAs are the finest level and whose LSOAs are not, and on areas given
// several segments by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPopulation } from '../../electron/importers/index';
import { areaFigures, liftedFigures, ownFigures } from '../../electron/services/area-layer';
import { areasLiftInto } from '../../electron/store/area-figures';
import { areaCodes } from '../../electron/store/gpkg-columns';
import { buildRutland, OAC, readRutlandCsv, rutlandFile, type RutlandProject } from '../support/rutland-project';

let rutland: RutlandProject;

beforeAll(async () => {
  rutland = await buildRutland({ postcodes: false, sites: false });
  // TS045's households as the households base, so the households column is read too.
  await importPopulation(rutland.project, rutlandFile('car_availability_census2021_ts045_by_oa.csv'), { areaField: 'oa_code', countField: 'households', base: 'households' });
}, 120_000);

afterAll(() => rutland?.cleanup());

const db = () => rutland.project.db;
const figures = (level: string, scheme?: string, segmentLevel?: string) => ({
  own: ownFigures(db(), level === 'OA' ? 'area_oa' : 'area_lsoa', scheme, segmentLevel),
  lifted: liftedFigures(db(), level, areaCodes(db(), level === 'OA' ? 'area_oa' : 'area_lsoa'), scheme, segmentLevel),
});

describe('area figures read by the join', () => {
  it('are read so only for the finest level: OAs lift into the LSOAs (their parent codes), nothing into the OAs', () => {
    expect(areasLiftInto(db(), 'area_oa')).toBe(false);
    expect(areasLiftInto(db(), 'area_lsoa')).toBe(true);
  });

  for (const [scheme, segmentLevel] of [[OAC, 'supergroup'], [OAC, 'group'], [OAC, undefined], [undefined, undefined]] as const) {
    it(`give the general reading's figures on Rutland's OAs (${scheme ?? 'no scheme'}, ${segmentLevel ?? 'as assigned'})`, () => {
      const { own, lifted } = figures('OA', scheme, segmentLevel);
      expect(own).toEqual(lifted);
      expect(own.map((f) => f.name)).toEqual(scheme ? ['population', 'households', 'segment'] : ['population', 'households']);
    });
  }

  it('hold the files’ own figures, and areaFigures takes the join for OAs', () => {
    const residents = new Map(readRutlandCsv('population_census2021_ts001_by_oa.csv').map((r) => [r.oa_code, Number(r.usual_residents)]));
    const households = new Map(readRutlandCsv('car_availability_census2021_ts045_by_oa.csv').map((r) => [r.oa_code, Number(r.households)]));
    const codes = areaCodes(db(), 'area_oa');
    const [population, hh] = areaFigures(db(), 'OA', codes);
    expect(population.values).toEqual(codes.map((c) => residents.get(c) ?? null));
    expect(hh.values).toEqual(codes.map((c) => households.get(c) ?? null));
    // TS045 E00069587: 57 households (rutland-bases.test.ts).
    expect(hh.values[codes.indexOf('E00069587')]).toBe(57);
  });

  it('give an area with several segments the heaviest after lifting, a tie to the lowest code, as the general reading does', () => {
    const codes = areaCodes(db(), 'area_oa');
    const [a, b, c] = [codes[0], codes[1], codes[2]];
    const put = db().prepare('INSERT OR REPLACE INTO cgm_assignments (scheme, area_code, segment_code, count) VALUES (?, ?, ?, ?)');
    db().prepare('DELETE FROM cgm_assignments WHERE area_code IN (?, ?, ?)').run(a, b, c);
    // a: groups 1a 30 + 1b 25 (supergroup 1: 55) against 2a 50 → 2a as assigned, 1 by supergroup.
    put.run(OAC, a, '1a', 30);
    put.run(OAC, a, '1b', 25);
    put.run(OAC, a, '2a', 50);
    // b: 6a 40 against 7a 40, a tie → 6a (and 6 by supergroup).
    put.run(OAC, b, '7a', 40);
    put.run(OAC, b, '6a', 40);
    // c: 7b with no count (it weighs the OA's residents) against 6b 1 → 7b, 7.
    put.run(OAC, c, '7b', null);
    put.run(OAC, c, '6b', 1);
    const at = (segmentLevel?: string) => {
      const { own, lifted } = figures('OA', OAC, segmentLevel);
      expect(own).toEqual(lifted);
      const segment = own.find((f) => f.name === 'segment')!.values;
      return [segment[0], segment[1], segment[2]];
    };
    expect(at()).toEqual(['2a', '6a', '7b']);
    expect(at('supergroup')).toEqual(['1', '6', '7']);
  });
});
