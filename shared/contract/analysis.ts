// Need, use, uptake and gaps per area, and the profile table.
import { z } from 'zod';
import { Disclosed, Interval } from './common';


/** One area's need, use, uptake and gap, as the map, the area panel and the gap table show it. */
export const AreaResultSchema = z.object({
  code: z.string(),
  name: z.string().nullable(),
  base: Disclosed,
  need: z.number(),
  needIndex: z.number().nullable(),
  users: Disclosed,
  expectedUsers: z.number(),
  ratio: z.union([z.number(), z.literal('*')]).nullable(),
  ci95: z.union([Interval, z.literal('*')]),
  ci998: z.union([Interval, z.literal('*')]),
  /** As published: from the shown count, '*' where a suppressed count leaves it open. */
  significance: z.enum(['low', 'high', 'not significant', '*']),
  unmet: Disclosed,
  unmetRank: z.number().nullable(),
  nearestSite: z.string().nullable(),
  accessMinutes: z.number().nullable(),
  accessKm: z.number().nullable(),
  /** Routed over the network and no site of the service can be reached by the mode. */
  accessUnreachable: z.boolean(),
  hoursOutsideOffice: z.number().nullable(),
  gapTypes: z.array(z.enum(['accessibility', 'availability', 'awareness'])),
  rules: z.array(z.string()),
  notes: z.array(z.string()),
  dominantSegment: z.string().nullable(),
});
export type AreaResult = z.infer<typeof AreaResultSchema>;

export const AreaAnalysisSchema = z.object({
  service: z.string(),
  indicator: z.string(),
  level: z.string(),
  mode: z.enum(['walk', 'drive']),
  accessMeasure: z.enum(['travel-time', 'straight-line']),
  /** True when exact counts are shown: the analyst's working view, not for sharing. */
  exactCounts: z.boolean(),
  disclosureNote: z.string(),
  rows: z.array(AreaResultSchema),
  /** Who (segments), what (service), where (areas): the toolkit's summary of unmet need. */
  summary: z.object({
    text: z.string(),
    totalUnmet: Disclosed,
    who: z.array(z.object({ code: z.string(), name: z.string().nullable(), unmet: z.number() })),
    where: z.array(z.object({ code: z.string(), name: z.string().nullable(), unmet: z.number() })),
  }),
});
export type AreaAnalysisResult = z.infer<typeof AreaAnalysisSchema>;

export const ProfileRowSchema = z.object({
  segmentCode: z.string(),
  segmentName: z.string(),
  users: Disclosed,
  usersPct: Disclosed.nullable(),
  base: Disclosed,
  basePct: z.number().nullable(),
  penetration: Disclosed.nullable(),
  index: Disclosed.nullable(),
});

export const ProfileResultSchema = z.object({
  exactCounts: z.boolean(),
  disclosureNote: z.string(),
  rows: z.array(ProfileRowSchema),
  total: ProfileRowSchema,
});

export const AnalysisRequest = z
  .object({
    service: z.string(),
    indicator: z.string(),
    mode: z.enum(['walk', 'drive']).default('walk'),
    level: z.string().optional(),
    /** Presentation views and exports apply the project's disclosure rule. */
    presentation: z.boolean().default(false),
  })
  .strict();


export const analysisMethods = {
  getAreaAnalysis: { input: AnalysisRequest, output: AreaAnalysisSchema },
  getProfile: {
    input: z
      .object({ service: z.string(), scheme: z.string(), segmentLevel: z.string().optional(), presentation: z.boolean().default(false) })
      .strict(),
    output: ProfileResultSchema,
  },
} as const;
