// A synthetic extract of stop-smoking service clients, shaped like a real
// case-management export: names, NHS numbers and full postcodes included,
// because the importer's job is to aggregate them away.
//
// Who comes forward: need (population x illustrative prevalence) x how
// readily the segment engages x a decay with distance to the nearest site.
// That plants the accessibility, availability and awareness gaps described
// in town-plan.ts.
import type { Rng } from './prng';
import { distance } from './planar';
import { supergroupByCode } from './oac-classes';
import { FEMALE_NAMES, MALE_NAMES, SURNAMES } from './person-names';
import type { PostcodeUnit } from './postcode-directory';
import type { ServiceSite } from './service-sites';
import type { OutputArea } from './town-zones';

export interface ServiceUserRow {
  clientRef: string;
  nhsNumber: string;
  firstName: string;
  surname: string;
  postCode: string;
  referralDate: string;
  age: number;
  sex: 'F' | 'M';
}

export const USER_COUNT = 2000;
/** Half the pull of a site is lost by about 550 m away. */
const DECAY_METRES = 800;
const FY_START = Date.UTC(2023, 3, 1);

/** The share of clients a zone would send, before sampling. */
export function expectedUseWeight(oa: OutputArea, sites: readonly ServiceSite[]): number {
  const seg = supergroupByCode(oa.supergroup);
  const nearest = Math.min(...sites.map((s) => distance(s.at, oa.centre)));
  return oa.residents * seg.smokingPrevalence * seg.uptakeFactor * (0.12 + 0.88 * Math.exp(-nearest / DECAY_METRES));
}

export function buildServiceUsers(
  oas: readonly OutputArea[],
  sites: readonly ServiceSite[],
  postcodes: readonly PostcodeUnit[],
  rng: Rng,
): ServiceUserRow[] {
  const byOa = new Map<string, PostcodeUnit[]>();
  for (const p of postcodes) byOa.set(p.oaCode, [...(byOa.get(p.oaCode) ?? []), p]);
  const weights = oas.map((oa) => expectedUseWeight(oa, sites));
  const nhsNumbers = new Set<string>();
  const rows: Omit<ServiceUserRow, 'clientRef'>[] = [];
  for (let i = 0; i < USER_COUNT; i++) {
    const oa = oas[rng.weightedIndex(weights)];
    const sex = rng.chance(0.52) ? 'F' : 'M';
    rows.push({
      nhsNumber: testNhsNumber(rng, nhsNumbers),
      firstName: rng.pick(sex === 'F' ? FEMALE_NAMES : MALE_NAMES),
      surname: rng.pick(SURNAMES),
      postCode: rng.pick(byOa.get(oa.code)!).postcode,
      referralDate: new Date(FY_START + rng.int(0, 365) * 86_400_000).toISOString().slice(0, 10),
      age: Math.round(Math.min(89, Math.max(16, rng.normal(supergroupByCode(oa.supergroup).meanAge, 13)))),
      sex,
    });
  }
  rows.sort((a, b) => (a.referralDate < b.referralDate ? -1 : a.referralDate > b.referralDate ? 1 : 0));
  const users = rows.map((r, i) => ({ clientRef: `SSS${String(100001 + i)}`, ...r }));
  addDataEntryProblems(users, new Set(postcodes.map((p) => p.postcode)), rng);
  return users;
}

/**
 * NHS numbers in the 999 range, which the NHS reserves for testing, with a
 * valid Modulus 11 check digit so validators accept them as well-formed.
 */
function testNhsNumber(rng: Rng, used: Set<string>): string {
  for (;;) {
    const body = '999' + String(rng.int(0, 999_999)).padStart(6, '0');
    const sum = [...body].reduce((s, d, i) => s + Number(d) * (10 - i), 0);
    const check = (11 - (sum % 11)) % 11;
    if (check === 10) continue;
    const nhs = body + check;
    if (used.has(nhs)) continue;
    used.add(nhs);
    return nhs;
  }
}

/** The mess found in every real extract, in known quantities. */
export const PROBLEM_COUNTS = { invalid: 5, untidy: 8, notInDirectory: 5, pseudo: 2 } as const;

function addDataEntryProblems(users: ServiceUserRow[], directory: Set<string>, rng: Rng) {
  const picks = rng.shuffle(users.map((_, i) => i));
  let next = 0;
  const take = () => users[picks[next++]];
  for (const bad of ['AB1 2', 'KF3', 'N/A', '', '12345']) take().postCode = bad;
  const untidy = [
    (pc: string) => pc.toLowerCase(),
    (pc: string) => pc.replace(' ', ''),
    (pc: string) => pc.toLowerCase().replace(' ', ''),
    (pc: string) => ` ${pc} `,
    (pc: string) => pc.replace(' ', '  '),
  ];
  for (let i = 0; i < PROBLEM_COUNTS.untidy; i++) {
    const user = take();
    user.postCode = untidy[i % untidy.length](user.postCode);
  }
  // Well-formed postcodes that the directory does not hold (new builds, typos).
  for (let i = 0; i < PROBLEM_COUNTS.notInDirectory; i++) {
    let pc: string;
    do pc = `KF${rng.pick([8, 9])} ${rng.int(1, 9)}${rng.pick([...'ABDEFGHJLN'])}${rng.pick([...'PQRSTUWXYZ'])}`;
    while (directory.has(pc));
    take().postCode = pc;
  }
  // NHS pseudo-postcode for "no fixed abode".
  for (let i = 0; i < PROBLEM_COUNTS.pseudo; i++) take().postCode = 'ZZ99 3VZ';
}
