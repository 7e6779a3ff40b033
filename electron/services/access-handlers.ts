// Contract handlers for the access-only analyses: coverage needs a service's
// sites and roads, never users or a need indicator.
import type { Handlers } from '../../shared/contract';
import { InputError } from '../../shared/errors';
import { hasRoadNetwork, projectTravelProfile } from '../analysis/travel-access';
import { areaCoverage, MEASURED_FROM } from '../routing/area-coverage';
import type { ProjectSession } from './project-session';

export function accessHandlers(session: ProjectSession): Pick<Handlers, 'getAccessCoverage'> {
  return {
    async getAccessCoverage({ service, mode, level, includeProposed }) {
      const project = session.project;
      if (!hasRoadNetwork(project)) throw new InputError('The project has no road network: import roads to map minutes to the nearest site.');
      const coverage = areaCoverage(project, { service, profile: projectTravelProfile(project, mode), level, includeProposed });
      return { service, mode, includeProposed, measuredFrom: MEASURED_FROM, ...coverage, proposedSites: includeProposed ? coverage.proposedSites : 0 };
    },
  };
}
