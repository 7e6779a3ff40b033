// The transit isochrones as a map layer of their own (id 'transit-isochrones'):
// the bands of median public-transport journey time for the day and window the
// analyst chose, drawn and keyed like the road isochrones (isochrone-bands
// style, so the legend and the deck layer are the same code), in their own
// colours so the two can be told apart when both are on.
import type { MethodOutput } from '../../../shared/contract';
import type { LayerDef } from './types';

export const TRANSIT_ISOCHRONE_ID = 'transit-isochrones';

/** Blues, nearest band darkest: the road isochrones' ramp is warm. */
const TRANSIT_COLOURS = ['#08519c', '#3182bd', '#6baed6', '#9ecae1', '#c6dbef', '#deebf7', '#eff3ff', '#f7fbff'];

export type TransitIsochrones = MethodOutput<'getTransitIsochrones'>;

export function transitIsochroneDef(iso: TransitIsochrones, previous: LayerDef | undefined): LayerDef {
  return {
    id: TRANSIT_ISOCHRONE_ID,
    title: 'Public-transport time to a site',
    subtitle: `Median minutes on ${iso.date}, leaving ${iso.depart === 'opening-hours' ? 'while the sites are open' : iso.depart}`,
    source: { method: 'getTransitIsochrones', input: { service: iso.service, date: iso.date, depart: iso.depart, minutes: iso.minutes } },
    style: {
      type: 'isochrone-bands', mode: 'transit',
      bands: iso.minutes.map((minutes, i) => ({ minutes, fromMinutes: i === 0 ? 0 : iso.minutes[i - 1], colour: TRANSIT_COLOURS[i % TRANSIT_COLOURS.length] })),
    },
    drawnBy: 'deck',
    // Asked for by switching public transport on: shown when it first arrives, then as the analyst leaves it.
    visible: previous?.visible ?? true,
    opacity: previous?.opacity ?? 0.55,
    interactive: false,
    notice: `By public transport: ${iso.assumptions}.`,
  };
}
