// Which already-loaded collection each base-map layer draws.
import type { FeatureCollection } from 'geojson';
import type { LayerDef } from '../layers/types';
import type { LoadedProject } from '../project/types';
import type { BasemapData } from './basemap-style';
import { outlinesOf } from '../project/area-geometry';

/** The areas an outline layer draws the boundaries of; null for other layers or a level not loaded. */
export function outlinedAreas(project: LoadedProject, def: LayerDef): FeatureCollection | null {
  if (def.drawnBy !== 'basemap' || def.style.type !== 'outline' || def.source.method !== 'getAreaLayer') return null;
  const level = def.source.input.level;
  if (level === project.level) return project.areas;
  if (level === project.parentLevel && project.parentAreas) return project.parentAreas;
  return null;
}

export function basemapDataFor(project: LoadedProject, defs: LayerDef[]): BasemapData {
  const data: BasemapData = new Map();
  for (const def of defs) {
    if (def.drawnBy !== 'basemap') continue;
    if (def.style.type === 'road-lines' && project.roads) data.set(def.id, project.roads);
    const areas = outlinedAreas(project, def);
    if (areas) data.set(def.id, outlinesOf(areas));
  }
  return data;
}
