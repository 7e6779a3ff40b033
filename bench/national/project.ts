// A national-size project for the app benchmark: the synthetic Output Areas of
// bench/recolour/synthetic-areas.ts (a seeded grid over Great Britain's
// extent), an OAC-style supergroup per area and a resident count per area,
// loaded through the ordinary importers. Built once into a cache folder
// outside the repository and reused while its inputs are unchanged.
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importAssignments, importBoundaries, importPopulation, importSegments } from '../../electron/importers/index';
import { createProject } from '../../electron/store/project';
import { OAC_SUPERGROUPS } from '../../data/demo/oac-classes';
import { syntheticAreas } from '../recolour/synthetic-areas';

export const NATIONAL_SCHEME = 'OAC 2011';

export interface NationalProject {
  path: string;
  areas: number;
  builtMs: number | null;
}

/** `<dir>/projects/national-<count>.gpkg`, built unless already there. */
export async function nationalProject(dataDir: string, count: number, vertices = 10): Promise<NationalProject> {
  const projects = join(dataDir, 'projects');
  const path = join(projects, `national-${count}-${vertices}.gpkg`);
  if (existsSync(path)) return { path, areas: count, builtMs: null };
  mkdirSync(projects, { recursive: true });
  const t = performance.now();
  const work = join(dataDir, `inputs-${count}`);
  mkdirSync(work, { recursive: true });
  const fc = syntheticAreas(count, vertices);
  const codes = fc.features.map((f) => String(f.properties!.code));
  writeFileSync(join(work, 'oa.geojson'), JSON.stringify({ type: 'FeatureCollection', features: fc.features.map((f) => ({ ...f, properties: { code: f.properties!.code } })) }));
  const segments = OAC_SUPERGROUPS.map((sg) => [sg.code, sg.name, '', 'supergroup', sg.colour, ''].join(','));
  writeFileSync(join(work, 'segments.csv'), ['code,name,parent_code,level,colour,description', ...segments].join('\n'));
  // Supergroups in broad bands across the grid, so the map shows structure rather than noise.
  writeFileSync(join(work, 'assignments.csv'), ['oa_code,supergroup', ...codes.map((c, i) => `${c},${OAC_SUPERGROUPS[Math.floor(i / 97) % OAC_SUPERGROUPS.length].code}`)].join('\n'));
  writeFileSync(join(work, 'population.csv'), ['oa_code,usual_residents', ...codes.map((c, i) => `${c},${100 + ((i * 7919) % 400)}`)].join('\n'));
  const partial = `${path}.partial.gpkg`;
  rmSync(partial, { force: true });
  const project = createProject(partial);
  try {
    await importBoundaries(project, join(work, 'oa.geojson'), { level: 'OA', codeField: 'code' });
    await importSegments(project, join(work, 'segments.csv'), { scheme: NATIONAL_SCHEME });
    await importAssignments(project, join(work, 'assignments.csv'), { scheme: NATIONAL_SCHEME, areaField: 'oa_code', segmentField: 'supergroup' });
    await importPopulation(project, join(work, 'population.csv'), { areaField: 'oa_code', countField: 'usual_residents', base: 'persons' });
  } finally {
    project.close();
  }
  renameSync(partial, path);
  rmSync(work, { recursive: true, force: true });
  return { path, areas: count, builtMs: performance.now() - t };
}
