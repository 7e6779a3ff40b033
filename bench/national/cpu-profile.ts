// Self time per function of a V8 CPU profile (`node --cpu-prof` files, or
// Chrome's Profiler.stop), within a window of the monotonic clock, heaviest
// first: where a process spent its CPU between two moments of a bench.
import { readFileSync } from 'node:fs';

export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** The monotonic clock in µs, the one V8 stamps its profiles with (process.hrtime is the same clock). */
export const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);

/** Milliseconds of self time per function (name, file, line), of the samples taken between `fromUs` and `toUs`. */
export function selfTimes(profile: CpuProfile, fromUs = -Infinity, toUs = Infinity): Map<string, number> {
  const self = new Map<string, number>();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  let t = profile.startTime;
  profile.samples.forEach((id, k) => {
    const delta = profile.timeDeltas[k] ?? 0;
    t += delta;
    if (t < fromUs || t > toUs) return;
    const f = byId.get(id)!.callFrame;
    const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + delta / 1000);
  });
  return self;
}

/** The heaviest `top` functions, one line each, after a line with the sampled total less idle time. */
export function heaviest(self: Map<string, number>, top = 25): string[] {
  const busy = [...self].filter(([k]) => !k.startsWith('(idle)'));
  const total = busy.reduce((a, [, ms]) => a + ms, 0);
  return [`busy ${(total / 1000).toFixed(2)} s sampled; heaviest:`, ...busy.sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, ms]) => `${ms.toFixed(0).padStart(7)} ms  ${k}`)];
}

export const readCpuProfile = (path: string): CpuProfile => JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
