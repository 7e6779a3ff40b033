// The base rule on its own: asked for > the scheme's own > the only one present; counts are their own base.
import { describe, expect, it } from 'vitest';
import { chooseBaseKind } from '../../shared/analysis/base-choice';

const oac = { scheme: 'OAC', countsOf: null, recorded: 'persons' as const };

describe('chooseBaseKind', () => {
  it('one segment per area: the base asked for, else the scheme\'s own, else the only one present', () => {
    expect(chooseBaseKind({ ...oac, requested: 'households', present: ['persons', 'households'] })).toBe('households');
    expect(chooseBaseKind({ ...oac, present: ['persons', 'households'] })).toBe('persons');
    expect(chooseBaseKind({ ...oac, present: ['households'] })).toBe('households');
  });

  it('refuses a base the project lacks, or none at all, saying what to import', () => {
    expect(() => chooseBaseKind({ ...oac, requested: 'persons', present: ['households'] })).toThrow(
      'the project has no persons base (it has households): import one with "cgm import population --base persons"',
    );
    expect(() => chooseBaseKind({ ...oac, present: [] })).toThrow('the project has no population base for scheme OAC: import one with "cgm import population --base persons"');
  });

  it('count-based schemes run on what their counts count, whatever population is present', () => {
    const mosaic = { scheme: 'Mosaic', countsOf: 'households' as const, recorded: 'households' as const, present: ['persons' as const] };
    expect(chooseBaseKind(mosaic)).toBe('households');
    expect(() => chooseBaseKind({ ...mosaic, requested: 'persons' })).toThrow('scheme Mosaic counts households, so it has no persons base');
  });
});
