import * as turf from '@turf/turf';
import OpeningHours from 'opening_hours';
import { describe, expect, it } from 'vitest';
import { UK_POSTCODE, loadDemoTown } from './demo-town-fixture';

const town = loadDemoTown();
const sites = town.csv('service_sites.csv');
const users = town.csv('service_users.csv');
const directory = new Map(town.csv('postcodes.csv').map((p) => [p.postcode, p]));

const normalise = (pc: string) => {
  const s = pc.toUpperCase().replace(/\s+/g, '');
  return s.length > 3 ? `${s.slice(0, -3)} ${s.slice(-3)}` : s;
};

describe('demo town service sites', () => {
  it('lists six sites with well-formed OSM opening hours', () => {
    expect(town.csvHeader('service_sites.csv')).toEqual(['site_name', 'site_type', 'lat', 'lon', 'postcode', 'opening_hours']);
    expect(sites).toHaveLength(6);
    expect(new Set(sites.map((s) => s.site_type))).toEqual(new Set(['GP practice', 'Pharmacy', 'Community hub']));
    for (const s of sites) {
      expect(() => new OpeningHours(s.opening_hours), s.opening_hours).not.toThrow();
      expect(directory.has(s.postcode), s.postcode).toBe(true);
      const inside = town.oas.features.some((f) => turf.booleanPointInPolygon([Number(s.lon), Number(s.lat)], f));
      expect(inside, s.site_name).toBe(true);
    }
    expect(sites.map((s) => s.opening_hours)).toContain('Mo-Fr 09:00-17:00');
    expect(sites.map((s) => s.opening_hours)).toContain('Mo-Fr 09:00-20:00; Sa 10:00-14:00');
  });
});

describe('demo town service users', () => {
  it('looks like a real client extract, personal fields included', () => {
    expect(town.csvHeader('service_users.csv')).toEqual([
      'client_ref', 'nhs_number', 'first_name', 'surname', 'post_code', 'referral_date', 'age', 'sex',
    ]);
    expect(users.length).toBeGreaterThanOrEqual(1900);
    expect(users.length).toBeLessThanOrEqual(2100);
    for (const u of users) {
      expect(u.nhs_number).toMatch(/^999\d{7}$/);
      const sum = [...u.nhs_number.slice(0, 9)].reduce((s, d, i) => s + Number(d) * (10 - i), 0);
      expect((11 - (sum % 11)) % 11).toBe(Number(u.nhs_number[9]));
      expect(u.first_name).toBeTruthy();
      expect(u.surname).toBeTruthy();
      expect(u.referral_date).toMatch(/^(2023-(0[4-9]|1[0-2])|2024-0[1-3])-\d{2}$/);
      expect(Number(u.age)).toBeGreaterThanOrEqual(16);
      expect(['F', 'M']).toContain(u.sex);
    }
    expect(new Set(users.map((u) => u.client_ref)).size).toBe(users.length);
    expect(new Set(users.map((u) => u.nhs_number)).size).toBe(users.length);
  });

  it('carries the usual postcode problems in small, known numbers', () => {
    const kinds = { clean: 0, untidy: 0, invalid: 0, notInDirectory: 0, pseudo: 0 };
    for (const { post_code: raw } of users) {
      const pc = normalise(raw);
      if (pc.startsWith('ZZ99')) kinds.pseudo++;
      else if (!UK_POSTCODE.test(pc)) kinds.invalid++;
      else if (!directory.has(pc)) kinds.notInDirectory++;
      else if (pc !== raw) kinds.untidy++;
      else kinds.clean++;
    }
    expect(kinds).toEqual({ clean: users.length - 20, untidy: 8, invalid: 5, notInDirectory: 5, pseudo: 2 });
  });
});

describe('the gaps planted in the demo town', () => {
  const residents = new Map(town.csv('population.csv').map((r) => [r.oa_code, Number(r.usual_residents)]));
  const supergroup = new Map(town.csv('oac_assignments.csv').map((r) => [r.oa_code, r.supergroup]));
  const prevalence = new Map(town.csv('smoking_rates.csv').map((r) => [r.segment_code, Number(r.prevalence)]));
  const centres = new Map(town.oas.features.map((f) => [f.properties.OA11CD, turf.centroid(f)]));
  const sitePoints = sites.map((s) => ({ site: s, at: turf.point([Number(s.lon), Number(s.lat)]) }));
  const nearestSite = (oa: string) =>
    sitePoints
      .map((s) => ({ ...s, km: turf.distance(centres.get(oa)!, s.at) }))
      .sort((a, b) => a.km - b.km)[0];

  const usersBySegment = new Map<string, number>();
  for (const u of users) {
    const p = directory.get(normalise(u.post_code));
    if (p) usersBySegment.set(supergroup.get(p.oa11cd)!, (usersBySegment.get(supergroup.get(p.oa11cd)!) ?? 0) + 1);
  }
  const smokersBySegment = new Map<string, number>();
  for (const [oa, n] of residents) {
    const sg = supergroup.get(oa)!;
    smokersBySegment.set(sg, (smokersBySegment.get(sg) ?? 0) + n * prevalence.get(sg)!);
  }
  const uptake = (sg: string) => usersBySegment.get(sg)! / smokersBySegment.get(sg)!;
  const allUsers = [...usersBySegment.values()].reduce((a, b) => a + b, 0);
  const overall = allUsers / [...smokersBySegment.values()].reduce((a, b) => a + b, 0);
  const oasOf = (sg: string) => [...supergroup].filter(([, s]) => s === sg).map(([oa]) => oa);
  const meanKm = (oas: string[]) => oas.reduce((s, oa) => s + nearestSite(oa).km, 0) / oas.length;

  it('accessibility: the highest-need segment lives far from every site', () => {
    const highest = [...prevalence].sort((a, b) => b[1] - a[1])[0][0];
    expect(highest).toBe('7');
    expect(meanKm(oasOf('7'))).toBeGreaterThan(1.5);
    expect(uptake('7')).toBeLessThan(overall);
  });

  it('availability: working-age Urbanites near an office-hours-only site rarely come forward', () => {
    expect(meanKm(oasOf('5'))).toBeLessThan(1);
    expect(uptake('5')).toBeLessThan(0.6 * overall);
    const saturday = new Date(2024, 0, 13, 11, 0);
    const weekdayEvening = new Date(2024, 0, 10, 18, 30);
    const nearby = oasOf('5').map((oa) => nearestSite(oa).site);
    const officeOnly = nearby.filter((s) => {
      const oh = new OpeningHours(s.opening_hours);
      return !oh.getState(saturday) && !oh.getState(weekdayEvening);
    });
    expect(officeOnly.length / nearby.length).toBeGreaterThan(0.5);
  });

  it('awareness: Ethnicity Central areas near well-served sites under-use them', () => {
    expect(meanKm(oasOf('3'))).toBeLessThan(1);
    expect(uptake('3')).toBeLessThan(0.6 * overall);
    // Their nearest sites open beyond office hours, so the availability rule stays quiet.
    const weekdayEvening = new Date(2024, 0, 10, 18, 0);
    const nearby = oasOf('3').map((oa) => nearestSite(oa).site);
    const extended = nearby.filter((s) => new OpeningHours(s.opening_hours).getState(weekdayEvening));
    expect(extended.length / nearby.length).toBeGreaterThan(0.5);
  });
});
