// What the project holds, dataset by dataset, with the date of each dataset's
// data: recorded at import from the file (its name, its header) or the file's
// modification time, and corrected by the analyst through applyMoment's
// dataDates (undoable; `cgm datasets --set-date` does it from the CLI).
// Prints' "Data as of" and credit years read these dates.
import { z } from 'zod';
import { Empty } from './common';

export const DATA_DATE_PATTERN = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;

const DataDateSourceSchema = z.enum(['file', 'modified', 'analyst']);

/**
 * Datasets' dates become these (applyMoment's dataDates): the Data dates
 * dialog's edit, undoable. An inverse puts back the date and where it came
 * from, null where none was recorded.
 */
export const DataDatesMomentSchema = z
  .array(
    z
      .object({
        kind: z.string().trim().min(1).max(100),
        name: z.string().max(200),
        date: z.string().regex(DATA_DATE_PATTERN, 'expected a date as YYYY, YYYY-MM or YYYY-MM-DD').nullable(),
        source: DataDateSourceSchema.nullable().default('analyst'),
      })
      .strict(),
  )
  .min(1)
  .max(200);

export const DatasetInfoSchema = z.object({
  kind: z.string(),
  name: z.string(),
  sourceFile: z.string().nullable(),
  importedAt: z.string(),
  /** YYYY, YYYY-MM or YYYY-MM-DD; null until known. */
  dataDate: z.string().nullable(),
  /** file: the file's name or header said; modified: the file's modification time; analyst: set by hand. */
  dataDateSource: DataDateSourceSchema.nullable(),
});
export type DatasetInfo = z.infer<typeof DatasetInfoSchema>;

export const datasetMethods = {
  listDatasets: { input: Empty, output: z.array(DatasetInfoSchema) },
} as const;
