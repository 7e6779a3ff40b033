// Resident memory of process trees, read from /proc (Linux): the app's server
// and the browser drawing it are each several processes, and the figure that
// matters on a 16 GB laptop is their sum.
import { readdirSync, readFileSync } from 'node:fs';

function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0; // gone between listing and reading
  }
}

function parentOf(pid: number): number {
  try {
    // The command name (2nd field) may hold spaces and brackets: read after its last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return -1;
  }
}

/** The root and every descendant now running. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const ppid = parentOf(pid);
    children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  }
  const tree: number[] = [];
  for (const queue = [root]; queue.length; ) {
    const pid = queue.shift()!;
    tree.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return tree;
}

/** Summed over the root's descendants (not the root: the benchmark itself, whose children are the app and the browser). */
export function descendantsKb(root: number, field: 'VmRSS' | 'VmHWM'): number {
  return processTree(root).slice(1).reduce((sum, pid) => sum + statusKb(pid, field), 0);
}

/** Proportional set size: shared pages (Chromium's processes share many) split among their sharers. */
function pssKb(pid: number): number {
  try {
    const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

export interface MemoryPeaks {
  /** Summed RSS of every descendant: shared pages counted once per process, so an overstatement. */
  peakMiB(): number;
  /** Summed RSS of the app's server and the page's renderer: the "main process plus renderer". */
  appPeakMiB(): number;
  /** Summed PSS of every descendant: what they take from the machine together. */
  pssPeakMiB(): number;
  stop(): void;
}

/**
 * Samples a root's descendants every `everyMs`; each peak is the highest simultaneous
 * sum seen (unlike a sum of each process's own VmHWM).
 */
export function sampleMemory(root: number, everyMs = 200): MemoryPeaks {
  let [peak, app, pss] = [0, 0, 0];
  const sample = () => {
    let [all, mine, shared] = [0, 0, 0];
    for (const pid of processTree(root).slice(1)) {
      const kb = statusKb(pid, 'VmRSS');
      all += kb;
      shared += pssKb(pid);
      const kind = kindOf(pid);
      if (kind === 'server' || kind === 'renderer') mine += kb;
    }
    [peak, app, pss] = [Math.max(peak, all), Math.max(app, mine), Math.max(pss, shared)];
  };
  sample();
  const timer = setInterval(sample, everyMs);
  const now = (v: () => number) => () => (sample(), v() / 1024);
  return { peakMiB: now(() => peak), appPeakMiB: now(() => app), pssPeakMiB: now(() => pss), stop: () => clearInterval(timer) };
}

/** CPU seconds (user + system) used so far by the root's descendants: steadier than wall time on a shared machine. */
export function descendantsCpuSeconds(root: number): number {
  const tick = 100; // USER_HZ on Linux
  return processTree(root).slice(1).reduce((sum, pid) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime, stime, cutime, cstime are fields 14-17 (1-based), 12-15 after the command name.
      return sum + (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / tick;
    } catch {
      return sum;
    }
  }, 0);
}

/** What a Chromium process is (`--type=gpu-process`, `renderer`…), the browser itself, or the app's node. */
function kindOf(pid: number): string {
  try {
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return /--type=([a-z-]+)/.exec(cmd)?.[1] ?? (/chrom/i.test(cmd) ? 'browser' : 'server');
  } catch {
    return 'gone';
  }
}

/**
 * CPU seconds (own, not children's) and RSS MiB now, per kind of descendant: in software WebGL the
 * GPU process, not the page, is where a national map's time goes, and this says so.
 */
export function byProcessKind(root: number): Map<string, { cpu: number; rssMiB: number }> {
  const out = new Map<string, { cpu: number; rssMiB: number }>();
  for (const pid of processTree(root).slice(1)) {
    const kind = kindOf(pid);
    let cpu = 0;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      cpu = (Number(f[11]) + Number(f[12])) / 100;
    } catch {
      continue;
    }
    const row = out.get(kind) ?? { cpu: 0, rssMiB: 0 };
    row.cpu += cpu;
    row.rssMiB += statusKb(pid, 'VmRSS') / 1024;
    out.set(kind, row);
  }
  return out;
}
