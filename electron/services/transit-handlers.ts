// Contract handlers for public transport on the map: the transit isochrones
// for the day and departure window chosen in the app.
import type { Handlers } from '../../shared/contract';
import { DEFAULT_BAND_LIMITS } from '../../shared/travel/bands';
import { finestLevel } from '../analysis/inputs';
import { transitAssumptionsText } from '../transit/transit-access';
import { departureOf } from '../transit/transit-bands';
import { transitIsochrones } from '../transit/transit-isochrones';
import type { ProjectSession } from './project-session';

export function transitHandlers(session: ProjectSession): Pick<Handlers, 'getTransitIsochrones'> {
  return {
    async getTransitIsochrones({ service, date, depart, minutes }) {
      const limits = minutes.length ? minutes : DEFAULT_BAND_LIMITS;
      const bands = transitIsochrones(session.project, { service, date, window: departureOf(depart), minutes: limits, rings: 'incremental' });
      // No band at all (no area within the longest limit) still names the level the areas were timed at: the finest.
      const level = String(bands.features[0]?.properties?.level ?? finestLevel(session.project.db));
      return { service, date, depart, level, minutes: [...limits].sort((a, b) => a - b), bands: bands as never, assumptions: transitAssumptionsText() };
    },
  };
}
