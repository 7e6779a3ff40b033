// Find (the header's search box): areas by code or name, and postcodes.
import { z } from 'zod';

export const FindResultSchema = z.object({
  kind: z.enum(['area', 'postcode']),
  /** The geography level of an area found; null for a postcode. */
  level: z.string().nullable(),
  /** The area's code, or the postcode as the project holds it ("LE15 6NT"). */
  code: z.string(),
  /** The area's name; for a postcode, the name of the area it lies in. */
  name: z.string().nullable(),
  /**
   * The areas to select at the level asked for: the area itself; the one a finer
   * area or a postcode lies in; or a coarser area's own (an LSOA's OAs). Empty
   * when it lies in none.
   */
  areaCodes: z.array(z.string()),
  /** Where a postcode is, [lon, lat], to zoom to; null for areas (the map knows their shapes). */
  point: z.tuple([z.number(), z.number()]).nullable(),
  /** "terminated" for a postcode no longer in use; null otherwise. */
  status: z.string().nullable(),
});
export type FindResult = z.infer<typeof FindResultSchema>;

export const findMethods = {
  /** Areas (of every level) whose code or name contains the text, and postcodes starting with it, best first, placed on `level`'s areas. */
  findInProject: {
    input: z
      .object({
        text: z.string().trim().min(1, 'type something to find').max(100),
        level: z.string().min(1),
        limit: z.number().int().min(1).max(50).optional(),
      })
      .strict(),
    output: z.object({ results: z.array(FindResultSchema) }),
  },
} as const;
