// The project itself: its layers, areas, segments and sites.
import { z } from 'zod';
import { Empty } from './common';
import { ANALYSES, READINESS_STEPS } from '../analysis/readiness';

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

const Share = z.number().min(0).max(1);
/** A segment's behaviour from its profile (issue 15.8): what the availability and awareness rules read. */
export const SegmentProfileSchema = z.object({
  workingAgeShare: Share.optional(),
  employedShare: Share.optional(),
  carAccessShare: Share.optional(),
  /** Preferred contact channels, most effective first. */
  channels: z.array(z.string().trim().min(1).max(60)).max(12).optional(),
  keyFacts: z.string().trim().max(2000).optional(),
}).strict();
export type SegmentProfile = z.infer<typeof SegmentProfileSchema>;
export const SEGMENT_PROFILE_KEYS = ['workingAgeShare', 'employedShare', 'carAccessShare', 'channels', 'keyFacts'] as const;

export const SegmentSchema = z.object({
  scheme: z.string(),
  code: z.string(),
  name: z.string(),
  parentCode: z.string().nullable(),
  level: z.string(),
  colour: z.string().nullable(),
  description: z.string().nullable(),
  /** Its own profile (a segment without one reads its parent's). */
  profile: SegmentProfileSchema.optional(),
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
  /** The imported public-transport timetable, if any: its size and the dates (YYYYMMDD) it covers. */
  transit: z.object({ stops: z.number().int(), trips: z.number().int(), firstDate: z.string().nullable(), lastDate: z.string().nullable() }).nullable().optional(),
});
export type ProjectInfo = z.infer<typeof ProjectInfoSchema>;

export const ServiceSiteSchema = z.object({
  id: z.number(),
  service: z.string(),
  /** The site's own code (ODS code, OSM id), when imported with one. */
  code: z.string().nullable().optional(),
  name: z.string(),
  type: z.string().nullable(),
  lon: z.number(),
  lat: z.number(),
  openingHours: z.string().nullable(),
  proposed: z.boolean().optional(),
});

const ReadinessStepSchema = z.enum(READINESS_STEPS);
/** What is loaded, step by step, and what each analysis is still waiting for (shared/analysis/readiness.ts). */
export const ProjectReadinessSchema = z.object({
  steps: z.array(z.object({ step: ReadinessStepSchema, loaded: z.boolean(), count: z.number(), detail: z.string() })),
  analyses: z.array(z.object({ analysis: z.enum(ANALYSES), ready: z.boolean(), waitingFor: z.array(ReadinessStepSchema), message: z.string().nullable() })),
});
export type ProjectReadiness = z.infer<typeof ProjectReadinessSchema>;

export const ProgressEventSchema = z.object({
  jobId: z.string(),
  message: z.string(),
  /** 0..1, or null when the amount of work is unknown. */
  fraction: z.number().min(0).max(1).nullable(),
});
export type ProgressEvent = z.infer<typeof ProgressEventSchema>;

export const projectMethods = {

  getProjectInfo: { input: Empty, output: ProjectInfoSchema },
  /** The getting-started checklist: what is loaded and what each analysis waits for. */
  getProjectReadiness: { input: Empty, output: ProjectReadinessSchema },
  /** Areas of one geography level, each with its segment in `scheme` when given. */
  getAreaLayer: {
    input: z
      .object({
        level: z.string(),
        scheme: z.string().optional(),
        segmentLevel: z.string().optional(),
        /** false: properties only (geometry null), for a renderer that draws getAreaGeometry's arrays. */
        geometry: z.boolean().optional(),
      })
      .strict(),
    output: FeatureCollectionSchema,
  },
  /** Any feature table of the project (roads, sites...), as GeoJSON in WGS84. */
  getLayerFeatures: {
    input: z.object({ table: z.string(), bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).optional() }).strict(),
    output: FeatureCollectionSchema,
  },
  getSegments: { input: z.object({ scheme: z.string() }).strict(), output: z.array(SegmentSchema) },
  getSites: { input: z.object({ service: z.string().optional() }).strict(), output: z.array(ServiceSiteSchema) },
} as const;
