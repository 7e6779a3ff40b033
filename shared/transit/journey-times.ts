// Door-to-service journey times by public transport over a departure window:
// walk to stops, ride (RAPTOR), walk from the last stop to the nearest site,
// or walk all the way when that is quicker. The toolkit's question is "how long
// does it take", and a bus every 30 minutes makes that depend on when you
// leave, so the answer is the median over every departure minute in the window.
import { raptor, raptorScratch, type RaptorOptions, type RaptorScratch } from './raptor';
import type { Timetable } from './timetable';

export interface StopWalk {
  stop: number;
  seconds: number;
}

export interface OriginAccess {
  /** Walks from the origin to stops it can reach on foot. */
  access: StopWalk[];
  /** Walking all the way to the nearest site; Infinity when it cannot be walked. */
  directWalkSeconds: number;
}

export interface WindowOptions extends RaptorOptions {
  /** Seconds after midnight, inclusive. */
  from: number;
  /** Seconds after midnight, exclusive. */
  to: number;
  /** Default 60: one departure a minute. */
  stepSeconds?: number;
}

/** Door-to-site seconds leaving at `depart`; Infinity when nothing gets there. */
export function journeySeconds(
  tt: Timetable, origin: OriginAccess, egress: Float64Array, depart: number, options: RaptorOptions = {}, scratch?: RaptorScratch,
): number {
  let best = origin.directWalkSeconds;
  if (origin.access.length === 0) return best;
  const arrival = raptor(tt, origin.access.map((a) => ({ stop: a.stop, time: depart + a.seconds })), options, scratch);
  for (let s = 0; s < arrival.length; s++) {
    if (arrival[s] === Infinity || egress[s] === Infinity) continue;
    const total = arrival[s] + egress[s] - depart;
    if (total < best) best = total;
  }
  return best;
}

/** The median of the journey times (Infinity counts as the slowest); null when most departures cannot arrive. */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const m = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return Number.isFinite(m) ? m : null;
}

/** Median door-to-site seconds over the window's departure minutes; null when unreachable at the median. */
export function medianJourneySeconds(
  tt: Timetable, origin: OriginAccess, egress: Float64Array, options: WindowOptions, scratch = raptorScratch(tt),
): number | null {
  const step = options.stepSeconds ?? 60;
  const times: number[] = [];
  for (let t = options.from; t < options.to; t += step) times.push(journeySeconds(tt, origin, egress, t, options, scratch));
  return median(times);
}
