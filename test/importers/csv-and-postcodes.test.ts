import { describe, expect, it } from 'vitest';
import { openCsv } from '../../electron/importers/csv-read';
import { checkPostcode, normalisePostcode, postcodeStatus } from '../../electron/importers/postcode';
import { suggestColumns } from '../../electron/importers/columns';
import { parseUkDate, periodOf } from '../../electron/importers/user-periods';
import { bytes } from './helpers';

async function rows(data: Uint8Array, name = 'x.csv') {
  const csv = await openCsv({ name, data });
  const out: { row: number; values: string[] }[] = [];
  for await (const r of csv.records()) out.push(r);
  return { csv, out };
}

describe('postcodes', () => {
  it('normalises case, spaces and missing spaces', () => {
    expect(normalisePostcode('pr101az')).toBe('PR10 1AZ');
    expect(normalisePostcode(' le15  6nt ')).toBe('LE15 6NT');
    expect(normalisePostcode('B1  1AA')).toBe('B1 1AA'); // ONSPD pcd padding
    expect(checkPostcode('PR1 1A')).toEqual({ ok: false, reason: 'invalid format' });
    expect(checkPostcode('')).toEqual({ ok: false, reason: 'missing' });
    expect(checkPostcode('QX1 1AA').ok).toBe(false);
  });
  it('recognises pseudo and terminated postcodes', () => {
    expect(checkPostcode('zz99 3vz')).toEqual({ ok: true, postcode: 'ZZ99 3VZ', pseudo: true });
    expect(postcodeStatus('LE15 6NT', '201203')).toBe('terminated');
    expect(postcodeStatus('LE15 6NT', '')).toBe('live');
    expect(postcodeStatus('ZZ99 3CZ', '')).toBe('pseudo');
  });
});

describe('csv reading', () => {
  it('reads UTF-8 with a BOM and sniffs semicolons', async () => {
    const { csv, out } = await rows(bytes('\uFEFFcode;name\nA;Café\n'));
    expect(csv.headers).toEqual(['code', 'name']);
    expect(csv.delimiter).toBe(';');
    expect(out).toEqual([{ row: 2, values: ['A', 'Café'] }]);
  });
  it('falls back to Windows-1252 for Excel ANSI files', async () => {
    // "Café €" in Windows-1252: é = 0xE9, € = 0x80 (both invalid as UTF-8).
    const data = new Uint8Array([...bytes('code,name\r\n1,Caf'), 0xe9, 0x20, 0x80, 0x0d, 0x0a]);
    const { csv, out } = await rows(data);
    expect(csv.encoding).toBe('windows-1252');
    expect(out[0].values[1]).toBe('Café €');
  });
  it('sniffs tabs and counts rows like a spreadsheet across quoted newlines and blank lines', async () => {
    const { csv, out } = await rows(bytes('a\tb\n1\t"two\nlines"\n\n3\t4\n'));
    expect(csv.delimiter).toBe('\t');
    expect(out.map((r) => r.row)).toEqual([2, 4]);
    expect(out[0].values[1]).toBe('two\nlines');
  });
  it('refuses empty files and files without a header', async () => {
    await expect(openCsv({ name: 'empty.csv', data: new Uint8Array() })).rejects.toThrow('empty.csv: the file is empty');
    await expect(openCsv({ name: 'blank.csv', data: bytes('\n\n') })).rejects.toThrow('blank.csv: the file is empty');
  });
});

describe('column suggestion', () => {
  it('recognises ONS, ONSPD and Code-Point names', () => {
    expect(suggestColumns('population', ['oa_code', 'usual_residents'])).toMatchObject({ areaCode: 'oa_code' });
    expect(suggestColumns('boundaries', ['OA11CD', 'LSOA11CD', 'LAD11CD'])).toMatchObject({ areaCode: 'OA11CD', parentCode: 'LSOA11CD' });
    expect(suggestColumns('postcodes', ['pcds', 'oseast1m', 'osnrth1m', 'lat', 'long', 'oa21', 'doterm'])).toMatchObject({
      postcode: 'pcds', lat: 'lat', lon: 'long', easting: 'oseast1m', northing: 'osnrth1m', terminated: 'doterm',
    });
    expect(suggestColumns('users', ['Client Ref', 'Post Code', 'Referral Date'])).toMatchObject({ postcode: 'Post Code', date: 'Referral Date' });
    expect(suggestColumns('sites', ['name', 'latitude', 'longitude', 'postcode'])).toMatchObject({ lat: 'latitude', lon: 'longitude' });
  });
});

describe('periods', () => {
  it('parses UK date formats and groups them', () => {
    expect(parseUkDate('03/02/2024')).toEqual([2024, 2, 3]);
    expect(parseUkDate('2024-02-30')).toBeNull();
    expect(periodOf([2024, 2, 3], 'quarter')).toBe('2024-Q1');
    expect(periodOf([2024, 2, 3], 'financial-year')).toBe('2023/24');
  });
});
