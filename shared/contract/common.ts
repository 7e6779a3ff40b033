// Small schemas several parts of the contract share.
import { z } from 'zod';

export const Empty = z.object({}).strict();
export const Mode = z.enum(['walk', 'drive']);
/** The population base an analysis runs on; absent = the scheme's own (or the project's only one). */
export const Base = z.enum(['persons', 'households']);
export const StratumName = z.enum(['Priority', 'Moderate', 'Basic', 'Self-care']);
export const SignificanceName = z.enum(['low', 'high', 'not significant']);
/** A count as it may be shown: a number, or '*' where disclosure control hides it. */
export const Disclosed = z.union([z.number(), z.literal('*')]);
export const Interval = z.object({ lower: z.number(), upper: z.number() }).nullable();
