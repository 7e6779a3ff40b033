// Which segmentation scheme and which of its levels (supergroup, group,
// subgroup) the map and the tables show: picked in the Analysis panel,
// remembered per project, and loaded here (the scheme's segments and the areas
// coloured by them) without reloading the rest of the project.
import type { FeatureCollection } from 'geojson';
import { api } from '../api/client';
import { addAreaMeasures } from './area-measure';
import { fetchAreas } from './fetch-areas';
import type { LoadedProject, ProjectInfo, Segment } from './types';

export interface SchemePick {
  scheme: string;
  /** null: the scheme is flat (one level). */
  segmentLevel: string | null;
}

/** A scheme's levels, coarsest first: a level's depth is how many parents its segments have. */
export function segmentLevelsOf(segments: readonly Segment[]): string[] {
  const byCode = new Map(segments.map((s) => [s.code, s]));
  const depth = new Map<string, number>();
  for (const s of segments) {
    let d = 0;
    for (let p = s.parentCode; p && d < 8; p = byCode.get(p)?.parentCode ?? null) d++;
    depth.set(s.level, Math.min(depth.get(s.level) ?? d, d));
  }
  return [...depth].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0])).map(([level]) => level);
}

const storageKey = (info: ProjectInfo) => `cgm-scheme-pick:${info.name}`;

export function rememberedPick(info: ProjectInfo): SchemePick | null {
  try {
    const saved = JSON.parse(localStorage.getItem(storageKey(info)) ?? 'null') as SchemePick | null;
    return saved && info.schemes.some((s) => s.name === saved.scheme && s.segmentCount > 0) ? saved : null;
  } catch {
    return null;
  }
}

export function rememberPick(info: ProjectInfo, pick: SchemePick): void {
  localStorage.setItem(storageKey(info), JSON.stringify(pick));
}

/**
 * The level to draw: the one asked for when the scheme has it; else, for a
 * scheme of several levels, its top one (eight supergroups read on a map;
 * sixty subgroups do not).
 */
export function levelToDraw(segments: readonly Segment[], asked: string | null | undefined): string | null {
  const levels = segmentLevelsOf(segments);
  if (asked && levels.includes(asked)) return asked;
  return levels.length > 1 ? levels[0] : null;
}

/** The scheme's segments at the drawn level and the areas of `level` coloured by them. */
export async function loadSchemeView(level: string, pick: SchemePick): Promise<Pick<LoadedProject, 'scheme' | 'segmentLevel' | 'segments' | 'areas'>> {
  const all = await api.call('getSegments', { scheme: pick.scheme });
  const segmentLevel = levelToDraw(all, pick.segmentLevel);
  const areas = await fetchAreas({ level, scheme: pick.scheme, ...(segmentLevel ? { segmentLevel } : {}) });
  return { scheme: pick.scheme, segmentLevel, segments: all.filter((s) => !segmentLevel || s.level === segmentLevel), areas: addAreaMeasures(areas) };
}
