// Attribution of users to segments on small hand-written layouts (15.2, 15.3, 15.7).
import { describe, expect, it } from 'vitest';
import { attributeUsers, profileUsersShown } from '../../shared/analysis/attribution';

// Area A: Mosaic-like household counts X 1, Y 2. Area B: one segment Z (OAC-like), base 50.
// Area C: in the boundaries (child of LSOA L1) but with no base. Area D: child of L2, whose base is given at L2.
const bases = [
  { areaCode: 'A', segmentCode: 'X', base: 1 },
  { areaCode: 'A', segmentCode: 'Y', base: 2 },
  { areaCode: 'B', segmentCode: 'Z', base: 50 },
  { areaCode: 'L2', segmentCode: 'Z', base: 40 },
];
const parents = { A: 'L1', B: 'L1', C: 'L1', D: 'L2' };

describe('attributeUsers', () => {
  it('shares unsegmented users by the area\'s counts (10 → 10/3 and 20/3), keeps known segments, and leaves out areas without a base', () => {
    const r = attributeUsers(
      [
        { areaCode: 'A', segmentCode: null, count: 10 },
        { areaCode: 'A', segmentCode: 'Y', source: 'postcode', count: 4 },
        { areaCode: 'A', segmentCode: 'X', source: 'users-file', count: 1 },
        { areaCode: 'B', segmentCode: null, count: 7 },
        { areaCode: 'C', segmentCode: 'Z', source: 'postcode', count: 3 },
        { areaCode: 'D', segmentCode: null, count: 2 },
      ],
      bases,
      parents,
    );
    const cell = (a: string, s: string) => r.rows.find((x) => x.areaCode === a && x.segmentCode === s)?.users;
    // A: X 10 × 1/3 + 1 = 4.333…, Y 10 × 2/3 + 4 = 10.667…; B's one segment takes all 7; D's 2 count at L2, the level its base is at.
    expect(cell('A', 'X')).toBeCloseTo(10 / 3 + 1, 12);
    expect(cell('A', 'Y')).toBeCloseTo(20 / 3 + 4, 12);
    expect(cell('B', 'Z')).toBe(7);
    expect(cell('L2', 'Z')).toBe(2);
    expect(r.bySource).toEqual({ 'users-file': 1, postcode: 4, area: 9, 'area-proportion': 10 });
    // C has no base, so its 3 users are left out even though the postcode gave them a segment.
    expect(r.leftOut).toEqual({ users: 3, areas: ['C'] });
  });

  it('keeps a users-file segment the area\'s bases do not list as a cell of its own, rows in the order users first reach them', () => {
    // A's base lists X twice (1 + 3 = 4) and Y 2: unsegmented users split 4/6 and 2/6. W is not in A's base.
    const r = attributeUsers(
      [
        { areaCode: 'A', segmentCode: 'W', source: 'users-file', count: 2 },
        { areaCode: 'A', segmentCode: null, count: 6 },
        { areaCode: 'A', segmentCode: 'W', source: 'users-file', count: 1 },
        { areaCode: 'A', segmentCode: 'Y', source: 'postcode', count: 5 },
      ],
      [...bases, { areaCode: 'A', segmentCode: 'X', base: 3 }],
      parents,
    );
    expect(r.rows).toEqual([
      { areaCode: 'A', segmentCode: 'W', users: 3 },
      { areaCode: 'A', segmentCode: 'X', users: 4 },
      { areaCode: 'A', segmentCode: 'Y', users: 2 + 5 },
    ]);
    expect(r.bySource).toEqual({ 'users-file': 3, postcode: 5, area: 0, 'area-proportion': 6 });
  });

  it('exact views show attributed users to one decimal place; whole counts are unchanged', () => {
    expect(profileUsersShown(10 / 3 + 1)).toBe(4.3);
    expect(profileUsersShown(20 / 3 + 4)).toBe(10.7);
    expect(profileUsersShown(58)).toBe(58);
  });
});
