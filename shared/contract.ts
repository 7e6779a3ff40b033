// The one contract between the renderer and the main-process services.
// Every request is declared here once, with zod schemas for input and output.
// Electron (IPC) and browser mode (loopback HTTP) carry exactly these methods;
// the handlers behind them are the same functions.

import { z } from 'zod';
import { EMBED_TABLES, sectionDef, WORKBOOK_SECTION_IDS } from './workbook/sections';

const GeoJsonGeometry = z.object({ type: z.string(), coordinates: z.any() }).passthrough();
const GeoJsonFeature = z.object({
  type: z.literal('Feature'),
  id: z.union([z.string(), z.number()]).optional(),
  geometry: GeoJsonGeometry.nullable(),
  properties: z.record(z.string(), z.any()).nullable(),
});
export const FeatureCollectionSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(GeoJsonFeature),
});

export const LayerInfoSchema = z.object({
  /** GeoPackage table name, e.g. area_oa, roads, service_sites. */
  table: z.string(),
  title: z.string(),
  kind: z.enum(['areas', 'roads', 'sites', 'other']),
  geometryType: z.string(),
  featureCount: z.number().int(),
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).nullable(),
});
export type LayerInfo = z.infer<typeof LayerInfoSchema>;

export const SegmentSchema = z.object({
  scheme: z.string(),
  code: z.string(),
  name: z.string(),
  parentCode: z.string().nullable(),
  level: z.string(),
  colour: z.string().nullable(),
  description: z.string().nullable(),
});

export const ProjectInfoSchema = z.object({
  path: z.string(),
  name: z.string(),
  schemaVersion: z.number().int(),
  layers: z.array(LayerInfoSchema),
  levels: z.array(z.object({ level: z.string(), table: z.string(), parentLevel: z.string().nullable() })),
  schemes: z.array(z.object({ name: z.string(), segmentCount: z.number().int() })),
  services: z.array(z.string()),
  indicators: z.array(z.string()),
  attributions: z.array(z.string()),
});
export type ProjectInfo = z.infer<typeof ProjectInfoSchema>;

export const ServiceSiteSchema = z.object({
  id: z.number(),
  service: z.string(),
  name: z.string(),
  type: z.string().nullable(),
  lon: z.number(),
  lat: z.number(),
  openingHours: z.string().nullable(),
  proposed: z.boolean().optional(),
});

export const ProgressEventSchema = z.object({
  jobId: z.string(),
  message: z.string(),
  /** 0..1, or null when the amount of work is unknown. */
  fraction: z.number().min(0).max(1).nullable(),
});
export type ProgressEvent = z.infer<typeof ProgressEventSchema>;

const Disclosed = z.union([z.number(), z.literal('*')]);
const Interval = z.object({ lower: z.number(), upper: z.number() }).nullable();

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
  significance: z.enum(['low', 'high', 'not significant']),
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
    totalUnmet: z.number(),
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

const AnalysisRequest = z
  .object({
    service: z.string(),
    indicator: z.string(),
    mode: z.enum(['walk', 'drive']).default('walk'),
    level: z.string().optional(),
    /** Presentation views and exports apply the project's disclosure rule. */
    presentation: z.boolean().default(false),
  })
  .strict();

const Empty = z.object({}).strict();

// ---- Import from the app (drag-and-drop or file dialog) ----
// Options mirror the importers' option types in electron/importers; the
// handler checks they still agree at compile time.

export const IMPORT_KINDS = ['boundaries', 'segments', 'assignments', 'population', 'postcodes', 'rates', 'users', 'sites', 'roads'] as const;
export const ImportKindSchema = z.enum(IMPORT_KINDS);
export type ImportKindName = z.infer<typeof ImportKindSchema>;

// An empty box in the dialog means "not in this file", the same as leaving the option out.
const field = z.string().trim().transform((s) => s || undefined).optional();
const name = (what: string) => z.string().trim().min(1, `${what} is required`);
const crs = field;

export const ImportOptionSchemas = {
  boundaries: z.object({ level: name('a geography level name'), codeField: name('the area code column'), nameField: field, parentField: field, parentLevel: field, crs, layer: field, repair: z.boolean().optional() }).strict(),
  segments: z.object({ scheme: name('a scheme name'), codeField: field, nameField: field, parentField: field, levelField: field, colourField: field, descriptionField: field, level: field }).strict(),
  assignments: z.object({ scheme: name('a scheme name'), areaField: field, segmentField: name('the segment column'), countField: field }).strict(),
  population: z.object({ areaField: field, countField: name('the count column'), base: z.enum(['persons', 'households']).optional() }).strict(),
  postcodes: z.object({ postcodeField: field, latField: field, lonField: field, eastingField: field, northingField: field, areaField: field, terminatedField: field, crs }).strict(),
  rates: z.object({
    indicator: name('an indicator name'), scheme: field, segmentField: name('the segment column'), rateField: field, indexField: field,
    referenceRate: z.union([z.string().trim().min(1), z.number()]).optional(), rateUnit: z.enum(['auto', 'proportion', 'percent', 'per1000']).optional(), note: field,
  }).strict(),
  users: z.object({ service: name('a service name'), postcodeField: field, dateField: field, period: z.enum(['month', 'quarter', 'year', 'financial-year']).optional(), schemes: z.array(z.string()).optional() }).strict(),
  sites: z.object({ service: name('a service name'), nameField: field, typeField: field, hoursField: field, postcodeField: field, latField: field, lonField: field, eastingField: field, northingField: field, proposedField: field, where: field, type: field, crs }).strict(),
  roads: z.object({}).strict(),
} as const;

const runOf = <K extends ImportKindName>(kind: K) =>
  z.object({ fileId: z.string(), kind: z.literal(kind), options: ImportOptionSchemas[kind] }).strict();
export const RunImportSchema = z.discriminatedUnion('kind', [
  runOf('boundaries'), runOf('segments'), runOf('assignments'), runOf('population'), runOf('postcodes'),
  runOf('rates'), runOf('users'), runOf('sites'), runOf('roads'),
]);
export type RunImportInput = z.input<typeof RunImportSchema>;

/** A file held in the main process's memory between dropping it and importing it. */
export const StagedFileSchema = z.object({
  fileId: z.string(),
  name: z.string(),
  size: z.number().int(),
  format: z.enum(['csv', 'geojson', 'shapefile', 'geopackage', 'osm']),
  /** Sidecar extensions received with a shapefile: dbf, prj, cpg, shx. */
  siblings: z.array(z.string()),
  /** False for a shapefile without .prj: the dialog then asks for the CRS. */
  declaresCrs: z.boolean(),
  kindGuess: ImportKindSchema.nullable(),
  headers: z.array(z.string()),
  /** The first few rows, as text, for the preview table. */
  sampleRows: z.array(z.array(z.string())),
  /** Column suggested for each field role, per import kind. */
  suggested: z.record(z.string(), z.record(z.string(), z.string())),
  /** e.g. "semicolon-separated, UTF-8 with BOM"; geometry type for vector files. */
  description: z.string(),
  /** GeoPackage feature layers, when there are several. */
  layers: z.array(z.string()),
});
export type StagedFile = z.infer<typeof StagedFileSchema>;

export const ImportSummarySchema = z.object({
  kind: ImportKindSchema,
  dataset: z.string(),
  file: z.string(),
  rowsRead: z.number().int(),
  imported: z.number().int(),
  rejected: z.record(z.string(), z.number().int()),
  warnings: z.array(z.string()),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type ImportSummaryResult = z.infer<typeof ImportSummarySchema>;

// ---- Map analysis layers, what-if sites and strata (issue 6) ----

const Mode = z.enum(['walk', 'drive']);
const StratumName = z.enum(['Priority', 'Moderate', 'Basic', 'Self-care']);

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

const StrataRequest = z.object({ service: z.string(), indicator: z.string(), mode: Mode.default('walk') });

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
        presentation: z.boolean().default(false),
        includeProposed: z.boolean().default(false),
      })
      .strict(),
    output: AreaAnalysisSchema,
  },
  getStrata: { input: StrataRequest.strict(), output: z.object({ rows: z.array(StratumRowSchema) }) },
  /** Records the analyst's stratum for an area; lowering below the proposal without a reason is refused. */
  decideStratum: {
    input: StrataRequest.extend({ areaCode: z.string(), assigned: StratumName, reason: z.string().max(2000).nullable().optional() }).strict(),
    output: StratumRowSchema,
  },
  /** Replaces the service's proposed (what-if) sites: listed ids are moved or renamed, new ones added, the rest removed. */
  setProposedSites: {
    input: z.object({ service: z.string(), sites: z.array(ProposedSiteInputSchema).max(50) }).strict(),
    output: z.array(ServiceSiteSchema),
  },
  /** Makes a proposed site a real one of the service. */
  confirmProposedSite: { input: z.object({ service: z.string(), id: z.number().int().positive() }).strict(), output: ServiceSiteSchema },
} as const;

// ---- Analysis tables, workbook, saved views and undo (issue 6) ----

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
  /** Column labels, e.g. ["<5", "5–10", ..., ">25"]. */
  labels: z.array(z.string()),
  limits: z.array(z.number()),
  rows: z.array(
    z.object({
      /** 1 = most need; null on the all-population row. */
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
const SignificanceName = z.enum(['low', 'high', 'not significant']);
export const FunnelPlotSchema = z.object({
  exactCounts: z.boolean(),
  disclosureNote: z.string(),
  /** One point per area with a ratio to show (suppressed areas are left out of presentation plots). */
  points: z.array(
    z.object({ code: z.string(), name: z.string().nullable(), expected: z.number(), ratio: z.number(), significance95: SignificanceName, significance998: SignificanceName }),
  ),
  limits: z.object({ lower95: FunnelLine, upper95: FunnelLine, lower998: FunnelLine, upper998: FunnelLine }),
  omitted: z.number().int(),
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
  })
  .strict();
export type Moment = z.input<typeof MomentSchema>;

const Undoable = { inverse: MomentSchema };

export const workbookMethods = {
  /** Travel-time band table (toolkit §4): segments ranked by need, cumulative % of base within each band of the nearest site. */
  getBandTable: {
    input: z
      .object({
        service: z.string(),
        indicator: z.string().optional(),
        mode: Mode.default('walk'),
        minutes: z.array(z.number().positive().max(240)).min(1).max(10).optional(),
        scheme: z.string().optional(),
        segmentLevel: z.string().optional(),
        /** Count what-if sites as open, as the map's what-if view does. */
        includeProposed: z.boolean().default(false),
      })
      .strict(),
    output: BandTableSchema,
  },
  /** Uptake ratios against expected users with 95% and 99.8% control limits. */
  getFunnelPlot: { input: AnalysisRequest, output: FunnelPlotSchema },
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

// ---- Exports (issue 7) ----
// Every export comes back as bytes with a suggested file name; the renderer
// downloads it (a Blob in browser mode; Electron shows its save dialog for the
// download), so the renderer never names a path for the main process to write.
// Disclosure is applied by the main process with the project rule, never exact.
const ExportChoice = {
  /** Each defaults to the project's only service / indicator; several → an error listing them. */
  service: z.string().optional(),
  indicator: z.string().optional(),
  scheme: z.string().optional(),
  mode: z.enum(['walk', 'drive']).optional(),
};
export const EXPORT_TABLES = ['profile', 'bands', 'gaps', 'strata'] as const;
export const ExportFileSchema = z.object({
  filename: z.string(),
  mimeType: z.string(),
  dataBase64: z.string(),
  sizeBytes: z.number().int(),
});
export type ExportFileResult = z.infer<typeof ExportFileSchema>;
export const ExportLayerInfoSchema = z.object({
  name: z.string(),
  title: z.string(),
  kind: z.enum(['table', 'analysis']),
  geometryType: z.string(),
});

/** screen (1920×1080), A4 / A3 landscape at 300 dpi, or any WIDTHxHEIGHT in pixels up to a poster. */
export const PNG_SIZE_PATTERN = /^(screen|a4|a3|\d{2,5}x\d{2,5})$/i;
export const ExportPngSchema = z
  .object({
    view: z.string().trim().min(1).optional(),
    layer: z.string().trim().min(1).optional(),
    size: z.string().trim().regex(PNG_SIZE_PATTERN, 'size is screen, a4, a3 or WIDTHxHEIGHT').default('a4'),
    title: z.string().trim().max(200).optional(),
    subtitle: z.string().trim().max(300).optional(),
  })
  .strict()
  .refine((v) => (v.view === undefined) !== (v.layer === undefined), 'name a saved view or a layer, not both');
export const MapCreditsSchema = z.object({
  projectName: z.string(),
  attributions: z.array(z.string()),
  /** ISO date of the newest import among the data shown, or null when none is recorded. */
  dataDate: z.string().nullable(),
  disclosureNote: z.string(),
});

export const exportMethods = {
  /** Layers that can be exported: the project's tables plus analysis layers (gaps, gaps_<level>, strata). */
  listExportLayers: { input: Empty, output: z.array(ExportLayerInfoSchema) },
  /** One table as CSV for Excel (UTF-8 BOM, CRLF, formula-safe). */
  exportTable: { input: z.object({ table: z.enum(EXPORT_TABLES), ...ExportChoice }).strict(), output: ExportFileSchema },
  /** One layer as RFC 7946 GeoJSON. */
  exportLayer: { input: z.object({ layer: z.string(), ...ExportChoice }).strict(), output: ExportFileSchema },
  /** Several layers in a new GeoPackage. */
  exportGeoPackage: { input: z.object({ layers: z.array(z.string()).min(1).max(50), ...ExportChoice }).strict(), output: ExportFileSchema },
  /** The workbook report, A4 with contents and page numbers. */
  exportReport: { input: z.object({ format: z.enum(['pdf', 'html']), ...ExportChoice }).strict(), output: ExportFileSchema },
  /** A composed map as PNG: a saved view or one layer, at screen, A4 or A3 (300 dpi) or WxH pixels. */
  exportPng: { input: ExportPngSchema, output: ExportFileSchema },
  /** What a printed map must carry for the layers it shows (each given by its source call). */
  getMapCredits: {
    input: z.object({ sources: z.array(z.object({ method: z.string(), input: z.record(z.string(), z.unknown()).default({}) }).strict()).max(100) }).strict(),
    output: MapCreditsSchema,
  },
} as const;

// ---- Offline base-map tiles (issue 6) ----
// The project may name a local PMTiles or MBTiles file for the base map. Its
// tiles are binary and fetched by maplibre itself, so they are served beside
// the contract (browser mode: GET /tiles/{z}/{x}/{y}.{ext}?token=; Electron:
// cgm-app://app/tiles/...), with the same token and origin rules.
export const BASEMAP_TILE_FORMATS = ['pbf', 'png', 'jpg', 'webp'] as const;
export const BasemapInfoSchema = z.object({
  kind: z.enum(['pmtiles', 'mbtiles']),
  path: z.string(),
  name: z.string(),
  format: z.enum(BASEMAP_TILE_FORMATS),
  /** [west, south, east, north] in degrees. */
  bounds: z.tuple([z.number(), z.number(), z.number(), z.number()]),
  minzoom: z.number().int(),
  maxzoom: z.number().int(),
  attribution: z.string().nullable(),
  vectorLayers: z.array(z.object({ id: z.string(), minzoom: z.number().optional(), maxzoom: z.number().optional() })),
  /** Changes with the file's path and modification time; tile URLs carry it to miss stale caches. */
  version: z.string(),
});
export type BasemapInfo = z.infer<typeof BasemapInfoSchema>;

export const basemapMethods = {
  /** Stores the project's base-map tile file after checking it is a readable PMTiles/MBTiles; null clears it. */
  setBasemapTiles: { input: z.object({ path: z.string().trim().min(1).max(4096).nullable() }).strict(), output: BasemapInfoSchema.nullable() },
  /** The project's tile file as TileJSON-like facts, or null when the base map is drawn from the project's own data. */
  getBasemapInfo: { input: Empty, output: BasemapInfoSchema.nullable() },
} as const;

export const contract = {
  getProjectInfo: { input: Empty, output: ProjectInfoSchema },
  /** Areas of one geography level, each with its segment in `scheme` when given. */
  getAreaLayer: {
    input: z.object({ level: z.string(), scheme: z.string().optional(), segmentLevel: z.string().optional() }).strict(),
    output: FeatureCollectionSchema,
  },
  /** Any feature table of the project (roads, sites...), as GeoJSON in WGS84. */
  getLayerFeatures: {
    input: z.object({ table: z.string(), bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).optional() }).strict(),
    output: FeatureCollectionSchema,
  },
  getSegments: { input: z.object({ scheme: z.string() }).strict(), output: z.array(SegmentSchema) },
  getSites: { input: z.object({ service: z.string().optional() }).strict(), output: z.array(ServiceSiteSchema) },
  getAreaAnalysis: { input: AnalysisRequest, output: AreaAnalysisSchema },
  getProfile: {
    input: z
      .object({ service: z.string(), scheme: z.string(), segmentLevel: z.string().optional(), presentation: z.boolean().default(false) })
      .strict(),
    output: ProfileResultSchema,
  },
  /** Holds a dropped file in main-process memory (never on disk) and describes it for the mapping step. */
  stageImportFile: {
    input: z
      .object({
        name: z.string().trim().min(1).max(255),
        dataBase64: z.string(),
        /** Shapefile sidecars keyed by lower-case extension: { dbf, prj, cpg, shx }. */
        siblings: z.record(z.string().regex(/^[a-z0-9]{1,8}$/), z.string()).optional(),
      })
      .strict(),
    output: StagedFileSchema,
  },
  /** Imports a staged file; progress events carry "Importing <name>" first. The staged bytes are dropped on success. */
  runImport: { input: RunImportSchema, output: ImportSummarySchema },
  /** Stops a running import of this staged file; the project is left as it was. */
  cancelImport: { input: z.object({ fileId: z.string() }).strict(), output: z.object({ cancelled: z.boolean() }) },
  /** Drops a staged file the analyst decided not to import. */
  discardImportFile: { input: z.object({ fileId: z.string() }).strict(), output: z.object({ discarded: z.boolean() }) },
  ...mapMethods,
  ...workbookMethods,
  ...exportMethods,
  ...basemapMethods,
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>;
export const METHOD_NAMES = Object.keys(contract) as MethodName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

/** What a handler may use besides its input: progress reporting and cancellation. */
export interface CallContext {
  progress(message: string, fraction: number | null): void;
  signal: AbortSignal;
}

export type Handlers = {
  [M in MethodName]: (input: z.output<Contract[M]['input']>, ctx: CallContext) => Promise<MethodOutput<M>>;
};

/** The renderer's view of the transport; it never knows whether it is IPC or HTTP. */
export interface CgmApi {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  onProgress(listener: (event: ProgressEvent) => void): () => void;
}

/** Errors cross the boundary as this shape, so the renderer can show file/row/field. */
export const ApiErrorSchema = z.object({ error: z.string(), code: z.string().optional() });
