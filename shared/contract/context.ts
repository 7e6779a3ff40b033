// Area context (issue 19): the area indicators a project holds and the
// cross-tabulation of a service's segments against IMD deciles, an indicator
// or another scheme (`cgm indicators`, `cgm crosstab`).
import { z } from 'zod';
import { Base, Disclosed } from './common';
import { ExportFileSchema } from './exports';

export const AreaIndicatorSchema = z.object({ name: z.string(), level: z.string(), kind: z.enum(['score', 'rate', 'count', 'rank', 'decile']), note: z.string().nullable() });

const Rate = z.union([z.number(), z.literal('*')]).nullable();
export const CrosstabRowSchema = z.object({
  row_code: z.string(), row_name: z.string(), column: z.string(), base: z.number(), users: Disclosed, penetration: Rate, index: Rate,
  expected: z.number().nullable(), uptake_ratio: Rate, ci95_lower: Rate, ci95_upper: Rate, significance: z.string().nullable(),
});
export type CrosstabRow = z.infer<typeof CrosstabRowSchema>;

export const CrosstabRequestSchema = z.object({
  service: z.string().min(1), scheme: z.string().min(1), segmentLevel: z.string().optional(),
  /** imd_decile, an area indicator, or another scheme. */
  by: z.string().min(1), byLevel: z.string().optional(), indicator: z.string().optional(),
  period: z.string().optional(), base: Base.optional(), presentation: z.boolean().default(false),
}).strict();

export const contextMethods = {
  /** The area indicators held, and the choices a crosstab can be across (imd_decile first when there is an IMD decile). */
  getAreaContext: {
    input: z.object({}).strict(),
    output: z.object({ indicators: z.array(AreaIndicatorSchema), crosstabBy: z.array(z.string()), comparators: z.array(z.object({ name: z.string(), scheme: z.string() })) }),
  },
  /** Every area indicator's value for one area at its level, with the method that took it there (the area panel). */
  getAreaIndicatorValues: {
    input: z.object({ level: z.string().min(1), code: z.string().min(1) }).strict(),
    output: z.object({ values: z.array(AreaIndicatorSchema.extend({ value: z.number().nullable(), method: z.string() })) }),
  },
  /**
   * One indicator in every area of a level (the map layer): values as `cgm indicators` gives them,
   * the method sentence, and why there are none where its method gives none (a decile averaged up).
   */
  getAreaIndicatorLayer: {
    input: z.object({ indicator: z.string().min(1), level: z.string().min(1) }).strict(),
    output: z.object({
      indicator: AreaIndicatorSchema, level: z.string(), method: z.string(), problem: z.string().nullable(),
      values: z.array(z.object({ code: z.string(), value: z.number() })),
    }),
  },
  getCrosstab: {
    input: CrosstabRequestSchema,
    output: z.object({ columnsAre: z.string(), columns: z.array(z.string()), exactCounts: z.boolean(), disclosureNote: z.string(), leftOutAreas: z.number().int(), rows: z.array(CrosstabRowSchema) }),
  },
  /** The same table as a CSV file, always under the project's sharing rule (as every export). */
  exportCrosstab: { input: CrosstabRequestSchema.omit({ presentation: true }), output: ExportFileSchema },
} as const;
