// opening_hours is 1.4 MB of JavaScript used only by the hours checks and the
// hours analysis: compiled at every `cgm` start it cost ~0.2 s of the 0.3 s
// target, so it is required on first use instead, synchronously, as its
// callers are. The bundles carry it beside themselves as opening-hours.cjs
// (scripts/opening-hours-bundle.mjs); run from the sources it comes from node_modules.
import { createRequire } from 'node:module';
import type OpeningHours from 'opening_hours';

const load = createRequire(import.meta.url);
let lib: typeof OpeningHours | undefined;

export function openingHoursClass(): typeof OpeningHours {
  if (!lib) {
    let mod: { default?: typeof OpeningHours } & typeof OpeningHours;
    try {
      mod = load('./opening-hours.cjs');
    } catch {
      mod = load('opening_hours');
    }
    lib = mod.default ?? mod;
  }
  return lib;
}
