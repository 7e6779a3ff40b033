// Which OSM ways a travel profile may use, and in which direction. These are
// the rules taken literally: exact, case-sensitive tag values; a value
// not listed neither excludes nor overrides (access=destination stays usable).
import type { TravelProfile } from '../../shared/domain';

export type OsmTags = Record<string, string>;

/** forward: along the way's node order only; backward: against it only. */
export type WayDirection = 'both' | 'forward' | 'backward';

const DENY = new Set(['no', 'private']);
const ALLOW = new Set(['yes', 'designated', 'permissive']);
const ONEWAY_FORWARD = new Set(['yes', 'true', '1']);
const ONEWAY_BACKWARD = new Set(['-1', 'reverse']);
const ONEWAY_NONE = new Set(['no', 'false', '0']);
const IMPLIED_ONEWAY_JUNCTION = new Set(['roundabout', 'circular']);
const IMPLIED_ONEWAY_HIGHWAY = new Set(['motorway', 'motorway_link']);

const denies = (tags: OsmTags, key: string): boolean => DENY.has(tags[key] as string);
const allows = (tags: OsmTags, key: string): boolean => ALLOW.has(tags[key] as string);

/** Walk: access or foot = no|private excludes, unless foot = yes|designated|permissive. */
export function walkAllowed(tags: OsmTags): boolean {
  if (allows(tags, 'foot')) return true;
  return !(denies(tags, 'access') || denies(tags, 'foot'));
}

/**
 * Drive: access, vehicle, motor_vehicle or motorcar = no|private excludes, unless
 * motorcar or motor_vehicle = yes|designated|permissive. There is no hierarchy
 * between motorcar and motor_vehicle, and vehicle=yes overrides nothing.
 */
export function driveAllowed(tags: OsmTags): boolean {
  if (allows(tags, 'motorcar') || allows(tags, 'motor_vehicle')) return true;
  return !(denies(tags, 'access') || denies(tags, 'vehicle') || denies(tags, 'motor_vehicle') || denies(tags, 'motorcar'));
}

/** Speed in km/h for this way under the profile, or null when the way is not in the graph. */
export function waySpeedKmh(tags: OsmTags, profile: TravelProfile): number | null {
  const highway = tags.highway;
  if (highway === undefined || !Object.prototype.hasOwnProperty.call(profile.speedsKmh, highway)) return null;
  const allowed = profile.mode === 'walk' ? walkAllowed(tags) : driveAllowed(tags);
  return allowed ? profile.speedsKmh[highway] : null;
}

/**
 * Direction of travel. Walking ignores one-way tags. An explicit oneway value
 * wins over an implied one (a roundabout tagged oneway=-1 runs backward); any
 * other oneway value counts as untagged.
 */
export function wayDirection(tags: OsmTags, profile: TravelProfile): WayDirection {
  if (profile.mode === 'walk' || !profile.respectOneway) return 'both';
  const oneway = tags.oneway as string;
  if (ONEWAY_FORWARD.has(oneway)) return 'forward';
  if (ONEWAY_BACKWARD.has(oneway)) return 'backward';
  if (ONEWAY_NONE.has(oneway)) return 'both';
  if (IMPLIED_ONEWAY_JUNCTION.has(tags.junction as string)) return 'forward';
  if (IMPLIED_ONEWAY_HIGHWAY.has(tags.highway as string)) return 'forward';
  return 'both';
}
