// The reference the RAPTOR tests compare with: a plain Dijkstra over timetable
// events, written for clarity, not speed. States are "ready to board at a
// stop at time t" and "aboard run r at its i-th call"; it knows nothing of
// rounds or patterns, so agreeing with it checks RAPTOR's bookkeeping.
import type { Timetable } from '../../shared/transit/timetable';

export interface RunCall {
  stop: number;
  arr: number;
  dep: number;
  board: boolean;
  alight: boolean;
}

/** Every run of the timetable as a list of calls (patterns unpacked). */
export function timetableRuns(tt: Timetable): RunCall[][] {
  const out: RunCall[][] = [];
  for (const p of tt.patterns) {
    const len = p.stops.length;
    for (let t = 0; t < p.tripCount; t++) {
      out.push(Array.from(p.stops, (stop, i) => ({
        stop, arr: p.arrivals[t * len + i], dep: p.departures[t * len + i], board: !!p.boarding[i], alight: !!p.alighting[i],
      })));
    }
  }
  return out;
}

/** Earliest vehicle arrival at each stop from travellers ready at the sources, with unlimited changes. */
export function timeExpandedArrivals(tt: Timetable, sources: { stop: number; time: number }[]): Float64Array {
  const runs = timetableRuns(tt);
  const n = tt.stopIds.length;
  const ready = new Float64Array(n).fill(Infinity);
  const arrival = new Float64Array(n).fill(Infinity);
  const aboard = new Set<string>();
  // A sorted array is heap enough for a few hundred events.
  const queue: { time: number; kind: 'ready' | 'aboard'; stop: number; run: number; call: number }[] = [];
  const push = (e: (typeof queue)[number]) => {
    queue.push(e);
    queue.sort((a, b) => a.time - b.time);
  };
  for (const s of sources) push({ time: s.time, kind: 'ready', stop: s.stop, run: -1, call: -1 });
  while (queue.length) {
    const e = queue.shift()!;
    if (e.kind === 'ready') {
      if (e.time >= ready[e.stop]) continue;
      ready[e.stop] = e.time;
      runs.forEach((calls, r) => calls.forEach((c, i) => {
        if (c.stop === e.stop && c.board && c.dep >= e.time && i < calls.length - 1) {
          push({ time: c.dep, kind: 'aboard', stop: c.stop, run: r, call: i });
        }
      }));
    } else {
      const key = `${e.run}:${e.call}`;
      if (aboard.has(key)) continue;
      aboard.add(key);
      const next = runs[e.run][e.call + 1];
      if (!next) continue;
      if (next.alight) {
        arrival[next.stop] = Math.min(arrival[next.stop], next.arr);
        push({ time: next.arr + tt.changeSeconds[next.stop], kind: 'ready', stop: next.stop, run: -1, call: -1 });
        for (const f of tt.footpaths[next.stop]) push({ time: next.arr + f.seconds, kind: 'ready', stop: f.to, run: -1, call: -1 });
      }
      // Staying aboard: the vehicle leaves this call at its departure time.
      if (e.call + 2 < runs[e.run].length) push({ time: next.dep, kind: 'aboard', stop: next.stop, run: e.run, call: e.call + 1 });
    }
  }
  return arrival;
}
