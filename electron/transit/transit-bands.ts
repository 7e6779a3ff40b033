// The band table's public-transport column group: the same segments, bases
// and ranks as the road table beside it (bandBasis is shared), with each
// area's time its median journey over the departure window. The dock, the
// bands CSV, the report and `cgm bands --date` all take the group from here.
import { InputError } from '../../shared/errors';
import { parseDepartureWindow, type DepartureWindow } from '../../shared/transit/gtfs-time';
import { defaultProfile } from '../../shared/travel/profiles';
import { projectBands, type ProjectBandsRequest } from '../routing/project-bands';
import type { Project } from '../store/project';
import { transitAssumptionsText } from './transit-access';

/** The day and the departure window, as the app and the CLI write them (YYYY-MM-DD, HH:MM-HH:MM). */
export interface TransitChoice {
  date: string;
  depart: string;
}

export interface TransitColumnGroup extends TransitChoice {
  assumptions: string;
  labels: string[];
  limits: number[];
  /** One per row of the road table, matched by segment (null: all population). */
  rows: { segmentCode: string | null; cumulativePct: (number | null)[]; unreachablePct: number | null }[];
  unreachableAreas: string[];
}

export function transitColumnGroup(project: Project, basis: Omit<ProjectBandsRequest, 'profile' | 'transit'>, choice: TransitChoice): TransitColumnGroup {
  const window = departureOf(choice.depart);
  // The walk profile is not used for the rides; transit-access walks with the built-in one.
  const bands = projectBands(project, { ...basis, profile: defaultProfile('walk'), transit: { date: choice.date, window } });
  return {
    date: choice.date, depart: choice.depart, assumptions: transitAssumptionsText(),
    labels: bands.table.labels, limits: bands.table.limits,
    rows: bands.table.rows.map((r) => ({ segmentCode: r.segmentCode, cumulativePct: r.cumulativePct, unreachablePct: r.unreachablePct })),
    unreachableAreas: bands.unreachableAreas,
  };
}

/** HH:MM-HH:MM as a window of departure minutes, 'opening-hours' as it is, or a message naming what is wrong. */
export function departureOf(depart: string): DepartureWindow | 'opening-hours' {
  if (depart === 'opening-hours') return depart;
  try {
    return parseDepartureWindow(depart);
  } catch (error) {
    throw new InputError(`departure window: ${(error as Error).message}`);
  }
}

/** The departure choice in words: "08:00-09:00", or "during the sites' opening hours". */
export function departWords(depart: string): string {
  return depart === 'opening-hours' ? 'during the sites’ opening hours (journeys count only to a site open on arrival)' : depart;
}

/** The group's row for a road-table row (the same segment), or null when it has none. */
export function transitRowFor(group: TransitColumnGroup, segmentCode: string | null): TransitColumnGroup['rows'][number] | null {
  return group.rows.find((r) => r.segmentCode === segmentCode) ?? null;
}
