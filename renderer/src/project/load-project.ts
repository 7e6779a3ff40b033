// Asks the services for everything the first map needs, and picks what to show:
// the first segmentation scheme, at the finest geography level that has segments.
import type { Feature, FeatureCollection } from 'geojson';
import { api } from '../api/client';
import { addAreaMeasures } from './area-measure';
import type { LoadedProject, ProjectInfo } from './types';

/** Levels from finest to coarsest: a level nobody names as parent comes first. */
export function levelsFinestFirst(info: ProjectInfo): string[] {
  const parents = new Set(info.levels.map((l) => l.parentLevel).filter(Boolean));
  const parentOf = new Map(info.levels.map((l) => [l.level, l.parentLevel]));
  const leaves = info.levels.filter((l) => !parents.has(l.level)).map((l) => l.level);
  const ordered: string[] = [];
  for (const leaf of leaves) {
    for (let l: string | null | undefined = leaf; l && !ordered.includes(l); l = parentOf.get(l)) ordered.push(l);
  }
  for (const l of info.levels) if (!ordered.includes(l.level)) ordered.push(l.level);
  return ordered;
}

function hasSegments(fc: FeatureCollection): boolean {
  return fc.features.some((f) => f.properties?.segment != null && f.properties.segment !== '');
}

function extentOf(collections: (FeatureCollection | null)[], points: [number, number][]): [number, number, number, number] {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') {
      const [x, y] = c as number[];
      if (x < w) w = x;
      if (x > e) e = x;
      if (y < s) s = y;
      if (y > n) n = y;
    } else if (Array.isArray(c)) for (const child of c) visit(child);
  };
  for (const fc of collections) for (const f of fc?.features ?? []) if (f.geometry && 'coordinates' in f.geometry) visit(f.geometry.coordinates);
  for (const p of points) visit(p);
  return Number.isFinite(w) ? [w, s, e, n] : [-8, 49.8, 2, 59];
}

export async function loadProject(onStep: (message: string) => void): Promise<LoadedProject> {
  onStep('Opening the project…');
  const info = await api.call('getProjectInfo', {});
  const levels = levelsFinestFirst(info);
  if (levels.length === 0) throw new Error('The project has no geography levels to map yet.');
  const scheme = info.schemes.find((s) => s.segmentCount > 0)?.name ?? null;

  const segments = scheme ? await api.call('getSegments', { scheme }) : [];
  // Eight supergroups read on a map; sixty subgroups do not. Draw the scheme's top level.
  const levelsInScheme = new Set(segments.map((s) => s.level));
  const topLevel = segments.find((s) => s.parentCode === null)?.level;
  const segmentLevel = levelsInScheme.size > 1 ? topLevel : undefined;
  const areaQuery = (l: string) => (scheme ? { level: l, scheme, ...(segmentLevel ? { segmentLevel } : {}) } : { level: l });

  onStep('Loading small areas…');
  let level = levels[0];
  let areas: FeatureCollection | null = null;
  if (scheme) {
    for (const candidate of levels) {
      const fc = (await api.call('getAreaLayer', areaQuery(candidate))) as FeatureCollection;
      if (hasSegments(fc)) {
        [level, areas] = [candidate, fc];
        break;
      }
    }
  }
  areas ??= (await api.call('getAreaLayer', areaQuery(level))) as FeatureCollection;
  const parentLevel = info.levels.find((l) => l.level === level)?.parentLevel ?? null;

  onStep('Loading roads, sites and segments…');
  const hasRoads = info.layers.some((l) => l.table === 'roads');
  const [parentAreas, roads, sites] = await Promise.all([
    parentLevel ? (api.call('getAreaLayer', { level: parentLevel }) as Promise<FeatureCollection>) : Promise.resolve(null),
    hasRoads ? (api.call('getLayerFeatures', { table: 'roads' }) as Promise<FeatureCollection>) : Promise.resolve(null),
    api.call('getSites', {}),
  ]);
  addAreaMeasures(areas);
  const extent = extentOf([areas, parentAreas], sites.map((s) => [s.lon, s.lat]));
  return { info, scheme, segmentLevel: segmentLevel ?? null, level, parentLevel, segments: segments.filter((s) => !segmentLevel || s.level === segmentLevel), areas, parentAreas, roads, sites, extent };
}
