// The isochrones as an export layer: the bands the map draws (5–25 minutes,
// real sites only unless the what-if is asked for; each band from the previous
// limit to its own, so they tile and none is drawn over another), for `cgm export
// geojson --layer isochrones`, the GeoPackage and the app's Export dialog.
// (`cgm isochrones` still writes cumulative bands unless asked for --rings incremental.)
// Needs a service and a mode only: access analysis runs without users or need.
import { DEFAULT_BAND_LIMITS } from '../../shared/travel/bands';
import { hasRoadNetwork, projectTravelProfile } from '../analysis/travel-access';
import { isochrones } from '../routing/isochrones';
import { serviceTimes } from '../routing/service-access';
import type { ColumnType } from '../store/gpkg';
import type { Project } from '../store/project';
import type { ExportLayer, ExportLayerInfo } from './export-layers';
import type { TravelParams } from './params';
import { whatIfSentence } from '../../shared/analysis/what-if';

export const ISOCHRONE_LAYER: ExportLayerInfo = { name: 'isochrones', title: 'Travel-time bands (isochrones)', kind: 'analysis', geometryType: 'MULTIPOLYGON' };

const COLUMNS: { name: string; type: ColumnType }[] = [
  { name: 'minutes', type: 'INTEGER' },
  { name: 'fromMinutes', type: 'INTEGER' },
];

/** Listed where the bands can be drawn: a road network and at least one service. */
export function hasIsochroneLayer(project: Project): boolean {
  return hasRoadNetwork(project) && Boolean(project.db.prepare('SELECT 1 FROM cgm_services LIMIT 1').get());
}

export function isochroneLayer(project: Project, p: TravelParams): ExportLayer {
  const access = serviceTimes(project, { service: p.service, profile: projectTravelProfile(project, p.mode), existingOnly: !p.includeProposed });
  const collection = isochrones(access.graph, access.times, { minutes: DEFAULT_BAND_LIMITS, mode: p.mode, rings: 'incremental' });
  const whatIf = p.includeProposed ? whatIfSentence(access.sites.filter((s) => s.proposed && s.snap).length) : null;
  return {
    ...ISOCHRONE_LAYER, ...(whatIf ? { title: `${ISOCHRONE_LAYER.title}, what-if` } : {}), columns: COLUMNS, collection, sources: ['sites', 'roads'], disclosed: false,
    notes: {
      ...(whatIf ? { what_if: whatIf } : {}),
      travel: `${p.service}: minutes ${p.mode === 'walk' ? 'walking' : 'driving'} to the nearest site, each band from fromMinutes to minutes (bands do not overlap)`,
    },
  };
}
