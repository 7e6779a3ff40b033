// Exports (issue 7).
// Every export comes back as bytes with a suggested file name; the renderer
// downloads it (a Blob in browser mode; Electron shows its save dialog for the
// download), so the renderer never names a path for the main process to write.
// Disclosure is applied by the main process with the project rule, never exact.
import { z } from 'zod';
import { Base, Empty, Mode } from './common';

const ExportChoice = {
  /** Each defaults to the project's only service / indicator; several → an error listing them. */
  service: z.string().optional(),
  indicator: z.string().optional(),
  scheme: z.string().optional(),
  /** The scheme's level the tables and dominant segments speak of, as the Analysis panel picks it. */
  segmentLevel: z.string().optional(),
  mode: z.enum(['walk', 'drive']).optional(),
  base: Base.optional(),
  /** One users period (e.g. 2024-Q1), as the analysis panel shows; absent = all periods. */
  period: z.string().optional(),
  /** The geography level of area tables and layers (gaps, strata), as the map shows; absent = the finest. */
  level: z.string().optional(),
  /** The what-if on screen: count the proposed sites as open (as the map and dock do); absent = real sites only. */
  includeProposed: z.boolean().optional(),
  /** A comparator base (England, a region): the profile table and the report's profile gain its share and both indexes. */
  comparator: z.string().optional(),
  /** The band table's public-transport column group, as the dock shows it: the day and the departure window. */
  transit: z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date written YYYY-MM-DD'), depart: z.string() }).strict().optional(),
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
    /** The analysis an analysis layer is drawn for (a saved view keeps its own); default: the project's first, walking. */
    service: ExportChoice.service,
    indicator: ExportChoice.indicator,
    mode: ExportChoice.mode,
    /** The day and departure window of the transit isochrone layer, as the map shows it. */
    transit: ExportChoice.transit,
  })
  .strict()
  .refine((v) => (v.view === undefined) !== (v.layer === undefined), 'name a saved view or a layer, not both');
export const MapCreditsSchema = z.object({
  projectName: z.string(),
  attributions: z.array(z.string()),
  /** The newest of the data's own dates among the data shown (YYYY, YYYY-MM or YYYY-MM-DD), or null when none is recorded. */
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
