// A fault in a service-user file is reported by row (as a spreadsheet numbers
// it: header = row 1) and column, never by the value, which may be a person's
// name, postcode or date. The values below are invented and distinctive, so a
// message that echoes one cannot pass.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import type { Project } from '../../electron/store/project';
import { importAssignments, importBoundaries, importPostcodes, importUsers } from '../../electron/importers/index';
import { runCli } from '../cli/capture';
import { RUTLAND, bytes, newProject, tempDir } from './helpers';

const SECRETS = ['Quibbles', 'Fotheringay', 'QU1 BBL', '31/02/2024'];
const users = (text: string) => ({ name: 'users.csv', data: bytes(text) });
const OPTIONS = { service: 'Falls clinic', postcodeField: 'Post Code', dateField: 'Referral Date' };

describe('service-user file errors', () => {
  const tmp = tempDir();
  let p: Project;
  beforeAll(async () => {
    p = newProject(tmp.dir);
    await importBoundaries(p, RUTLAND + 'oa11_boundaries.geojson', { level: 'OA', codeField: 'OA11CD' });
    await importAssignments(p, RUTLAND + 'oac2021_by_oa.csv', { scheme: 'OAC 2021', areaField: 'oa_code', segmentField: 'supergroup' });
    await importPostcodes(p, RUTLAND + 'postcodes_codepoint_open.csv');
  });
  afterAll(() => { p.close(); tmp.cleanup(); });

  // Rows counted by hand: the header is row 1; a quoted line break keeps a row on several lines.
  it.each([
    ['a stray quote on line 2', 'Full Name,Post Code,Referral Date\nMiss "Quibbles" Fotheringay,LE15 6NT,03/02/2024\n',
      'users.csv row 2, field "Full Name": malformed CSV, a quote inside a value that does not start with one (quote the whole value and double inner quotes)'],
    ['text after a closing quote on line 2', 'Full Name,Post Code,Referral Date\n"Quibbles"Fotheringay,LE15 6NT,03/02/2024\n',
      'users.csv row 2, field "Full Name": malformed CSV, text after the closing quote of a quoted value'],
    ['a fault on line 5, after a note over three lines', 'Full Name,Notes,Post Code,Referral Date\r\nAnn Example,"first line\r\nsecond line\r\nthird line",LE15 6NT,03/02/2024\r\nBob Example,none,"LE15 6NT"Quibbles,03/02/2024\r\n',
      'users.csv row 3, field "Post Code": malformed CSV, text after the closing quote of a quoted value'],
    ['a fault after a blank line', 'Full Name,Post Code,Referral Date\n\nAnn Example,LE15 6NT,03/02/2024\nB,Fotheringay "Quibbles",03/02/2024\n',
      'users.csv row 4, field "Post Code": malformed CSV, a quote inside a value that does not start with one (quote the whole value and double inner quotes)'],
    ['a quote never closed', 'Full Name,Post Code,Referral Date\nAnn Example,LE15 6NT,03/02/2024\n"Quibbles Fotheringay,LE15 6NT,03/02/2024\n',
      'users.csv row 3, field "Full Name": malformed CSV, a quoted value is never closed (is the file cut short?)'],
    ['a stray quote in the header', 'Full "Quibbles" Name,Post Code,Referral Date\nAnn Example,LE15 6NT,03/02/2024\n',
      'users.csv row 1, column 1: malformed CSV, a quote inside a value that does not start with one (quote the whole value and double inner quotes)'],
  ])('%s: row and column, no value', async (_name, text, message) => {
    const error = await importUsers(p, users(text), OPTIONS).then(() => null, (e: Error) => e);
    expect(error?.message).toBe(message);
    for (const secret of SECRETS) expect(error?.message).not.toContain(secret);
  });

  it('rejected rows are named by row and column in the summary, with no value', async () => {
    const text = [
      'Full Name,Notes,Post Code,Referral Date',
      'Quibbles Fotheringay,none,QU1 BBL,03/02/2024', // row 2: not a postcode
      'Ann Example,"a note over\ntwo lines",LE15 6NT,31/02/2024', // row 3 (lines 3-4): no 31 February
      'Bob Example,none,LE15 6NT,03/02/2024', // row 4: fine
      'Cat Example,none,,03/02/2024', // row 5: no postcode
    ].join('\n');
    const s = await importUsers(p, users(text), OPTIONS);
    expect(s).toMatchObject({ rowsRead: 4, imported: 1, rejected: { 'invalid format': 1, 'invalid date': 1, 'missing postcode': 1 } });
    expect(s.warnings).toEqual([
      '1 row rejected: invalid format in field "Post Code" (e.g. row 2)',
      '1 row rejected: invalid date in field "Referral Date" (e.g. row 3)',
      '1 row rejected: missing postcode in field "Post Code" (e.g. row 5)',
    ]);
    const rejects = p.db.prepare("SELECT row_number, reason FROM cgm_user_rejects WHERE service = 'Falls clinic' ORDER BY row_number").all();
    expect(rejects).toEqual([{ row_number: 2, reason: 'invalid format' }, { row_number: 3, reason: 'invalid date' }, { row_number: 5, reason: 'missing postcode' }]);
    for (const secret of SECRETS) expect(JSON.stringify(s)).not.toContain(secret);
  });

  it('the CLI prints the same one line', async () => {
    const file = join(tmp.dir, 'clients.csv');
    writeFileSync(file, 'Full Name,Post Code,Referral Date\nMiss "Quibbles" Fotheringay,LE15 6NT,03/02/2024\n');
    const r = await runCli(['import', 'users', '--project', p.path, '--file', file, '--service', 'S', '--postcode-field', 'Post Code']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('cgm import users: clients.csv row 2, field "Full Name": malformed CSV, a quote inside a value that does not start with one (quote the whole value and double inner quotes)\n');
  });
});
