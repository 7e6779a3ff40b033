// The fast CSV splitter against csv-parse (the parser it replaced, with the
// options the importers used) as the oracle: the same records, blank rows
// marked, and the same fault code, record count and field index, however the
// text is cut into chunks (a chunk edge can fall inside a quote, a "" escape or a CR LF).
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CellSpans } from '../../electron/importers/csv-spans';
import { CsvFault, CsvSplitter } from '../../electron/importers/csv-split';

const MAX = 4 * 1024 * 1024;

function oracle(text: string): { records: string[][] } | { code: string; records: number; column: number } {
  try {
    const records = parse(text, { relax_column_count: true, skip_empty_lines: false, trim: false, max_record_size: MAX }) as string[][];
    return { records: records.map((r) => (r.every((v) => v.trim() === '') ? [] : r)) };
  } catch (e) {
    const f = e as { code: string; records: number; column: number };
    return { code: f.code, records: f.records, column: f.column };
  }
}

function split(text: string, cuts: number[], columns?: number[]): ReturnType<typeof oracle> {
  const s = new CsvSplitter(',', MAX, columns);
  const out: string[][] = [];
  try {
    let at = 0;
    for (const c of [...cuts, text.length]) {
      s.push(text.slice(at, c), out);
      at = c;
    }
    s.end(out);
    return { records: out };
  } catch (e) {
    if (!(e instanceof CsvFault)) throw e;
    return { code: e.code, records: e.records, column: e.column };
  }
}

const CASES = [
  'a,b,c\n1,2,3\n4,5,6\n',
  'a,b,c\r\n1,2,3\r\n4,5,6',
  'a,b\n"x,y",2\n"he said ""hi""",3\n',
  'a,b\r\n"line one\r\nline two",2\r\n3,4\r\n',
  'a,b\n\n , \n1,2\n,\n',
  'a,b\n1\n1,2,3,4\n',
  'a,b\n"",""\n"x",\n',
  'a,b\r\nlone\nlf,2\r\n',
  'a,b\n1,x"y\n',
  'a,b\n"x"y,2\n',
  'a,b\n1,2\n"never closed,3\n',
  'a,"b"\n"1" ,2\n',
  'a;b,c\n1;2,3\n',
];

describe('CsvSplitter', () => {
  it.each(CASES.map((c) => [JSON.stringify(c), c]))('%s: as csv-parse, at every chunk edge', (_name, text) => {
    const expected = oracle(text);
    expect(split(text, [])).toEqual(expected);
    for (let cut = 1; cut < text.length; cut++) expect(split(text, [cut]), `cut at ${cut}`).toEqual(expected);
    for (let a = 1; a < text.length - 1; a++) expect(split(text, [a, a + 1]), `cuts at ${a}, ${a + 1}`).toEqual(expected);
  });

  it('keeps only the asked columns of quote-free lines, others read as missing', () => {
    const out: string[][] = [];
    const s = new CsvSplitter(',', MAX, [0, 2]);
    s.push('a,b,c,d\n1,2,3,4\n5\n,,,\n"q,x",y,z\n', out);
    s.end(out);
    expect(out[1][0]).toBe('1');
    expect(out[1][2]).toBe('3');
    expect(out[1][1]).toBeUndefined();
    expect(out[1][3]).toBeUndefined();
    expect(out[2][0]).toBe('5');
    expect(out[3]).toEqual([]); // a blank row, marked for skipping
    expect(out[4]).toEqual(['q,x', '', 'z']); // a quoted line: the others read as ''
  });

  // Given columns, a record must hold the oracle's value in each of them and nothing
  // else that reads as a value, be marked blank exactly when the oracle's is, and fail
  // as the oracle fails; blank-looking cells outside the columns (quoted spaces, a
  // non-breaking space, a lone "" escape) decide whether a row is blank.
  const PARTIAL = [
    ...CASES,
    'a,b,c\n"  ",,"x"\n" ",  ,\n"\u00a0",,\n"""",,\n\u00a0x,"",\n"a\nb",1,"c,d"\n',
    'ref,name,pc,date,notes\nC1,"Ann, B",LE15 6NT,01/02/2023,"called\ntwice"\nC2,"",,,""\n,"  ",,,\n',
  ];
  it.each(PARTIAL.map((c) => [JSON.stringify(c), c]))('%s: only the asked columns, as csv-parse at every chunk edge', (_name, text) => {
    const full = oracle(text);
    for (const columns of [[0], [1], [2], [0, 2], [3]]) {
      const project = (got: ReturnType<typeof oracle>) =>
        !('code' in got) ? { records: got.records.map((r) => (r.length === 0 ? [] : columns.map((c) => r[c] ?? ''))) } : got;
      const expected = project(full);
      expect(project(split(text, [], columns)), `columns ${columns}`).toEqual(expected);
      for (let cut = 1; cut < text.length; cut++) expect(project(split(text, [cut], columns)), `columns ${columns}, cut at ${cut}`).toEqual(expected);
      // Nothing outside the columns reads as a value.
      const got = split(text, [], columns);
      if (!('code' in got)) for (const r of got.records) r.forEach((v, c) => { if (!columns.includes(c)) expect(v ?? '').toBe(''); });
    }
  });

  // Spans (the national imports) read quoted records in place, building only a requested cell with
  // doubled quotes: at every chunk edge they must give the oracle's rows (row numbers from 2, blank
  // rows left out), cells trimmed as cell() trims them, and the oracle's fault.
  function spans(text: string, cuts: number[], columns: number[]): { rows: [number, string[]][] } | { code: string; records: number; column: number } {
    const s = new CsvSplitter(',', MAX, columns);
    const out = new CellSpans(columns);
    const rows: [number, string[]][] = [];
    const take = () => { out.finish(); for (let r = 0; r < out.count; r++) rows.push([out.rows[r], columns.map((_, k) => out.cell(r, k))]); };
    try {
      let at = 0;
      for (const c of [...cuts, text.length]) {
        s.push(text.slice(at, c), out);
        take();
        at = c;
      }
      s.end(out);
      take();
      return { rows };
    } catch (e) {
      if (!(e instanceof CsvFault)) throw e;
      return { code: e.code, records: e.records, column: e.column };
    }
  }
  const QUOTED = [...PARTIAL, 'a,b,c\n" x ""q"" y ",2,"""z"""\n"",""" ""","  "\n', 'a,b\r\n"1\r\n2", " p "\r\n"",\r\n'];
  it.each(QUOTED.map((c) => [JSON.stringify(c), c]))("%s: as spans, the oracle's rows and cells at every chunk edge", (_name, text) => {
    const full = oracle(text);
    for (const columns of [[0], [1], [2], [0, 2], [3], [2, 0, 1]]) {
      const expected = 'code' in full ? full : {
        rows: full.records.flatMap((r, i) => (i === 0 || r.length === 0 ? [] : [[i + 1, columns.map((c) => (r[c] ?? '').trim())] as [number, string[]]])),
      };
      expect(spans(text, [], columns), `columns ${columns}`).toEqual(expected);
      for (let cut = 1; cut < text.length; cut++) expect(spans(text, [cut], columns), `columns ${columns}, cut at ${cut}`).toEqual(expected);
    }
  });

  it('refuses a record longer than the limit, even when it never ends', () => {
    const s = new CsvSplitter(',', 100);
    const out: string[][] = [];
    s.push('a,b\n', out);
    expect(() => s.push(`"${'x'.repeat(200)}`, out)).toThrow(expect.objectContaining({ code: 'CSV_MAX_RECORD_SIZE', records: 1 }));
  });
});
