import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvCell, neutraliseFormula, toCsv } from '../../electron/exports/csv-writer';

const read = (text: string) => parse(text, { bom: true, columns: true, record_delimiter: '\r\n' }) as Record<string, string>[];

describe('CSV for Excel', () => {
  it('starts with a UTF-8 BOM and ends every line with CRLF', () => {
    const text = toCsv([{ a: 1, b: 'x' }, { a: 2, b: 'y' }], [{ key: 'a' }, { key: 'b' }]);
    expect(Buffer.from(text, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(text.slice(1)).toBe('a,b\r\n1,x\r\n2,y\r\n');
  });

  it('quotes as RFC 4180 and round-trips through a real parser', () => {
    const rows = [{ name: 'Smith, "Jo"', note: 'line one\nline two', n: 3.5, none: null }];
    const text = toCsv(rows, [{ key: 'name' }, { key: 'note' }, { key: 'n' }, { key: 'none' }]);
    expect(text).toContain('"Smith, ""Jo"""');
    expect(read(text)).toEqual([{ name: 'Smith, "Jo"', note: 'line one\nline two', n: '3.5', none: '' }]);
  });

  it('neutralises text that a spreadsheet would run as a formula', () => {
    for (const attack of ['=HYPERLINK("http://x","y")', '+SUM(A1:A2)', '-2+3', '@SUM(1)', '\t=1', '\r=1', '=cmd|\' /C calc\'!A0']) {
      expect(neutraliseFormula(attack)).toBe(`'${attack}`);
      const cell = read(toCsv([{ v: attack }], [{ key: 'v' }]))[0].v;
      expect(cell.startsWith("'")).toBe(true);
    }
  });

  it('leaves numbers and plain numeric text alone, so -0.5 stays a number', () => {
    expect(csvCell(-0.5)).toBe('-0.5');
    for (const n of ['-0.5', '+3', '-1e-3', '12', '.5']) expect(neutraliseFormula(n)).toBe(n);
    expect(csvCell('Kestrelford Health Centre')).toBe('Kestrelford Health Centre');
    expect(csvCell(Number.NaN)).toBe('');
  });
});
