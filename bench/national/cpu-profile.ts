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

type ProfileNode = CpuProfile['nodes'][number];

/** A function's key in a summary: its name, file and line. */
export const functionKey = (n: ProfileNode) => `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;

/** Each node's parent node, by id. */
export function parentsOf(profile: CpuProfile): Map<number, number> {
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  return parent;
}

/** Milliseconds of self and of total time per function (total: inclusive, a function counted once a sample however deep it recurs). */
export function selfAndTotal(profile: CpuProfile): { self: Map<string, number>; total: Map<string, number> } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = parentsOf(profile);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  profile.samples.forEach((id, k) => {
    const ms = (profile.timeDeltas[k] ?? 0) / 1000;
    const own = functionKey(byId.get(id)!);
    self.set(own, (self.get(own) ?? 0) + ms);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const key = functionKey(byId.get(at)!);
      if (seen.has(key)) continue;
      seen.add(key);
      total.set(key, (total.get(key) ?? 0) + ms);
    }
  });
  return { self, total };
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
    const key = functionKey(byId.get(id)!);
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
