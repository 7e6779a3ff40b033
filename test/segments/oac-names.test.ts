// The built-in OAC names against published files: every name the Leeds OAC 2011
// lookup carries (the CDRC 2011 OAC Geodata Pack's own columns) must be ours,
// character for character; and the 2021 counts are the classification's 8/21/52.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { oacCodes, oacName, oacVersionOf } from '../../shared/segments/oac-names';
import { requireSharedData } from '../support/requirements';

const leeds = requireSharedData('uk', 'leeds-hyde-park', 'oac2011_by_oa.csv');

describe('built-in OAC names', () => {
  it.runIf(leeds)('match every supergroup, group and subgroup name in the Leeds OAC 2011 file exactly', () => {
    const [header, ...lines] = readFileSync(leeds!, 'utf8').trim().split(/\r?\n/);
    const cols = header.split(',');
    const pairs = [['supgrpcode', 'supgrpname'], ['grpcode', 'grpname'], ['subgrpcode', 'subgrpname']];
    let checked = 0;
    for (const line of lines) {
      const row = Object.fromEntries(line.split(',').map((v, i) => [cols[i], v]));
      for (const [code, name] of pairs) {
        expect(oacName('OAC 2011', row[code]), `${code} ${row[code]}`).toBe(row[name]);
        checked++;
      }
    }
    expect(checked).toBe(30);
  });

  it('has the published number of segments at each level', () => {
    // 2011 OAC: 8 supergroups, 26 groups, 76 subgroups; 2021 OAC: 8, 21, 52 (ONS / UCL releases).
    expect(['supergroup', 'group', 'subgroup'].map((l) => oacCodes('OAC 2011', l as 'group').length)).toEqual([8, 26, 76]);
    expect(['supergroup', 'group', 'subgroup'].map((l) => oacCodes('OAC 2021', l as 'group').length)).toEqual([8, 21, 52]);
    // Every group and subgroup sits under a code of the level above.
    for (const v of ['OAC 2011', 'OAC 2021'] as const) {
      for (const c of [...oacCodes(v, 'group'), ...oacCodes(v, 'subgroup')]) expect(oacName(v, c.slice(0, -1)), `${v} ${c}`).not.toBeNull();
    }
  });

  it('names 2021 codes as the 2021 release does, in any case, and not with 2011 names', () => {
    expect(oacName('OAC 2021', '1')).toBe('Retired Professionals');
    expect(oacName('OAC 2021', '7')).toBe('Semi- and Un-Skilled Workforce');
    expect(oacName('OAC 2021', '2B1')).toBe('Ageing Rural Communities');
    expect(oacName('OAC 2011', '1')).toBe('Rural Residents');
    expect(oacName('OAC 2021', '9z9')).toBeNull();
  });

  it('recognises a scheme declared as OAC 2011 or 2021, and nothing else', () => {
    expect(['OAC 2021', '2021 OAC', 'oac21', 'OAC_2011', 'OAC 2011 (Leeds)'].map(oacVersionOf)).toEqual(['OAC 2021', 'OAC 2021', 'OAC 2021', 'OAC 2011', 'OAC 2011']);
    expect(['OAC', 'Mosaic 2021', 'Acorn', 'Custom 2011'].map(oacVersionOf)).toEqual([null, null, null, null]);
  });
});
