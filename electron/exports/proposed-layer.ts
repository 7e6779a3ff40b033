// The what-if sites of one service as a layer to share (proposed_sites): the
// places the analyst is weighing, suggested or dragged, as points with their
// name and opening hours. No counts, so no disclosure rule applies.
import type { ColumnType } from '../store/gpkg';
import type { Project } from '../store/project';
import { serviceSites } from '../routing/project-inputs';

export const PROPOSED_LAYER = 'proposed_sites';

const COLUMNS: { name: string; type: ColumnType }[] = [
  { name: 'service', type: 'TEXT' }, { name: 'name', type: 'TEXT' }, { name: 'opening_hours', type: 'TEXT' }, { name: 'status', type: 'TEXT' },
];

export function proposedSitesLayer(project: Project, service: string) {
  const features = serviceSites(project, service)
    .filter((s) => s.proposed)
    .map((s) => ({
      type: 'Feature' as const,
      geometry: { type: 'Point' as const, coordinates: [s.lon, s.lat] },
      properties: { service: s.service, name: s.name, opening_hours: s.openingHours, status: 'proposed' },
    }));
  return { columns: COLUMNS, collection: { type: 'FeatureCollection' as const, features }, sources: ['sites'], disclosed: false };
}
