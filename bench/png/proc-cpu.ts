// CPU seconds of this process and every process under it (the headless
// Chromium and its GPU and page processes), read from /proc (Linux), by kind.
// Under a shared machine's load wall times stretch; CPU seconds do not.
// Polled while the work runs: a page process ends with its export, and the
// zygote that started it keeps no count of its children's time.
import { readdirSync, readFileSync } from 'node:fs';

const TICKS = 100;
const POLL_MS = 100;

export type CpuByKind = Record<string, number>;

/** null: the process has ended (a zombie keeps its CPU count but not its command line). */
function kindOf(pid: number): string | null {
  if (pid === process.pid) return 'node';
  const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  if (!cmdline) return null;
  const type = /--type=([\w-]+)/.exec(cmdline)?.[1];
  return type === 'gpu-process' ? 'gpu' : type === 'renderer' ? 'page' : type ? 'other' : 'browser';
}

function cpuOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) / TICKS;
}

function children(pid: number): number[] {
  const out: number[] = [];
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    const text = readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim();
    if (text) out.push(...text.split(' ').map(Number));
  }
  return out;
}

/** Every process under this one, with its cumulative CPU now. */
function sample(known: Map<number, { kind: string; cpu: number }>): Map<number, { kind: string; cpu: number }> {
  const seen = new Map<number, { kind: string; cpu: number }>();
  const walk = (pid: number) => {
    try {
      seen.set(pid, { kind: kindOf(pid) ?? known.get(pid)?.kind ?? 'page', cpu: cpuOf(pid) });
      for (const c of children(pid)) walk(c);
    } catch {
      /* ended meanwhile */
    }
  };
  walk(process.pid);
  return seen;
}

/** Measures the CPU used under this process from now until stop(); a process gone between polls loses at most one poll. */
export function startCpuMeter(): { stop(): CpuByKind } {
  const first = sample(new Map());
  const last = new Map(first);
  const poll = () => {
    for (const [pid, p] of sample(last)) last.set(pid, p);
  };
  const timer = setInterval(poll, POLL_MS);
  return {
    stop() {
      clearInterval(timer);
      poll();
      const out: CpuByKind = {};
      for (const [pid, p] of last) out[p.kind] = (out[p.kind] ?? 0) + p.cpu - (first.get(pid)?.cpu ?? 0);
      return out;
    },
  };
}

export const totalCpu = (c: CpuByKind) => Object.values(c).reduce((a, b) => a + b, 0);
