// Earliest arrival by public transport: RAPTOR (Delling, Pajor, Werneck,
// "Round-Based Public Transit Routing", 2012). Round k finds the best arrival
// with k vehicles, scanning each pattern once from the first stop where
// someone could board it; no graph of timetable events is built.
//
// A journey: reach a stop (the access walk gives the time), ride, alight, then
// either change at the same stop (its change time) or walk one footpath to
// another stop, and ride again. The destination is reached from a stop the
// caller's egress walk starts at.
import type { Timetable } from './timetable';

export interface RaptorSource {
  stop: number;
  /** Seconds after midnight at which the traveller is at the stop, ready to board. */
  time: number;
}

export interface RaptorOptions {
  /** Most vehicles in one journey; default 6 (five changes). */
  maxRounds?: number;
}

/** Scratch arrays reused between queries, so a thousand departures do not allocate a thousand times. */
export interface RaptorScratch {
  ready: Float64Array;
  prevReady: Float64Array;
  arrival: Float64Array;
  roundArrival: Float64Array;
  marked: Uint8Array;
  patternFrom: Int32Array;
}

export function raptorScratch(tt: Timetable): RaptorScratch {
  const n = tt.stopIds.length;
  return {
    ready: new Float64Array(n), prevReady: new Float64Array(n), arrival: new Float64Array(n),
    roundArrival: new Float64Array(n), marked: new Uint8Array(n), patternFrom: new Int32Array(tt.patterns.length),
  };
}

/** First trip of the pattern that can be boarded at `position` at or after `time`; -1 if none. */
function earliestTrip(p: Timetable['patterns'][number], position: number, time: number): number {
  const len = p.stops.length;
  let lo = 0;
  let hi = p.tripCount;
  // Trips never overtake within a pattern, so departures at a position are sorted.
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (p.departures[mid * len + position] < time) lo = mid + 1;
    else hi = mid;
  }
  return lo < p.tripCount ? lo : -1;
}

/**
 * Earliest vehicle arrival at every stop (Infinity where no journey arrives),
 * from travellers ready at the sources. The returned array is the scratch's
 * and is overwritten by the next query with the same scratch.
 */
export function raptor(tt: Timetable, sources: RaptorSource[], options: RaptorOptions = {}, scratch = raptorScratch(tt)): Float64Array {
  const { ready, prevReady, arrival, roundArrival, marked, patternFrom } = scratch;
  const maxRounds = options.maxRounds ?? 6;
  ready.fill(Infinity);
  arrival.fill(Infinity);
  marked.fill(0);
  let any = false;
  for (const s of sources) {
    if (s.time < ready[s.stop]) {
      ready[s.stop] = s.time;
      marked[s.stop] = 1;
      any = true;
    }
  }
  for (let round = 1; any && round <= maxRounds; round++) {
    prevReady.set(ready);
    roundArrival.fill(Infinity);
    patternFrom.fill(-1);
    // The patterns through a stop marked last round, each from its earliest such position.
    for (let s = 0; s < marked.length; s++) {
      if (!marked[s]) continue;
      marked[s] = 0;
      for (const { pattern, position } of tt.stopPatterns[s]) {
        if (patternFrom[pattern] < 0 || position < patternFrom[pattern]) patternFrom[pattern] = position;
      }
    }
    for (let pi = 0; pi < tt.patterns.length; pi++) {
      const from = patternFrom[pi];
      if (from < 0) continue;
      const p = tt.patterns[pi];
      const len = p.stops.length;
      let trip = -1;
      for (let i = from; i < len; i++) {
        const stop = p.stops[i];
        if (trip >= 0 && p.alighting[i]) {
          const t = p.arrivals[trip * len + i];
          if (t < arrival[stop]) {
            arrival[stop] = t;
            roundArrival[stop] = t;
          }
        }
        if (p.boarding[i] && prevReady[stop] < Infinity && (trip < 0 || prevReady[stop] < p.departures[trip * len + i])) {
          const earlier = earliestTrip(p, i, prevReady[stop]);
          if (earlier >= 0 && (trip < 0 || earlier < trip)) trip = earlier;
        }
      }
    }
    // Changing: at the same stop after its change time, or one footpath away.
    any = false;
    for (let s = 0; s < roundArrival.length; s++) {
      const t = roundArrival[s];
      if (t === Infinity) continue;
      const here = t + tt.changeSeconds[s];
      if (here < ready[s]) {
        ready[s] = here;
        marked[s] = 1;
        any = true;
      }
      for (const f of tt.footpaths[s]) {
        const there = t + f.seconds;
        if (there < ready[f.to]) {
          ready[f.to] = there;
          marked[f.to] = 1;
          any = true;
        }
      }
    }
  }
  return arrival;
}
