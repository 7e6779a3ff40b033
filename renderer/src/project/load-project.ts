// Asks the services for everything the first map needs, and picks what to show:
// the scheme and segment level the analyst last picked (else the first scheme at
// its top level), at the geography level the analyst chose last (the level
// switch), else the finest level that has segments.
import type { FeatureCollection } from 'geojson';
import { api } from '../api/client';
import { forgetAnswers } from '../tables/use-request';
import { addAreaMeasures } from './area-measure';
import { areaGeometryOf } from './area-geometry';
import { fetchAreas } from './fetch-areas';
import { levelToDraw, rememberedPick } from './scheme-view';
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
  for (const box of collections.map((fc) => (fc ? areaGeometryOf(fc)?.bbox : undefined))) if (box) [w, s, e, n] = [Math.min(w, box[0]), Math.min(s, box[1]), Math.max(e, box[2]), Math.max(n, box[3])];
  const visit = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') {
      const [x, y] = c as number[];
      if (x < w) w = x;
      if (x > e) e = x;
      if (y < s) s = y;
      if (y > n) n = y;
    } else if (Array.isArray(c)) for (const child of c) visit(child);
  };
  // Areas with flat arrays have their box already: reading each feature's geometry would build every polygon.
  for (const fc of collections) if (fc && !areaGeometryOf(fc)) for (const f of fc.features) if (f.geometry && 'coordinates' in f.geometry) visit(f.geometry.coordinates);
  for (const p of points) visit(p);
  return Number.isFinite(w) ? [w, s, e, n] : [-8, 49.8, 2, 59];
}

/** A project with no boundaries yet: nothing to map, so it opens to the getting-started checklist. */
export interface EmptyProject {
  empty: true;
  info: ProjectInfo;
}

export async function loadProject(onStep: (message: string) => void): Promise<LoadedProject | EmptyProject> {
  onStep('Opening the project…');
  // Read again after an import: the tables' remembered answers may be out of date.
  forgetAnswers();
  // The chosen level is asked beside the project's description: one round trip fewer before the areas are.
  const [info, { level: chosen }] = await Promise.all([api.call('getProjectInfo', {}), api.call('getMapLevel', {})]);
  const levels = levelsFinestFirst(info);
  if (levels.length === 0) return { empty: true, info };
  // The scheme and level the analyst last picked (scheme-view.ts), else the first scheme at its top level.
  const remembered = rememberedPick(info);
  const scheme = remembered?.scheme ?? info.schemes.find((s) => s.segmentCount > 0)?.name ?? null;

  const segments = scheme ? await api.call('getSegments', { scheme }) : [];
  const segmentLevel = levelToDraw(segments, remembered?.segmentLevel) ?? undefined;
  const areaQuery = (l: string) => (scheme ? { level: l, scheme, ...(segmentLevel ? { segmentLevel } : {}) } : { level: l });

  onStep('Loading small areas…');
  let level = chosen ?? levels[0];
  let areas: FeatureCollection | null = null;
  if (scheme && !chosen) {
    for (const candidate of levels) {
      const fc = await fetchAreas(areaQuery(candidate));
      if (hasSegments(fc)) {
        [level, areas] = [candidate, fc];
        break;
      }
    }
  }
  areas ??= await fetchAreas(areaQuery(level));
  const parentLevel = info.levels.find((l) => l.level === level)?.parentLevel ?? null;

  onStep('Loading roads, sites and segments…');
  const hasRoads = info.layers.some((l) => l.table === 'roads');
  const [parentAreas, roads, allSites] = await Promise.all([
    parentLevel ? fetchAreas({ level: parentLevel }) : Promise.resolve(null),
    hasRoads ? (api.call('getLayerFeatures', { table: 'roads' }) as Promise<FeatureCollection>) : Promise.resolve(null),
    api.call('getSites', {}),
  ]);
  addAreaMeasures(areas);
  // The project's sites are the real ones: a proposed site stays a what-if (its own layer) until the analyst keeps it.
  const sites = allSites.filter((s) => !s.proposed);
  const extent = extentOf([areas, parentAreas], allSites.map((s) => [s.lon, s.lat]));
  return { info, scheme, segmentLevel: segmentLevel ?? null, level, parentLevel, segments: segments.filter((s) => !segmentLevel || s.level === segmentLevel), areas, parentAreas, roads, sites, extent };
}
