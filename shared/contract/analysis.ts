// Need, use, uptake and gaps per area, and the profile table.
import { z } from 'zod';
import { Base, Disclosed, Interval } from './common';

/** Users left out of every level because their area has no base, said once beside the table. */
export const UsersLeftOutSchema = z.object({ users: Disclosed, share: z.number().nullable(), areas: z.array(z.string()), reason: z.string() });


const Minutes = z.number().positive().max(240);
const Km = z.number().positive().max(200);
/** The gap rule thresholds (project settings); a patch changes some of them. */
export const GapSettingsSchema = z.object({
  significanceLevel: z.union([z.literal(0.95), z.literal(0.998)]),
  travelMinutes: z.object({ walk: Minutes, drive: Minutes }).strict(),
  straightLineKm: z.object({ walk: Km, drive: Km }).strict(),
  minHoursOutsideOffice: z.number().min(0).max(168),
  dominantShare: z.number().gt(0).max(1),
  /** Which access the accessibility rule judges: the analysis's mode (default), walking, driving or realistic (by car availability). */
  accessView: z.enum(['mode', 'walk', 'drive', 'realistic']),
  /** Realistic view: a gap when more than this share of households are too far for how they travel. */
  realisticShare: z.number().min(0).max(1),
}).strict();
export const GapSettingsPatchSchema = z.object({
  significanceLevel: GapSettingsSchema.shape.significanceLevel.optional(),
  travelMinutes: z.object({ walk: Minutes, drive: Minutes }).partial().strict().optional(),
  straightLineKm: z.object({ walk: Km, drive: Km }).partial().strict().optional(),
  minHoursOutsideOffice: GapSettingsSchema.shape.minHoursOutsideOffice.optional(),
  dominantShare: GapSettingsSchema.shape.dominantShare.optional(),
  accessView: GapSettingsSchema.shape.accessView.optional(),
  realisticShare: GapSettingsSchema.shape.realisticShare.optional(),
}).strict();

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
  /** Its id (getSites), so its opening hours can be edited from the area. */
  nearestSiteId: z.number().nullable(),
  accessMinutes: z.number().nullable(),
  accessKm: z.number().nullable(),
  /** Routed over the network and no site of the service can be reached by the mode. */
  accessUnreachable: z.boolean(),
  hoursOutsideOffice: z.number().nullable(),
  gapTypes: z.array(z.enum(['accessibility', 'availability', 'awareness'])),
  rules: z.array(z.string()),
  /** Significantly low but unclassified: what is known and what is missing (never a blank). */
  gapState: z.string().nullable(),
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
  base: Base,
  usersLeftOut: UsersLeftOutSchema.nullable(),
  /** The thresholds the gaps were classified with. */
  settings: GapSettingsSchema,
  rows: z.array(AreaResultSchema),
  /** The users' period (null: all periods). */
  period: z.string().nullable(),
  /** What was left out (excluded areas with their reasons, communal residents), as the report prints it. */
  scopeNotes: z.array(z.string()),
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
  base: Base,
  /** Where users' segments came from (users file, postcode lookup, area, area proportion), as a sentence. */
  segmentSource: z.string(),
  usersLeftOut: UsersLeftOutSchema.nullable(),
  rows: z.array(ProfileRowSchema),
  total: ProfileRowSchema,
  scopeNotes: z.array(z.string()),
  /** With deciles asked for: which IMD deciles the areas were kept to, and how areas got one. */
  decileFilter: z.string().optional(),
  /** With a comparator asked for: its name and, by segment code ('Total' for the total row), its columns. */
  comparator: z.object({
    name: z.string(),
    bySegment: z.record(z.string(), z.object({
      comparator_base: z.number().nullable(), comparator_pct: z.number().nullable(),
      index_vs_comparator: Disclosed.nullable(), base_index_vs_comparator: Disclosed.nullable(),
    })),
  }).optional(),
});

/** An area the analyst has taken out of every analysis, and why. */
export const ExcludedAreaSchema = z.object({
  code: z.string().min(1),
  reason: z.string().trim().min(1, 'a reason is required').max(500),
  excludedAt: z.string().optional(),
});

/** What an analysis counts: one users period, and without which areas and residents. */
const ScopeFields = {
  /** One period of users imported with dates (e.g. 2024-Q1); all periods when absent. */
  period: z.string().optional(),
  /** Leave communal-establishment residents out of the base; the project setting when absent. */
  excludeCommunal: z.boolean().optional(),
  base: Base.optional(),
};

export const AnalysisScopeSchema = z.object({
  periods: z.array(z.string()),
  excludeCommunal: z.boolean(),
  communalImported: z.boolean(),
  excluded: z.array(ExcludedAreaSchema.extend({ name: z.string().nullable() })),
});

/** The scheme and level the analyst picked for segments: each area's dominantSegment is named in them (default: the indicator's finest). */
export const SegmentChoiceFields = { segmentScheme: z.string().optional(), segmentLevel: z.string().optional() };

export const AnalysisRequest = z
  .object({
    service: z.string(),
    indicator: z.string(),
    mode: z.enum(['walk', 'drive']).default('walk'),
    level: z.string().optional(),
    ...ScopeFields,
    ...SegmentChoiceFields,
    /** Presentation views and exports apply the project's disclosure rule. */
    presentation: z.boolean().default(false),
  })
  .strict();


export const analysisMethods = {
  getAreaAnalysis: { input: AnalysisRequest, output: AreaAnalysisSchema },
  /** The gap thresholds in force (changed through applyMoment's gapSettings, so undoable), and the stored changes. */
  getGapSettings: { input: z.object({}).strict(), output: z.object({ settings: GapSettingsSchema, stored: GapSettingsPatchSchema }) },
  getProfile: {
    input: z
      .object({ service: z.string(), scheme: z.string(), segmentLevel: z.string().optional(), ...ScopeFields, presentation: z.boolean().default(false), comparator: z.string().optional(),
        /** Only the areas in these IMD deciles (1 = most deprived), as `cgm profile --deciles`. */
        deciles: z.array(z.number().int().min(1).max(10)).max(10).optional() })
      .strict(),
    output: ProfileResultSchema,
  },
  /** The periods a service's users can be chosen by, the communal setting and the excluded areas. */
  getAnalysisScope: { input: z.object({ service: z.string().optional() }).strict(), output: AnalysisScopeSchema },
  /** Review (toolkit step 8) between two periods of one users import: `cgm review --compare-periods`. */
  getPeriodReview: {
    input: z
      .object({
        service: z.string(), indicator: z.string(), scheme: z.string(), periods: z.tuple([z.string(), z.string()]),
        excludeCommunal: z.boolean().optional(), presentation: z.boolean().default(false),
      })
      .strict(),
    output: z.object({
      periods: z.tuple([z.string(), z.string()]),
      exactCounts: z.boolean(),
      disclosureNote: z.string(),
      /** The columns of `cgm review` (kind, code, name, users_before…), segments then areas. */
      rows: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()]))),
    }),
  },
} as const;
