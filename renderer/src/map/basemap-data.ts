// Which already-loaded collection each base-map layer draws.
import type { LayerDef } from '../layers/types';
import type { LoadedProject } from '../project/types';
import type { BasemapData } from './basemap-style';
import { outlinesOf } from '../project/area-geometry';

export function basemapDataFor(project: LoadedProject, defs: LayerDef[]): BasemapData {
  const data: BasemapData = new Map();
  for (const def of defs) {
    if (def.drawnBy !== 'basemap') continue;
    if (def.style.type === 'road-lines' && project.roads) data.set(def.id, project.roads);
    if (def.style.type === 'outline' && def.source.method === 'getAreaLayer') {
      const level = def.source.input.level;
      if (level === project.level) data.set(def.id, outlinesOf(project.areas));
      else if (level === project.parentLevel && project.parentAreas) data.set(def.id, outlinesOf(project.parentAreas));
    }
  }
  return data;
}
