// Access-only analysis (issue 16): minutes from each area to the nearest site
// of a service. Needs boundaries, sites and roads only, no users and no need
// indicator, so a project can map coverage before any service data arrives.
import { z } from 'zod';
import { Mode } from './common';

/** How an area's point was placed: the mean of its postcodes (where people live), else a point inside it. */
export const AreaPointSource = z.enum(['postcodes', 'point-on-surface']);

export const AreaCoverageRowSchema = z.object({
  code: z.string(),
  name: z.string().nullable(),
  /** Minutes by the mode to the nearest site, off-network legs included; null when no site can be reached. */
  minutes: z.number().nullable(),
  unreachable: z.boolean(),
  nearestSite: z.string().nullable(),
  nearestSiteId: z.number().nullable(),
  point: AreaPointSource,
});
export type AreaCoverageRow = z.infer<typeof AreaCoverageRowSchema>;

export const AccessCoverageSchema = z.object({
  service: z.string(),
  mode: Mode,
  level: z.string(),
  includeProposed: z.boolean(),
  /** What-if sites counted as open (0 unless includeProposed). */
  proposedSites: z.number().int(),
  /** Where each area's time is measured from, in words, for the legend. */
  measuredFrom: z.string(),
  rows: z.array(AreaCoverageRowSchema),
});

export const accessMethods = {
  /** Minutes to the nearest site per area: the same routing as the gap analysis's accessMinutes and `cgm bands`. */
  getAccessCoverage: {
    input: z
      .object({ service: z.string(), mode: Mode.default('walk'), level: z.string().optional(), includeProposed: z.boolean().default(false) })
      .strict(),
    output: AccessCoverageSchema,
  },
} as const;
