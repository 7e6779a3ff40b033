// The --where grammar shared by `cgm import sites --where` and the import dialog's filter.
import { describe, expect, it } from 'vitest';
import { proposedRowFilter } from '../../shared/import/proposed-filter';
import { conditionHolds, formatRowFilter, parseRowFilter, rowKept, RowFilterError, type RowCondition } from '../../shared/import/row-filter';

describe('parseRowFilter', () => {
  it('reads the old field=value[,field=value] form unchanged', () => {
    expect(parseRowFilter('status_code=A,prescribing_setting=4')).toEqual([
      { field: 'status_code', operator: '=', value: 'A' },
      { field: 'prescribing_setting', operator: '=', value: '4' },
    ]);
    // As before: spaces around a condition go, and everything after the first "=" is the value.
    expect(parseRowFilter(' code = a=b , ')).toEqual([{ field: 'code', operator: '=', value: 'a=b' }]);
  });

  it('reads every operator, the two-character ones before their one-character prefixes', () => {
    const ops = parseRowFilter('a!=1,b<2,c<=3,d>4,e>=5,f~six').map((c) => c.operator);
    expect(ops).toEqual(['!=', '<', '<=', '>', '>=', '~']);
  });

  it('keeps commas and quotes inside a double-quoted value', () => {
    expect(parseRowFilter('name="SMITH, JONES & CO",x=1')).toEqual([
      { field: 'name', operator: '=', value: 'SMITH, JONES & CO' },
      { field: 'x', operator: '=', value: '1' },
    ]);
    expect(parseRowFilter('name="THE ""NEW"" SURGERY"')[0].value).toBe('THE "NEW" SURGERY');
    expect(parseRowFilter('close_date=""')[0]).toEqual({ field: 'close_date', operator: '=', value: '' });
  });

  it('keeps every row for an empty filter', () => {
    expect(parseRowFilter('')).toEqual([]);
    expect(parseRowFilter(undefined)).toEqual([]);
    expect(parseRowFilter(' , ')).toEqual([]);
  });

  it('refuses what it cannot read, saying what it expected', () => {
    expect(() => parseRowFilter('status_code')).toThrow(/"status_code": expected field=value/);
    expect(() => parseRowFilter('=A')).toThrow(/expected field=value/);
    expect(() => parseRowFilter('a!b')).toThrow(/"!" must be followed by "="/);
    expect(() => parseRowFilter('size>=big')).toThrow(/>= compares numbers, and "big" is not a number/);
    expect(() => parseRowFilter('name="open')).toThrow(RowFilterError);
    expect(() => parseRowFilter('name="a"b')).toThrow(/after the closing double quote/);
    expect(() => parseRowFilter('name=a"b"c')).toThrow(/in double quotes/);
  });
});

describe('formatRowFilter', () => {
  it('writes text that parses back to the same conditions', () => {
    const conditions: RowCondition[] = [
      { field: 'status_code', operator: '=', value: 'A' },
      { field: 'name', operator: '~', value: 'Smith, Jones' },
      { field: 'note', operator: '!=', value: 'say "hi"' },
      { field: 'close_date', operator: '=', value: '' },
      { field: 'padded', operator: '=', value: ' x ' },
      { field: 'list_size', operator: '>=', value: '1000' },
    ];
    const text = formatRowFilter(conditions);
    expect(text.startsWith('status_code=A,name~"Smith, Jones",note!="say ""hi"""')).toBe(true);
    expect(parseRowFilter(text)).toEqual(conditions);
  });
});

describe('conditionHolds', () => {
  it('compares text exactly, contains ignoring case, and numbers as numbers', () => {
    expect(conditionHolds({ field: 'f', operator: '=', value: 'A' }, 'A')).toBe(true);
    expect(conditionHolds({ field: 'f', operator: '=', value: 'A' }, 'a')).toBe(false);
    expect(conditionHolds({ field: 'f', operator: '!=', value: 'C' }, 'A')).toBe(true);
    expect(conditionHolds({ field: 'f', operator: '~', value: 'surgery' }, 'THE UPPINGHAM SURGERY')).toBe(true);
    // 10 > 9 as numbers, though "10" < "9" as text.
    expect(conditionHolds({ field: 'f', operator: '>', value: '9' }, '10')).toBe(true);
    expect(conditionHolds({ field: 'f', operator: '<=', value: '4' }, '4')).toBe(true);
    expect(conditionHolds({ field: 'f', operator: '<', value: '4' }, '4')).toBe(false);
    // A cell that is not a number passes no numeric test.
    expect(conditionHolds({ field: 'f', operator: '>', value: '0' }, '')).toBe(false);
    expect(conditionHolds({ field: 'f', operator: '<', value: '9' }, 'n/a')).toBe(false);
  });

  it('keeps a row only when every condition holds', () => {
    const row: Record<string, string> = { status_code: 'A', prescribing_setting: '2' };
    const active = parseRowFilter('status_code=A');
    expect(rowKept(active, (f) => row[f])).toBe(true);
    expect(rowKept(parseRowFilter('status_code=A,prescribing_setting=4'), (f) => row[f])).toBe(false);
    expect(rowKept([], () => '')).toBe(true);
  });
});

describe('proposedRowFilter', () => {
  it('proposes active GP practices for an epraccur file, in its own spelling of the columns', () => {
    const p = proposedRowFilter(['ODS_CODE', 'Status_Code', 'PRESCRIBING_SETTING']);
    expect(p && formatRowFilter(p.conditions)).toBe('Status_Code=A,PRESCRIBING_SETTING=4');
    expect(proposedRowFilter(['code', 'status_code'])?.conditions).toEqual([{ field: 'status_code', operator: '=', value: 'A' }]);
    expect(proposedRowFilter(['name', 'lat', 'lon'])).toBeNull();
  });
});
