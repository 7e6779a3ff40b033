// Which mapped areas belong to a segment, so a profile or band row can
// highlight them. The map's areas carry their segment at the level drawn.
import type { LoadedProject } from '../project/types';
import { selectAreas } from '../selection/selection-store';
import { areaCount } from './format';

export function selectSegment(project: LoadedProject, code: string, name: string | null): void {
  const codes = project.areas.features.filter((f) => String(f.properties?.segment ?? '') === code).map((f) => String(f.properties?.code));
  selectAreas(codes, 'table', `${name ?? code}: ${areaCount(codes.length)}`, `segment:${code}`);
}

export function segmentColour(project: LoadedProject, code: string | null): string | null {
  return project.segments.find((s) => s.code === code)?.colour ?? null;
}
