// Public transport on the map (issue 19): the bands of median journey time
// from the imported timetable, for the day and departure window the analyst
// chose (the band table's public-transport columns use the same choice).
import { z } from 'zod';
import { FeatureCollectionSchema } from './project';

export const TransitChoiceSchema = {
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date written YYYY-MM-DD'),
  depart: z.string().regex(/^(\d{1,2}:\d{2}-\d{1,2}:\d{2}|opening-hours)$/, 'a window written HH:MM-HH:MM, or opening-hours'),
};

export const TransitIsochroneSchema = z.object({
  service: z.string(),
  date: z.string(),
  depart: z.string(),
  /** The geography level whose areas make up the bands. */
  level: z.string(),
  minutes: z.array(z.number()),
  /** Incremental rings: each feature is the areas whose median journey is from `fromMinutes` to `minutes`. */
  bands: FeatureCollectionSchema,
  assumptions: z.string(),
});

export const transitMethods = {
  /** Transit isochrones: each band the union of the areas whose median public-transport journey is within it. */
  getTransitIsochrones: {
    input: z
      .object({ service: z.string(), ...TransitChoiceSchema, minutes: z.array(z.number().positive().max(240)).min(1).max(8).default([5, 10, 15, 20, 25]) })
      .strict(),
    output: TransitIsochroneSchema,
  },
};
