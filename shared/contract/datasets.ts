// What the project holds, dataset by dataset, with the date of each dataset's
// data: recorded at import from the file (its name, its header) or the file's
// modification time, and corrected by the analyst here (as `cgm datasets
// --set-date` does). Prints' "Data as of" and credit years read these dates.
import { z } from 'zod';
import { Empty } from './common';

export const DATA_DATE_PATTERN = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;

export const DatasetInfoSchema = z.object({
  kind: z.string(),
  name: z.string(),
  sourceFile: z.string().nullable(),
  importedAt: z.string(),
  /** YYYY, YYYY-MM or YYYY-MM-DD; null until known. */
  dataDate: z.string().nullable(),
  /** file: the file's name or header said; modified: the file's modification time; analyst: set by hand. */
  dataDateSource: z.enum(['file', 'modified', 'analyst']).nullable(),
});
export type DatasetInfo = z.infer<typeof DatasetInfoSchema>;

export const datasetMethods = {
  listDatasets: { input: Empty, output: z.array(DatasetInfoSchema) },
  /** Sets the data date of every dataset of `kind` (or of the one named); a kind the project lacks is refused. */
  setDatasetDate: {
    input: z
      .object({
        kind: z.string().trim().min(1).max(100),
        name: z.string().max(200).optional(),
        date: z.string().regex(DATA_DATE_PATTERN, 'expected a date as YYYY, YYYY-MM or YYYY-MM-DD'),
      })
      .strict(),
    output: z.array(DatasetInfoSchema),
  },
} as const;
