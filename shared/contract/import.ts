// Import from the app (drag-and-drop or file dialog).
// Options mirror the importers' option types in electron/importers; the
// handler checks they still agree at compile time.
import { z } from 'zod';

export const IMPORT_KINDS = ['boundaries', 'segments', 'assignments', 'population', 'postcodes', 'rates', 'users', 'sites', 'site-hours', 'segment-profile', 'lookup', 'roads', 'indicators', 'comparator', 'gtfs'] as const;
export const ImportKindSchema = z.enum(IMPORT_KINDS);
export type ImportKindName = z.infer<typeof ImportKindSchema>;

// An empty box in the dialog means "not in this file", the same as leaving the option out.
const field = z.string().trim().transform((s) => s || undefined).optional();
const name = (what: string) => z.string().trim().min(1, `${what} is required`);
const crs = field;

export const ImportOptionSchemas = {
  boundaries: z.object({ level: name('a geography level name'), codeField: name('the area code column'), nameField: field, parentField: field, parentLevel: field, crs, layer: field, repair: z.boolean().optional() }).strict(),
  segments: z.object({ scheme: name('a scheme name'), codeField: field, nameField: field, parentField: field, levelField: field, colourField: field, descriptionField: field, level: field }).strict(),
  assignments: z.object({
    scheme: name('a scheme name'), areaField: field, segmentField: field, countField: field,
    postcodeField: field, base: z.enum(['persons', 'households']).optional(),
    // All levels of a scheme in one file (OAC's supergroup, group, subgroup), coarsest first, with optional name columns.
    levelFields: z.array(z.string().trim().min(1)).max(8).optional(), nameFields: z.array(z.string().trim()).max(8).optional(),
  }).strict(),
  population: z.object({ areaField: field, countField: name('the count column'), base: z.enum(['persons', 'households']).optional(), communalField: field }).strict(),
  postcodes: z.object({ postcodeField: field, latField: field, lonField: field, eastingField: field, northingField: field, areaField: field, terminatedField: field, crs }).strict(),
  rates: z.object({
    indicator: name('an indicator name'), scheme: field, segmentField: name('the segment column'), rateField: field, indexField: field,
    referenceRate: z.union([z.string().trim().min(1), z.number()]).optional(), rateUnit: z.enum(['auto', 'proportion', 'percent', 'per1000']).optional(), note: field,
  }).strict(),
  users: z.object({
    service: name('a service name'), postcodeField: field, dateField: field, period: z.enum(['month', 'quarter', 'year', 'financial-year']).optional(), schemes: z.array(z.string()).optional(),
    segmentField: field, segmentScheme: field,
  }).strict(),
  // replace: the service's other sites (not what-if ones) are removed; without it the file's sites are added.
  sites: z.object({ service: name('a service name'), codeField: field, replace: z.boolean().optional(), nameField: field, typeField: field, hoursField: field, postcodeField: field, latField: field, lonField: field, eastingField: field, northingField: field, proposedField: field, where: field, type: field, crs }).strict(),
  'site-hours': z.object({ service: name('a service name'), codeField: field, hoursField: field }).strict(),
  'segment-profile': z.object({
    scheme: field, segmentField: field, workingAgeField: field, employedField: field, carAccessField: field, channelsField: field, keyFactsField: field,
  }).strict(),
  lookup: z.object({ parentLevel: name('a name for the new level'), childLevel: field, childField: field, parentField: field, nameField: field }).strict(),
  roads: z.object({}).strict(),
  // fields: comma-separated column names (default: every numeric column); kinds only from the CLI.
  indicators: z.object({ areaField: name('the area code column'), level: name('the level of the area codes'), fields: field }).strict(),
  comparator: z.object({ name: name('a comparator name'), scheme: name('a scheme name'), segmentField: name('the segment column'), countField: name('the count column') }).strict(),
  gtfs: z.object({}).strict(),
} as const;

const runOf = <K extends ImportKindName>(kind: K) =>
  z.object({ fileId: z.string(), kind: z.literal(kind), options: ImportOptionSchemas[kind] }).strict();
export const RunImportSchema = z.discriminatedUnion('kind', [
  runOf('boundaries'), runOf('segments'), runOf('assignments'), runOf('population'), runOf('postcodes'),
  runOf('rates'), runOf('users'), runOf('sites'), runOf('site-hours'), runOf('segment-profile'), runOf('lookup'), runOf('roads'),
  runOf('indicators'), runOf('comparator'), runOf('gtfs'),
]);
export type RunImportInput = z.input<typeof RunImportSchema>;

/** A file held in the main process's memory between dropping it and importing it. */
export const StagedFileSchema = z.object({
  fileId: z.string(),
  name: z.string(),
  size: z.number().int(),
  format: z.enum(['csv', 'geojson', 'shapefile', 'geopackage', 'osm', 'gtfs']),
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

/**
 * A dropped file crosses to the main process in chunks, so a national file
 * (a postcode directory of a gigabyte) never has to be one string in either
 * process, and the dialog can show how much has been sent.
 */
export const IMPORT_CHUNK_BYTES = 8 * 1024 * 1024;
/** The most one import may hold in main-process memory, a shapefile's sidecars included. */
export const MAX_IMPORT_BYTES = 4 * 1024 * 1024 * 1024;

const uploadId = z.string().min(1).max(64);
/** A shapefile sidecar's extension, lower case; "main" names the dropped file itself. */
const sidecarExt = z.string().regex(/^(?!main$)[a-z0-9]{1,8}$/, 'is not a sidecar extension');
const byteCount = z.number().int().nonnegative();

export const importMethods = {
  /** Opens an upload: the main process sets aside memory (never disk) for the file and its sidecars. */
  beginImportUpload: {
    input: z
      .object({
        name: z.string().trim().min(1).max(255),
        size: byteCount,
        /** Shapefile sidecars' sizes keyed by lower-case extension: { dbf, prj, cpg, shx }. */
        siblings: z.record(sidecarExt, byteCount).optional(),
        /** The file's modification time (ms since 1970), the data's date when the file itself says none. */
        lastModified: z.number().int().nonnegative().optional(),
      })
      .strict(),
    output: z.object({ uploadId, chunkBytes: z.number().int().positive() }),
  },
  /** One chunk of one part, in order: offset is where the previous chunk of that part ended. */
  putImportChunk: {
    input: z
      .object({
        uploadId,
        part: z.union([z.literal('main'), sidecarExt]),
        offset: byteCount,
        dataBase64: z.string().max(Math.ceil(IMPORT_CHUNK_BYTES / 3) * 4, `is longer than a chunk may be (${IMPORT_CHUNK_BYTES / 1024 / 1024} MiB)`),
      })
      .strict(),
    /** Bytes of this part received so far. */
    output: z.object({ received: byteCount }),
  },
  /** Every byte has arrived: the file is staged and described for the mapping step. */
  finishImportUpload: { input: z.object({ uploadId }).strict(), output: StagedFileSchema },
  /** Stops an upload (the analyst's Cancel) and wipes what had arrived. */
  abandonImportUpload: { input: z.object({ uploadId }).strict(), output: z.object({ abandoned: z.boolean() }) },
  /** Imports a staged file; progress events carry "Importing <name>" first. The staged bytes are dropped on success. */
  runImport: { input: RunImportSchema, output: ImportSummarySchema },
  /** Stops a running import of this staged file; the project is left as it was. */
  cancelImport: { input: z.object({ fileId: z.string() }).strict(), output: z.object({ cancelled: z.boolean() }) },
  /** How many rows of a staged file a filter (the `--where` grammar, shared/import/row-filter.ts) keeps, before importing. */
  countImportRows: {
    input: z.object({ fileId: z.string(), where: z.string().max(4000) }).strict(),
    output: z.object({ rows: z.number().int(), kept: z.number().int() }),
  },
  /** Drops a staged file the analyst decided not to import. */
  discardImportFile: { input: z.object({ fileId: z.string() }).strict(), output: z.object({ discarded: z.boolean() }) },
} as const;
