// Review baselines with targets (toolkit step 8) and suggested sites (issue
// 16): the same runners as `cgm baseline`, `cgm review --baseline` and
// `cgm suggest`, and their files for the Export dialog. Targets are set
// through applyMoment (reviewTargets), so an edit undoes like any other.
import { z } from 'zod';
import { TARGET_MEASURES, TARGET_OPS } from '../analysis/review-targets';
import { Base, Mode } from './common';
import { ExportFileSchema } from './exports';

export const ReviewTargetSchema = z
  .object({
    kind: z.enum(['segment', 'area']),
    code: z.string().trim().min(1).max(100),
    measure: z.enum(TARGET_MEASURES),
    op: z.enum(TARGET_OPS),
    value: z.number().finite(),
  })
  .strict();
const StoredTargetSchema = ReviewTargetSchema.extend({ id: z.number().int() });

export const BaselineSchema = z.object({
  name: z.string(),
  savedAt: z.string(),
  service: z.string().nullable(),
  indicator: z.string().nullable(),
  scheme: z.string().nullable(),
  period: z.string().nullable(),
  targets: z.array(StoredTargetSchema),
});

const BaselineName = z.string().trim().min(1, 'a baseline needs a name').max(120);
/** The later extract a baseline is compared with: a period of the users, or all of them as imported now. */
const LaterScope = { period: z.string().optional(), excludeCommunal: z.boolean().optional(), base: Base.optional() };
const ReviewCell = z.union([z.string(), z.number(), z.null()]);

export const TargetCheckSchema = ReviewTargetSchema.extend({
  id: z.number().int(),
  target: z.string(),
  actual: z.union([z.number(), z.literal('*')]).nullable(),
  status: z.enum(['met', 'not met', 'unknown']),
  reason: z.string().nullable(),
});

export const BaselineReviewSchema = z.object({
  baseline: z.string(),
  savedAt: z.string(),
  service: z.string(),
  indicator: z.string(),
  scheme: z.string(),
  /** The later users' period (null: all periods). */
  period: z.string().nullable(),
  exactCounts: z.boolean(),
  disclosureNote: z.string(),
  /** The columns of `cgm review` (kind, code, name, users_before…), segments then areas. */
  rows: z.array(z.record(z.string(), ReviewCell)),
  targets: z.array(TargetCheckSchema),
});

const CandidateList = z.object({ name: z.string().max(255), text: z.string().max(5_000_000) }).strict();
export const SuggestRequest = z
  .object({
    service: z.string(),
    indicator: z.string(),
    mode: Mode,
    minutes: z.number().positive().max(240),
    k: z.number().int().min(1).max(50),
    /** Area points, road nodes (one per `nodeSpacing` m cell) or the analyst's CSV of name,lat,lon. */
    candidates: z.union([z.enum(['areas', 'nodes']), CandidateList]).default('areas'),
    nodeSpacing: z.number().positive().max(10_000).optional(),
    base: Base.optional(),
  })
  .strict();

export const SuggestResultSchema = z.object({
  service: z.string(),
  indicator: z.string(),
  minutes: z.number(),
  level: z.string(),
  candidateSource: z.enum(['areas', 'nodes', 'list']),
  candidates: z.number().int(),
  candidatesOffNetwork: z.number().int(),
  totalNeed: z.number(),
  coveredByExisting: z.number(),
  coveredByExistingPct: z.number(),
  sites: z.array(
    z.object({
      rank: z.number().int(), source: z.enum(['area', 'node', 'list']), candidate: z.string(), name: z.string().nullable(),
      lon: z.number(), lat: z.number(), addedNeed: z.number(), coveredNeed: z.number(), coveredPct: z.number(),
    }),
  ),
  evaluations: z.number().int(),
  guarantee: z.string(),
});

export const reviewMethods = {
  listBaselines: { input: z.object({}).strict(), output: z.array(BaselineSchema) },
  /** Freezes the current figures under a new name (`cgm baseline save`); a name is never overwritten. */
  saveBaseline: {
    input: z.object({ name: BaselineName, service: z.string(), indicator: z.string(), scheme: z.string(), ...LaterScope }).strict(),
    output: BaselineSchema,
  },
  deleteBaseline: { input: z.object({ name: z.string() }).strict(), output: z.object({ deleted: z.string() }) },
  /** A later extract against a saved baseline, with its targets checked (`cgm review --baseline`). */
  getBaselineReview: {
    input: z.object({ name: z.string(), ...LaterScope, presentation: z.boolean().default(false) }).strict(),
    output: BaselineReviewSchema,
  },
  /** The review as a CSV file under the project's disclosure rule (`cgm review --baseline --table --out`). */
  exportReview: {
    input: z.object({ name: z.string(), table: z.enum(['changes', 'targets']), ...LaterScope }).strict(),
    output: ExportFileSchema,
  },
  /** k new sites covering the most need within T minutes (`cgm suggest`); reports progress and stops when cancelled. */
  suggestSites: { input: SuggestRequest, output: SuggestResultSchema },
  /** The suggestion's table as CSV (`cgm suggest --out`). */
  exportSuggestions: { input: SuggestRequest, output: ExportFileSchema },
} as const;
