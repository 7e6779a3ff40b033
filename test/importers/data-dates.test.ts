// Dataset dates (issue 17): recorded at import from the file where it says
// (its name, an OSM PBF header), else the file's modification date; corrected
// with `cgm datasets --set-date`; read by "Data as of" and the credits' years.
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/main';
import { createProject, openProject } from '../../electron/store/project';
import { exportAttributions } from '../../electron/exports/attributions';
import { mapCredits } from '../../electron/exports/png/map-credits';
import { siteOrigin } from '../../electron/importers/sites';
import { dateFromFileName, formatDataDate } from '../../shared/import/data-date';
import { requireTool } from '../support/requirements';
import { RUTLAND, tempDir } from './helpers';

async function cgm(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: (t) => void (out += t), stderr: (t) => void (err += t) });
  return { code, out, err, json: code === 0 ? JSON.parse(out) : null };
}

describe('dates from file names', () => {
  it('reads the release a publisher puts in the name', () => {
    expect(dateFromFileName('ONSPD_FEB_2024_UK.csv')).toBe('2024-02');
    expect(dateFromFileName('NSPL_MAY_2023_UK.zip')).toBe('2023-05');
    expect(dateFromFileName('codepo_gb_aug2014.csv')).toBe('2014-08');
    expect(dateFromFileName('epraccur_201912.csv')).toBe('2019-12');
    expect(dateFromFileName('gb-roads-2018-02.osm.pbf')).toBe('2018-02');
  });

  it('reads the Rutland files as their README dates them, where their names say it', () => {
    expect(dateFromFileName('population_census2021_ts001_by_oa.csv')).toBe('2021-03');
    expect(dateFromFileName('oac2021_by_oa.csv')).toBe('2021');
    expect(dateFromFileName('oa11_boundaries.geojson')).toBe('2011');
    expect(dateFromFileName('lsoa11_boundaries.geojson')).toBe('2011');
    // Names with no date: the file's modification date stands in, then the analyst's.
    expect(dateFromFileName('postcodes_codepoint_open.csv')).toBeNull();
    expect(dateFromFileName('nhs_ods_epraccur_in_area.csv')).toBeNull();
    expect(dateFromFileName('rutland-latest.osm.pbf')).toBeNull();
  });

  it('says a date as a reader would', () => {
    expect(formatDataDate('2018-02')).toBe('February 2018');
    expect(formatDataDate('2018-02-27')).toBe('27 February 2018');
    expect(formatDataDate('2011')).toBe('2011');
  });

  it('tells NHS ODS and OpenStreetMap site lists apart from the analyst\'s own', () => {
    expect(siteOrigin('nhs_ods_epraccur_in_area.csv', ['ods_code', 'name'])).toBe('nhs-ods');
    expect(siteOrigin('epraccur.csv', ['code', 'name'])).toBe('nhs-ods');
    expect(siteOrigin('osm_services.geojson', ['category', 'name', 'osm_type', 'osm_id'])).toBe('osm');
    expect(siteOrigin('service_sites.csv', ['site_code', 'name'])).toBeNull();
  });
});

describe('cgm datasets on real Rutland files', () => {
  const tmp = tempDir();
  const P = join(tmp.dir, 'dates.gpkg');
  createProject(P).close();
  afterAll(() => tmp.cleanup());
  const osmium = requireTool('osmium', 'apt-get install osmium-tool');

  it.runIf(osmium)('records each import\'s data date: the PBF header, the name, else the modification date', async () => {
    expect((await cgm('import', 'boundaries', '--project', P, '--file', RUTLAND + 'oa11_boundaries.geojson', '--level', 'OA', '--code-field', 'OA11CD', '--quiet')).code).toBe(0);
    expect((await cgm('import', 'population', '--project', P, '--file', RUTLAND + 'population_census2021_ts001_by_oa.csv', '--area-field', 'oa_code', '--count-field', 'in_households', '--base', 'persons')).code).toBe(0);
    expect((await cgm('import', 'postcodes', '--project', P, '--file', RUTLAND + 'postcodes_codepoint_open.csv', '--postcode-field', 'postcode', '--easting-field', 'easting', '--northing-field', 'northing', '--area-field', 'oa11cd')).code).toBe(0);
    expect((await cgm('import', 'sites', '--project', P, '--file', RUTLAND + 'nhs_ods_epraccur_in_area.csv', '--service', 'GP', '--where', 'status_code=A,prescribing_setting=4')).code).toBe(0);
    expect((await cgm('import', 'roads', '--project', P, '--file', RUTLAND + 'rutland-latest.osm.pbf')).code).toBe(0);

    const listed = await cgm('datasets', '--project', P);
    expect(listed.code).toBe(0);
    const byKind = Object.fromEntries((listed.json as { kind: string; dataDate: string; dataDateSource: string }[]).map((d) => [d.kind, d]));
    // osmium, a reference reader, says when Geofabrik cut the extract.
    const header = spawnSync(osmium!, ['fileinfo', '-g', 'header.option.osmosis_replication_timestamp', RUTLAND + 'rutland-latest.osm.pbf'], { encoding: 'utf8' }).stdout.trim();
    expect(header).toBe('2018-02-27T21:43:02Z');
    expect(byKind.roads).toMatchObject({ dataDate: header.slice(0, 10), dataDateSource: 'file' });
    expect(byKind.boundaries).toMatchObject({ dataDate: '2011', dataDateSource: 'file' });
    expect(byKind.population).toMatchObject({ dataDate: '2021-03', dataDateSource: 'file' });
    const modified = (f: string) => statSync(RUTLAND + f).mtime.toISOString().slice(0, 10);
    expect(byKind.postcodes).toMatchObject({ dataDate: modified('postcodes_codepoint_open.csv'), dataDateSource: 'modified' });
    expect(byKind.sites).toMatchObject({ dataDate: modified('nhs_ods_epraccur_in_area.csv'), dataDateSource: 'modified' });
  });

  it.runIf(osmium)('takes the analyst\'s dates (README: Code-Point Aug 2014, epraccur Dec 2019) and credits each source with its year', async () => {
    const set = await cgm('datasets', '--project', P, '--set-date', 'postcodes=2014-08,sites=2019-12');
    expect(set.code).toBe(0);
    expect(set.json.find((d: { kind: string }) => d.kind === 'postcodes')).toMatchObject({ dataDate: '2014-08', dataDateSource: 'analyst' });

    const project = openProject(P);
    try {
      expect(exportAttributions(project.db)).toEqual([
        // Census 2021 population is the newest ONS data; boundaries (2011) and postcodes (2014) carry OS data.
        'Contains National Statistics data © Crown copyright and database right 2021',
        'Contains OS data © Crown copyright and database right 2014',
        'Contains Royal Mail data © Royal Mail copyright and database right 2014',
        'Contains NHS Organisation Data Service data © NHS England 2019, Open Government Licence v3.0',
        '© OpenStreetMap contributors (ODbL)',
      ]);
      // A print of areas (with their Census 2021 population) and roads: "Data as of" is the newest data shown, never today.
      const credits = mapCredits(project.db, [{ method: 'getAreaLayer', input: { level: 'OA' } }, { method: 'getLayerFeatures', input: { table: 'roads' } }]);
      expect(credits.dataDate).toBe('2021-03');
      const roadsOnly = mapCredits(project.db, [{ method: 'getLayerFeatures', input: { table: 'roads' } }]);
      expect(roadsOnly.dataDate).toBe('2018-02-27');
      expect(roadsOnly.attributions).toEqual(['© OpenStreetMap contributors (ODbL)']);
      const sites = mapCredits(project.db, [{ method: 'getSites', input: {} }]);
      expect(sites.attributions).toEqual(['Contains NHS Organisation Data Service data © NHS England 2019, Open Government Licence v3.0']);
      expect(sites.dataDate).toBe('2019-12');
    } finally {
      project.close();
    }
  });

  it('refuses a date that is not one, or a kind the project lacks, changing nothing', async () => {
    const bad = await cgm('datasets', '--project', P, '--set-date', 'roads=2018-13');
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/"2018-13" is not a date/);
    const missing = await cgm('datasets', '--project', P, '--set-date', 'roads=2018,users=2020');
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/no users dataset/);
    const after = await cgm('datasets', '--project', P);
    // All or nothing: roads kept the date from its header.
    expect(after.json.find((d: { kind: string }) => d.kind === 'roads')?.dataDate).not.toBe('2018');
    const malformed = await cgm('datasets', '--project', P, '--set-date', 'roads');
    expect(malformed.err).toMatch(/not KIND=DATE/);
  });
});
