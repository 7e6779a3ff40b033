// A users import looks each row's date up by a number read in place (dateKeyAt)
// rather than by its text: two different texts must never share a number, the
// usual shapes must all get one, and an import must put every row in the period
// parseUkDate gives its text, whatever shape or fault the date has.
import { afterAll, describe, expect, it } from 'vitest';
import { importBoundaries, importPostcodes, importUsers } from '../../electron/importers/index';
import { dateKeyAt, parseUkDate, periodOf } from '../../electron/importers/user-periods';
import { RUTLAND, bytes, newProject, tempDir } from './helpers';

/** Every text of the two shapes over a few digits, and near misses (other lengths, letters, other separators). */
function texts(): string[] {
  const out: string[] = [];
  const seps = ['/', '.', '-', ' ', 'x', ':'];
  const dds = ['01', '1 ', '31', '00', '99', 'a1', '0٣'];
  const yyyy = ['2023', '1899', '0000', '2101', '20 3', '2O23'];
  for (const d of dds) for (const m of dds) for (const y of yyyy) for (const s1 of seps) for (const s2 of seps) out.push(`${d}${s1}${m}${s2}${y}`);
  for (const y of yyyy) for (const m of dds) for (const d of dds) for (const s1 of seps) for (const s2 of seps) out.push(`${y}${s1}${m}${s2}${d}`);
  out.push('1/2/2023', '01/02/20233', '2023-02', '20230201', '', ' 01/02/2023', '01/02/2023 10:00');
  return [...new Set(out)];
}

describe('dateKeyAt', () => {
  it('gives every dd/mm/yyyy and yyyy-mm-dd text a number, no other text one, and no two texts the same', () => {
    const seen = new Map<number, string>();
    let keyed = 0;
    for (const text of texts()) {
      const key = dateKeyAt(`  ${text}  `, 2, 2 + text.length);
      const shaped = /^\d\d[/.-]\d\d[/.-]\d\d\d\d$|^\d\d\d\d-\d\d-\d\d$/.test(text);
      expect([text, key >= 0]).toEqual([text, shaped]);
      if (key < 0) continue;
      keyed++;
      expect([key, seen.get(key) ?? text]).toEqual([key, text]);
      seen.set(key, text);
    }
    // dd, mm: 01 31 00 99; yyyy: 2023 1899 0000 2101; dd?mm?yyyy: 4 x 4 x 4 x 9 separator pairs; yyyy-mm-dd: 4 x 4 x 4.
    expect(keyed).toBe(576 + 64);
  });
});

describe('users counted by period', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('puts each row in the period of its date text, as parseUkDate reads it', async () => {
    const p = newProject(tmp.dir);
    await importBoundaries(p, `${RUTLAND}oa11_boundaries.geojson`, { level: 'OA', codeField: 'OA11CD' });
    await importPostcodes(p, `${RUTLAND}postcodes_codepoint_open.csv`);
    const dates = [
      '01/02/2023', '01.02.2023', '01-02-2023', '01/02.2023', '2023-02-01', '31/02/2023', '2023-02-31', '29/02/2024', '29/02/2023',
      '01/13/2023', '00/01/2023', '01/01/1899', '2101-01-01', '1/2/2023', '2023-02', '20230201', '01/02/2023 09:30', 'soon', '',
      '15/12/2023', '2023-12-15', '15.12.2023', '01/02/2023', '2023-02-01',
    ];
    const csv = `post_code,date\n${dates.map((d) => `LE15 6NT,${d}`).join('\n')}\n`;
    await importUsers(p, { name: 'users.csv', data: bytes(csv) }, { service: 'S', postcodeField: 'post_code', dateField: 'date', period: 'quarter', schemes: [] });
    const expected = new Map<string, number>();
    for (const d of dates) {
      const date = parseUkDate(d);
      if (date) expected.set(periodOf(date, 'quarter'), (expected.get(periodOf(date, 'quarter')) ?? 0) + 1);
    }
    const got = p.db.prepare("SELECT period, count FROM cgm_user_counts WHERE service = 'S' ORDER BY period").raw().all() as [string, number][];
    expect(got).toEqual([...expected].sort(([a], [b]) => (a < b ? -1 : 1)));
    // By hand: 1 February 2023 is spelt 11 times (01/02/2023 twice, 01.02.2023, 01-02-2023, 01/02.2023, 2023-02-01
    // twice, 1/2/2023, 2023-02, 20230201, 01/02/2023 09:30); 15 December 2023 three times; 29/02/2024 is 2024-Q1.
    expect(Object.fromEntries(got)).toEqual({ '2023-Q1': 11, '2023-Q4': 3, '2024-Q1': 1 });
    p.close();
  });
});
