// Service users are stored only as counts: no name, NHS number, client ref,
// date of birth or note from the file may appear anywhere in the project's bytes.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Project } from '../../electron/store/project';
import { importAssignments, importBoundaries, importPostcodes, importUsers } from '../../electron/importers/index';
import { RUTLAND, count, newProject, reopen, tempDir } from './helpers';

// Invented people, written by this test; distinctive strings so a byte scan cannot miss them.
const PEOPLE = [
  { ref: 'CLT-884120', name: 'Araminta Quillfeather', nhs: '943 476 5919', dob: '14/03/1951', pc: 'LE15 0AQ', date: '03/02/2024', note: 'prefers-morning-calls' },
  { ref: 'CLT-884121', name: 'Bartholomew Zennor', nhs: '943 476 5870', dob: '02/11/1948', pc: 'le150aw', date: '2024-02-17', note: 'hearing-aid-user' },
  { ref: 'CLT-884122', name: 'Cressida Wolstenholme', nhs: '943 476 5838', dob: '29/06/1990', pc: 'LE15 6NT', date: '11/05/2024', note: 'interpreter-needed' },
  { ref: 'CLT-884123', name: 'Dunstan Phillimore', nhs: '943 476 5811', dob: '07/07/1962', pc: 'PR1 1A', date: '11/05/2024', note: 'bad-postcode-row' },
  { ref: 'CLT-884124', name: 'Eglantine Rushworth', nhs: '943 476 5803', dob: '19/12/1977', pc: 'ZZ99 3VZ', date: '11/05/2024', note: 'no-fixed-abode' },
  { ref: 'CLT-884125', name: 'Fenwick Abernethy', nhs: '943 476 5799', dob: '01/01/1980', pc: 'LS2 9AE', date: '12/05/2024', note: 'moved-to-leeds' },
  { ref: 'CLT-884126', name: 'Griselda Montague', nhs: '943 476 5780', dob: '05/05/1955', pc: 'LE15 9ZZ', date: '12/05/2024', note: 'new-build-estate' },
  { ref: 'CLT-884127', name: 'Hildebrand Ossory', nhs: '943 476 5772', dob: '08/08/1988', pc: '', date: '13/05/2024', note: 'postcode-withheld' },
  { ref: 'CLT-884128', name: 'Isolde Fairweather', nhs: '943 476 5764', dob: '09/09/1999', pc: 'LE15 0AQ', date: 'not a date', note: 'date-garbled' },
];

describe('service users', () => {
  const tmp = tempDir();
  let p: Project;
  let csvPath = '';
  beforeAll(async () => {
    p = newProject(tmp.dir);
    await importBoundaries(p, RUTLAND + 'oa11_boundaries.geojson', { level: 'OA', codeField: 'OA11CD' });
    await importAssignments(p, RUTLAND + 'oac2021_by_oa.csv', { scheme: 'OAC 2021', areaField: 'oa_code', segmentField: 'supergroup' });
    await importPostcodes(p, RUTLAND + 'postcodes_codepoint_open.csv');
    const header = 'Client Ref,Full Name,NHS Number,Date of Birth,Post Code,Referral Date,Notes';
    const lines = PEOPLE.map((x) => [x.ref, x.name, x.nhs, x.dob, x.pc, x.date, x.note].map((v) => `"${v}"`).join(','));
    csvPath = join(tmp.dir, 'users.csv');
    writeFileSync(csvPath, [header, ...lines].join('\r\n') + '\r\n');
  });
  afterAll(() => { p.close(); tmp.cleanup(); });

  it('aggregates matched rows and rejects the rest by row number and reason', async () => {
    const s = await importUsers(p, csvPath, { service: 'Falls clinic', postcodeField: 'Post Code', dateField: 'Referral Date' });
    expect(s.rowsRead).toBe(9);
    expect(s.imported).toBe(3);
    expect(s.rejected).toEqual({
      'invalid format': 1, 'pseudo-postcode': 1, 'outside study area': 1, 'not in directory': 1, 'missing postcode': 1, 'invalid date': 1,
    });
    expect(p.db.prepare("SELECT row_number, reason FROM cgm_user_rejects WHERE service = 'Falls clinic' ORDER BY row_number").all()).toEqual([
      { row_number: 5, reason: 'invalid format' }, { row_number: 6, reason: 'pseudo-postcode' }, { row_number: 7, reason: 'outside study area' },
      { row_number: 8, reason: 'not in directory' }, { row_number: 9, reason: 'missing postcode' }, { row_number: 10, reason: 'invalid date' },
    ]);
    // LE15 0AQ and LE15 0AW are both in E00069606, one of the 5 OAs with no OAC 2021 segment;
    // LE15 6NT (Oakham Medical Practice) is in E00069613, supergroup 2.
    expect(p.db.prepare("SELECT area_code, scheme, segment_code, period, count FROM cgm_user_counts WHERE service = 'Falls clinic' ORDER BY area_code").all()).toEqual([
      { area_code: 'E00069606', scheme: 'OAC 2021', segment_code: '', period: '2024-02', count: 2 },
      { area_code: 'E00069613', scheme: 'OAC 2021', segment_code: '2', period: '2024-05', count: 1 },
    ]);
    expect(s.warnings.join('\n')).not.toMatch(/LE15|LS2|ZZ99|Quillfeather/);
  });

  it('writes no personal value anywhere in the project file', async () => {
    await importUsers(p, csvPath, { service: 'Falls clinic', postcodeField: 'Post Code', dateField: 'Referral Date' }); // re-import too
    p = reopen(p);
    const raw = readFileSync(p.path);
    expect(existsSync(p.path + '-wal')).toBe(false);
    const text = raw.toString('latin1');
    for (const x of PEOPLE) {
      for (const value of [x.ref, x.name, x.name.split(' ')[1], x.nhs, x.nhs.replace(/ /g, ''), x.dob, x.note]) {
        expect(text.includes(value), `found ${value}`).toBe(false);
      }
    }
    for (const column of ['Full Name', 'NHS Number', 'Date of Birth', 'Client Ref']) expect(text.includes(column)).toBe(false);
    expect(count(p, "SELECT count(*) FROM cgm_user_counts WHERE service = 'Falls clinic'")).toBe(2);
  });
});
