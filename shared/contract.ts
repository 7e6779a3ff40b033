// The one contract between the renderer and the main-process services.
// Every request is declared here once, with zod schemas for input and output.
// Electron (IPC) and browser mode (loopback HTTP) carry exactly these methods;
// the handlers behind them are the same functions.

import { z } from 'zod';

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
