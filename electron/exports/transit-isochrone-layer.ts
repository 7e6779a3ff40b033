// The transit isochrones as an export layer: the bands the app's map draws for
// the day and departure window chosen (each band the areas whose median
// public-transport journey is from fromMinutes to minutes, bands not
// overlapping), for `cgm export geojson --layer transit_isochrones --date`,
// the GeoPackage and the app's Export dialog.
import { InputError } from '../../shared/errors';
import { DEFAULT_BAND_LIMITS } from '../../shared/travel/bands';
import type { ColumnType } from '../store/gpkg';
import type { Project } from '../store/project';
import { hasTransitFeed } from '../store/transit';
import { transitAssumptionsText } from '../transit/transit-access';
import { departureOf, departWords } from '../transit/transit-bands';
import { transitIsochrones } from '../transit/transit-isochrones';
import type { ExportLayer, ExportLayerInfo } from './export-layers';
import type { TravelParams } from './params';
import { hasIsochroneLayer } from './isochrone-layer';

export const TRANSIT_ISOCHRONE_LAYER: ExportLayerInfo = { name: 'transit_isochrones', title: 'Public-transport time (isochrones)', kind: 'analysis', geometryType: 'MULTIPOLYGON' };

const COLUMNS: { name: string; type: ColumnType }[] = [
  { name: 'minutes', type: 'INTEGER' },
  { name: 'fromMinutes', type: 'INTEGER' },
  { name: 'areas', type: 'INTEGER' },
];

/** Listed where a timetable is imported besides the roads and a service. */
export function hasTransitIsochroneLayer(project: Project): boolean {
  return hasIsochroneLayer(project) && hasTransitFeed(project.db);
}

export function transitIsochroneLayer(project: Project, p: TravelParams): ExportLayer {
  if (!p.transit) throw new InputError('transit isochrones need a day and a departure window: choose them (cgm: --date YYYY-MM-DD --depart HH:MM-HH:MM)');
  const full = transitIsochrones(project, { service: p.service, date: p.transit.date, window: departureOf(p.transit.depart), minutes: DEFAULT_BAND_LIMITS, rings: 'incremental' });
  // The columns a GIS styles by; date and window are the same on every band, so they go in the notes.
  const collection = { ...full, features: full.features.map((f) => ({ ...f, properties: { minutes: f.properties?.minutes, fromMinutes: f.properties?.fromMinutes, areas: f.properties?.areas } })) };
  return {
    ...TRANSIT_ISOCHRONE_LAYER, columns: COLUMNS, collection, sources: ['sites', 'roads', 'boundaries'], disclosed: false,
    notes: { travel: `${p.service}: median minutes by public transport on ${p.transit.date}, leaving ${departWords(p.transit.depart)}, to the nearest site, each band from fromMinutes to minutes (bands do not overlap); ${transitAssumptionsText()}` },
  };
}
