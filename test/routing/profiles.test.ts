import { describe, expect, it } from 'vitest';
import { canonicalProfile, defaultProfile, parseProfile } from '../../shared/travel/profiles';

describe('travel profiles', () => {
  it('walk: 4.8 km/h on the 20 listed highway values, no one-way', () => {
    const walk = defaultProfile('walk');
    expect(Object.keys(walk.speedsKmh).sort()).toEqual(
      ['bridleway', 'cycleway', 'footway', 'living_street', 'path', 'pedestrian', 'primary', 'primary_link', 'residential',
        'road', 'secondary', 'secondary_link', 'service', 'steps', 'tertiary', 'tertiary_link', 'track', 'trunk',
        'trunk_link', 'unclassified'],
    );
    expect(new Set(Object.values(walk.speedsKmh))).toEqual(new Set([4.8]));
    expect(walk.respectOneway).toBe(false);
  });
  it('drive: the issue speeds', () => {
    expect(defaultProfile('drive').speedsKmh).toEqual({
      motorway: 96, motorway_link: 48, trunk: 80, trunk_link: 40, primary: 64, primary_link: 40, secondary: 56,
      secondary_link: 40, tertiary: 48, tertiary_link: 32, unclassified: 40, residential: 32, living_street: 16,
      service: 16, road: 32,
    });
    expect(defaultProfile('drive').respectOneway).toBe(true);
  });
  it('defaultProfile returns a copy', () => {
    defaultProfile('drive').speedsKmh.motorway = 1;
    expect(defaultProfile('drive').speedsKmh.motorway).toBe(96);
  });
  it('rejects bad profiles and keys the same profile the same way', () => {
    expect(() => parseProfile({ mode: 'cycle', speedsKmh: {}, respectOneway: false })).toThrow();
    expect(() => parseProfile({ mode: 'walk', speedsKmh: { footway: 0 }, respectOneway: false })).toThrow();
    const a = parseProfile({ mode: 'walk', speedsKmh: { a: 1, b: 2 }, respectOneway: false });
    const b = parseProfile({ respectOneway: false, speedsKmh: { b: 2, a: 1 }, mode: 'walk' });
    expect(canonicalProfile(a)).toBe(canonicalProfile(b));
  });
});
