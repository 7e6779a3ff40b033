// Analysis tables, workbook, saved views and undo (issue 6).
import { z } from 'zod';
import { EMBED_TABLES, sectionDef, WORKBOOK_SECTION_IDS } from '../workbook/sections';
import { AnalysisRequest, ExcludedAreaSchema, GapSettingsPatchSchema } from './analysis';
import { SegmentProfileSchema } from './project';
import { ProposedSiteInputSchema, StrataRequest } from './map';
import { Base, Empty, Mode, SignificanceName, StratumName } from './common';
import { ReviewTargetSchema } from './review';
import { DataDatesMomentSchema } from './datasets';

export const BandTableSchema = z.object({
  service: z.string(),
  mode: Mode,
  scheme: z.string(),
  indicator: z.string().nullable(),
  /** Geography level the travel times were measured to. */
  level: z.string(),
  /** What-if sites were counted as open; proposedSites says how many there were. */
  includeProposed: z.boolean(),
  proposedSites: z.number().int(),
  /** The realistic view (issue 19): how car access was read, when it was asked for. */
  carAccess: z.object({ method: z.string(), fallbackPct: z.number(), areasWithoutValue: z.array(z.string()) }).optional(),
  /**
   * The public-transport column group beside the road columns, when a day and a departure window were asked for:
   * how journeys were modelled, and per row (matched by segmentCode) the cumulative % by public transport.
   */
  transit: z.object({
    date: z.string(), depart: z.string(), assumptions: z.string(), labels: z.array(z.string()), limits: z.array(z.number()),
    rows: z.array(z.object({ segmentCode: z.string().nullable(), cumulativePct: z.array(z.number().nullable()), unreachablePct: z.number().nullable() })),
    unreachableAreas: z.array(z.string()),
  }).optional(),
  /** Why the public-transport group asked for could not be made (e.g. a day the timetable does not run); the road columns still stand. */
  transitProblem: z.string().optional(),
  /** Column labels, e.g. ["Within 5 min", "Within 10 min", ..., "Any time"]. */
  labels: z.array(z.string()),
  limits: z.array(z.number()),
  rows: z.array(
    z.object({
      /** 1 = highest risk (prevalence); equal rates share a rank; null on the all-population row. */
      rank: z.number().int().nullable(),
      segmentCode: z.string().nullable(),
      segmentName: z.string().nullable(),
      base: z.number(),
      need: z.number().nullable(),
      prevalence: z.number().nullable(),
      /** Cumulative % of base within each band; the last column is always 100. */
      cumulativePct: z.array(z.number().nullable()),
      unreachablePct: z.number().nullable(),
    }),
  ),
  unreachableAreas: z.array(z.string()),
});
export type BandTableResult = z.infer<typeof BandTableSchema>;

const FunnelLine = z.array(z.object({ expected: z.number(), ratio: z.number() }));
export const FunnelPlotSchema = z.object({
  exactCounts: z.boolean(),
  disclosureNote: z.string(),
  /** One point per area with a ratio to show (suppressed areas are left out of presentation plots). */
  points: z.array(
    z.object({ code: z.string(), name: z.string().nullable(), expected: z.number(), ratio: z.number(), significance95: SignificanceName, significance998: SignificanceName }),
  ),
  limits: z.object({ lower95: FunnelLine, upper95: FunnelLine, lower998: FunnelLine, upper998: FunnelLine }),
  omitted: z.number().int(),
  /** What-if sites counted as open (0 or absent unless includeProposed), so the plot says when they are in it. */
  proposedSites: z.number().int().optional(),
});
export type FunnelPlotResult = z.infer<typeof FunnelPlotSchema>;

const WorkbookSectionId = z.enum(WORKBOOK_SECTION_IDS);
/** What a workbook section shows beside its text: a saved map view by name, or an analysis table. */
export const WorkbookEmbedSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('view'), name: z.string().trim().min(1).max(120) }).strict(),
  z.object({ kind: z.literal('table'), table: z.enum(EMBED_TABLES) }).strict(),
]);
export type WorkbookEmbed = z.infer<typeof WorkbookEmbedSchema>;
export const WorkbookActionSchema = z.object({ action: z.string().max(2000), timescale: z.string().max(200), responsible: z.string().max(200) }).strict();
export const WorkbookContentSchema = z
  .object({
    fields: z.record(z.string().max(40), z.string().max(20_000)).default({}),
    actions: z.array(WorkbookActionSchema).max(200).default([]),
    embeds: z.array(WorkbookEmbedSchema).max(8).default([]),
  })
  .strict();
export type WorkbookContent = z.infer<typeof WorkbookContentSchema>;

/** A section's text boxes must be the ones the toolkit asks for in that section. */
function onlySectionFields(row: { section: string; content: { fields: Record<string, string> } }, ctx: z.RefinementCtx): void {
  const keys = new Set(sectionDef(row.section)?.fields.map((f) => f.key));
  for (const key of Object.keys(row.content.fields)) {
    if (!keys.has(key)) ctx.addIssue({ code: 'custom', path: ['content', 'fields', key], message: `is not a box of section "${row.section}"` });
  }
}
export const WorkbookRowSchema = z
  .object({ section: WorkbookSectionId, content: WorkbookContentSchema, updatedAt: z.string().optional() })
  .strict()
  .superRefine(onlySectionFields);
export type WorkbookRow = z.output<typeof WorkbookRowSchema>;

/** A saved map view: camera and layer visibility, plus whatever the presentation stores beside them. */
export const SavedViewPayloadSchema = z
  .object({
    title: z.string().max(200).optional(),
    center: z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]),
    zoom: z.number().min(0).max(24),
    visible: z.record(z.string(), z.boolean()).default({}),
  })
  .passthrough();
export const SavedViewSchema = z.object({ name: z.string().trim().min(1).max(120), payload: SavedViewPayloadSchema, position: z.number().int().optional() }).strict();
export type SavedViewRow = z.output<typeof SavedViewSchema>;

/** One stored strata decision, exactly as cgm_strata_decisions holds it (so undo restores it to its place). */
export const StrataDecisionRowSchema = z
  .object({
    id: z.number().int().positive(),
    service: z.string(),
    indicator: z.string(),
    areaCode: z.string(),
    segmentCode: z.string().default(''),
    proposed: StratumName.nullable(),
    decided: StratumName,
    reason: z.string().nullable(),
    decidedAt: z.string(),
  })
  .strict();

/**
 * Placemark-style moment: what to put and what to delete, per domain. Applying
 * one (in one transaction) returns its inverse, so undo is applying the
 * inverse and redo is applying the inverse's inverse. `strata.decide` records
 * new decisions through the strata rule (lowering needs a reason).
 */
export const MomentSchema = z
  .object({
    workbook: z.object({ put: z.array(WorkbookRowSchema).default([]), delete: z.array(WorkbookSectionId).default([]) }).strict().optional(),
    views: z.object({ put: z.array(SavedViewSchema).default([]), delete: z.array(z.string()).default([]) }).strict().optional(),
    strata: z
      .object({
        put: z.array(StrataDecisionRowSchema).default([]),
        delete: z.array(z.number().int().positive()).default([]),
        decide: z
          .array(StrataRequest.extend({ areaCode: z.string(), assigned: StratumName, reason: z.string().max(2000).nullable().optional() }).strict())
          .default([]),
      })
      .strict()
      .optional(),
    /** The service's what-if sites become exactly this list (no ids in an inverse: sites it removed no longer exist). */
    proposedSites: z.object({ service: z.string(), sites: z.array(ProposedSiteInputSchema).max(50) }).strict().optional(),
    /** A proposed site kept as a real site (proposed: false), or proposed again (its undo). */
    siteStatus: z.object({ service: z.string(), id: z.number().int().positive(), proposed: z.boolean(), type: z.string().nullable().optional() }).strict().optional(),
    /** Areas that should not count (a prison, a barracks), each with the analyst's reason. */
    excludedAreas: z
      .object({ put: z.array(ExcludedAreaSchema).default([]), delete: z.array(z.string()).default([]) })
      .strict()
      .optional(),
    /** The project setting: communal-establishment residents left out of the base. */
    excludeCommunal: z.boolean().optional(),
    /** Sites' opening hours (OSM syntax; null clears) become these, in order. */
    siteHours: z
      .object({ service: z.string(), sites: z.array(z.object({ id: z.number().int(), openingHours: z.string().max(500).nullable() }).strict()).min(1).max(500) })
      .strict()
      .optional(),
    /** Segments' profiles become exactly these ({} clears one). */
    segmentProfiles: z
      .object({ scheme: z.string(), segments: z.array(z.object({ code: z.string(), profile: SegmentProfileSchema }).strict()).min(1).max(500) })
      .strict()
      .optional(),
    /** The project's stored changes to the gap thresholds become exactly these ({} = the defaults). */
    gapSettings: z.object({ settings: GapSettingsPatchSchema }).strict().optional(),
    /** A review baseline's numeric targets become exactly these. */
    reviewTargets: z.object({ baseline: z.string(), targets: z.array(ReviewTargetSchema).max(200) }).strict().optional(),
    /** Datasets' data dates (the Data dates dialog) become these. */
    dataDates: DataDatesMomentSchema.optional(),
  })
  .strict();
export type Moment = z.input<typeof MomentSchema>;

const Undoable = { inverse: MomentSchema };

export const workbookMethods = {
  /** Travel-time band table (toolkit §4): segments ranked by risk (prevalence), cumulative % of base within each band of the nearest site. */
  getBandTable: {
    input: z
      .object({
        service: z.string(),
        indicator: z.string().optional(),
        mode: Mode.default('walk'),
        minutes: z.array(z.number().positive().max(240)).min(1).max(10).optional(),
        scheme: z.string().optional(),
        segmentLevel: z.string().optional(),
        base: Base.optional(),
        /** Count what-if sites as open, as the map's what-if view does. */
        includeProposed: z.boolean().default(false),
        /** Households without a car at their walking time, the rest driving (`cgm bands --mode realistic`); `mode` is then ignored. */
        realistic: z.boolean().default(false),
        /** Adds a public-transport column group: the day's timetable, each area's median journey over the departure window. */
        transit: z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date written YYYY-MM-DD'), depart: z.string().regex(/^(\d{1,2}:\d{2}-\d{1,2}:\d{2}|opening-hours)$/, 'a window written HH:MM-HH:MM, or opening-hours') }).strict().optional(),
      })
      .strict(),
    output: BandTableSchema,
  },
  /** Uptake ratios against expected users with 95% and 99.8% control limits. */
  getFunnelPlot: {
    /** includeProposed: count what-if sites as open, as the map's what-if view does. */
    input: AnalysisRequest.extend({ includeProposed: z.boolean().default(false) }).strict(),
    output: FunnelPlotSchema,
  },
  /** The sections the analyst has written so far (unwritten sections are absent). */
  getWorkbook: { input: Empty, output: z.object({ sections: z.array(WorkbookRowSchema) }) },
  saveWorkbookSection: {
    input: z.object({ section: WorkbookSectionId, content: WorkbookContentSchema }).strict().superRefine(onlySectionFields),
    output: z.object({ section: WorkbookSectionId, updatedAt: z.string(), ...Undoable }),
  },
  listViews: { input: Empty, output: z.array(SavedViewSchema) },
  /** Saves (or replaces) a named map view. */
  saveView: { input: z.object({ name: z.string().trim().min(1).max(120), payload: SavedViewPayloadSchema }).strict(), output: z.object({ view: SavedViewSchema, ...Undoable }) },
  deleteView: { input: z.object({ name: z.string() }).strict(), output: z.object({ deleted: z.boolean(), ...Undoable }) },
  /** Applies a moment in one transaction and returns the moment that undoes it. */
  applyMoment: { input: z.object({ moment: MomentSchema }).strict(), output: z.object({ ...Undoable }) },
} as const;
