// A demo-town project built through the real importers, for the travel-time
// tests: boundaries, population, OAC, postcodes, sites, smoking rates, roads.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildDemoTownFiles } from '../../data/demo/demo-files';
import {
  importAssignments, importBoundaries, importPopulation, importPostcodes, importRates, importSegments, importSites,
} from '../../electron/importers/index';
import { importRoads } from '../../electron/routing/roads-import';
import { createProject, type Project } from '../../electron/store/project';

export interface DemoProject {
  dir: string;
  path: string;
  project: Project;
}

export async function buildDemoRoutingProject(): Promise<DemoProject> {
  const dir = mkdtempSync(join(tmpdir(), 'cgm-routing-demo-'));
  const { files } = buildDemoTownFiles();
  for (const [name, text] of Object.entries(files)) {
    // The bus timetable is a folder (gtfs/stops.txt, ...).
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  const f = (name: string) => join(dir, name);
  const path = f('demo.gpkg');
  const project = createProject(path, { name: 'routing demo' });
  await importBoundaries(project, f('oa_boundaries.geojson'), { level: 'OA', codeField: 'OA11CD' });
  await importPopulation(project, f('population.csv'), { areaField: 'oa_code', countField: 'usual_residents' });
  await importSegments(project, f('oac_segments.csv'), { scheme: 'OAC' });
  await importAssignments(project, f('oac_assignments.csv'), { scheme: 'OAC', areaField: 'oa_code', segmentField: 'supergroup' });
  await importPostcodes(project, f('postcodes.csv'), { postcodeField: 'postcode', latField: 'lat', lonField: 'lon', areaField: 'oa11cd' });
  await importSites(project, f('service_sites.csv'), {
    service: 'Stop smoking', nameField: 'site_name', typeField: 'site_type', latField: 'lat', lonField: 'lon', hoursField: 'opening_hours',
  });
  await importRates(project, f('smoking_rates.csv'), { indicator: 'Smoking', segmentField: 'segment_code', rateField: 'prevalence' });
  await importRoads(project, { file: f('roads.osm') });
  return { dir, path, project };
}
