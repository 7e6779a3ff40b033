// Map analysis layers, what-if sites and strata (issue 6).
import { z } from 'zod';
import { AnalysisRequest, AreaAnalysisSchema, SegmentChoiceFields } from './analysis';
import { Base, Empty, Mode, StratumName } from './common';
import { DragBandsSchema, dragBandsInput } from './drag-bands';
import { FeatureCollectionSchema, ServiceSiteSchema } from './project';

/** A site the analyst places on the map to test; stored with proposed = 1, never real until confirmed. */
export const ProposedSiteInputSchema = z
  .object({
    id: z.number().int().positive().optional(),
    name: z.string().trim().min(1).max(120),
    lon: z.number().min(-180).max(180),
    lat: z.number().min(-90).max(90),
    openingHours: z.string().trim().max(500).nullable().optional(),
  })
  .strict();

export const IsochroneResultSchema = z.object({
  service: z.string(),
  mode: Mode,
  minutes: z.array(z.number()),
  includeProposed: z.boolean(),
  /** Incremental rings: each feature is the area from `fromMinutes` to `minutes`. */
  bands: FeatureCollectionSchema,
  sitesRouted: z.number().int(),
  sitesOffNetwork: z.number().int(),
  millis: z.number(),
});

/** Service users per hexagon, always under a disclosure rule: this is drawn on shared screens. */
export const UserHexbinsSchema = z.object({
  service: z.string(),
  hexMetres: z.number(),
  disclosureNote: z.string(),
  /** How users were placed: counts are stored per area, never per person or postcode. */
  placement: z.string(),
  cells: z.array(
    z.object({
      id: z.string(),
      /** Closed ring of lon/lat pairs. */
      polygon: z.array(z.tuple([z.number(), z.number()])),
      /** Rounded count; null when suppressed. */
      users: z.number().nullable(),
      suppressed: z.boolean(),
    }),
  ),
  suppressedCells: z.number().int(),
  maxUsers: z.number(),
});

export const StratumRowSchema = z.object({
  areaCode: z.string(),
  name: z.string().nullable(),
  proposed: StratumName.nullable(),
  flags: z.array(z.object({ source: z.string(), level: StratumName, reason: z.string() })),
  escalation: z.string().nullable(),
  decision: z.object({ assigned: StratumName, proposed: StratumName.nullable(), reason: z.string().nullable(), at: z.string() }).nullable(),
  effective: StratumName,
  proposalChanged: z.boolean(),
});
export type StratumRow = z.infer<typeof StratumRowSchema>;

export const StrataRequest = z.object({
  service: z.string(), indicator: z.string(), mode: Mode.default('walk'), period: z.string().optional(), excludeCommunal: z.boolean().optional(),
  base: Base.optional(),
  /** Geography level of the areas (the map's); absent = the finest. Decisions are kept per area code, so per level. */
  level: z.string().optional(),
});

export const mapMethods = {
  /** Travel-time bands around a service's sites, from the routing engine; proposed sites only when asked. */
  getIsochrones: {
    input: z
      .object({
        service: z.string(),
        mode: Mode.default('walk'),
        minutes: z.array(z.number().positive().max(180)).min(1).max(8).default([5, 10, 15, 20, 25]),
        includeProposed: z.boolean().default(false),
      })
      .strict(),
    output: IsochroneResultSchema,
  },
  /** getIsochrones' bands (proposed sites included) while what-if sites are dragged, as triangulated typed arrays. */
  getDragBands: { input: dragBandsInput, output: DragBandsSchema },
  /** Users per hexagon for the density layer, disclosed (1–7 suppressed, others rounded to 5). */
  getUserHexbins: {
    input: z.object({ service: z.string(), hexMetres: z.number().min(50).max(20_000).default(300) }).strict(),
    output: UserHexbinsSchema,
  },
  /** getAreaAnalysis, with what-if sites counted as open when includeProposed is true. */
  getScenarioAnalysis: {
    input: z
      .object({
        service: z.string(),
        indicator: z.string(),
        mode: Mode.default('walk'),
        level: z.string().optional(),
        period: z.string().optional(),
        excludeCommunal: z.boolean().optional(),
        base: Base.optional(),
        presentation: z.boolean().default(false),
        includeProposed: z.boolean().default(false),
        ...SegmentChoiceFields,
      })
      .strict(),
    // How many what-if sites were counted as open, so a table with them says so (absent or 0 without them).
    output: AreaAnalysisSchema.extend({ proposedSites: z.number().int().optional() }),
  },
  /** Presentation: proposals from the uptake as the project's disclosure rule publishes it (`cgm strata --suppress`). */
  getStrata: { input: StrataRequest.extend({ presentation: z.boolean().default(false) }).strict(), output: z.object({ rows: z.array(StratumRowSchema) }) },
} as const;
