// The workspace's own choices kept in the project (issue 16): the geography
// level the map, tables and exports are at, so reopening the project shows the
// level the analyst left it at (an LSOA map for sharing is one click, and stays).
import { z } from 'zod';
import { Empty } from './common';

export const viewMethods = {
  /** The level chosen last, or null when none was (the app then picks the finest with segments). */
  getMapLevel: { input: Empty, output: z.object({ level: z.string().nullable() }) },
  /** Keeps the level chosen; one the project lacks is refused naming those it has. */
  setMapLevel: { input: z.object({ level: z.string().trim().min(1).max(200) }).strict(), output: z.object({ level: z.string() }) },
} as const;
