// Default travel profiles and the profile schema. Pure: the renderer shows
// these speeds in its settings panel, the routing engine builds graphs from them.
import { z } from 'zod';
import type { TravelMode, TravelProfile } from '../domain';

/** Everyday walking pace used by the issue, and for every off-network leg. */
export const WALK_SPEED_KMH = 4.8;

const WALK_HIGHWAYS = [
  'footway', 'path', 'pedestrian', 'steps', 'living_street', 'residential', 'service', 'unclassified',
  'tertiary', 'tertiary_link', 'secondary', 'secondary_link', 'primary', 'primary_link',
  'trunk', 'trunk_link', 'track', 'bridleway', 'cycleway', 'road',
] as const;

export const DEFAULT_WALK_PROFILE: TravelProfile = {
  mode: 'walk',
  speedsKmh: Object.fromEntries(WALK_HIGHWAYS.map((h) => [h, WALK_SPEED_KMH])),
  respectOneway: false,
};

export const DEFAULT_DRIVE_PROFILE: TravelProfile = {
  mode: 'drive',
  speedsKmh: {
    motorway: 96, motorway_link: 48, trunk: 80, trunk_link: 40, primary: 64, primary_link: 40,
    secondary: 56, secondary_link: 40, tertiary: 48, tertiary_link: 32, unclassified: 40,
    residential: 32, living_street: 16, service: 16, road: 32,
  },
  respectOneway: true,
};

export function defaultProfile(mode: TravelMode): TravelProfile {
  const base = mode === 'walk' ? DEFAULT_WALK_PROFILE : DEFAULT_DRIVE_PROFILE;
  return { mode: base.mode, speedsKmh: { ...base.speedsKmh }, respectOneway: base.respectOneway };
}

export const TravelProfileSchema = z.object({
  mode: z.enum(['walk', 'drive']),
  // A zero or negative speed would give infinite or negative costs, which Dijkstra cannot use.
  speedsKmh: z.record(z.string(), z.number().positive().finite()),
  respectOneway: z.boolean(),
});

/** Validate a profile read from JSON; throws with the zod message on a bad field. */
export function parseProfile(value: unknown): TravelProfile {
  return TravelProfileSchema.parse(value);
}

/**
 * The same profile always gives the same string, whatever the key order in its
 * JSON, so it can key the graph cache.
 */
export function canonicalProfile(profile: TravelProfile): string {
  const speeds = Object.keys(profile.speedsKmh)
    .sort()
    .map((k) => [k, profile.speedsKmh[k]]);
  return JSON.stringify({ mode: profile.mode, respectOneway: profile.respectOneway, speedsKmh: speeds });
}
