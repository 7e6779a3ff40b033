// One PNG map drawn and measured, and a line of medians over a few such runs:
// what bench/png.ts and bench/png-england.ts both print. Cold means the warm
// headless browser is closed first, as for one `cgm` command; warm keeps it.
import { loadavg } from 'node:os';
import { printMap, type PrintResult } from '../../electron/exports/png-export';
import { closeHeadlessChromium } from '../../electron/exports/headless-chromium';
import type { Project } from '../../electron/store/project';
import { startCpuMeter, totalCpu, type CpuByKind } from './proc-cpu';

export interface Run {
  printed: PrintResult;
  cpu: CpuByKind;
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
export const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');
export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export async function drawMeasured(project: Project, map: { layer: string; size: string; timeoutMs?: number }, cold: boolean): Promise<Run> {
  if (cold) await closeHeadlessChromium();
  const meter = startCpuMeter();
  const printed = await printMap(project, { ...map, note: () => undefined });
  return { printed, cpu: meter.stop() };
}

/** Prints the runs' medians (wall, CPU by process kind, the page's own split); `each` adds every run's wall time. */
export function printRuns(label: string, runs: Run[], { width = 26, each = false } = {}): { wall: number; cpu: number } {
  const wall = median(runs.map((r) => r.printed.millis));
  const cpu = median(runs.map((r) => totalCpu(r.cpu)));
  const kinds = ['gpu', 'page', 'browser', 'other', 'node'].map((k) => `${k} ${median(runs.map((r) => r.cpu[k] ?? 0)).toFixed(1)}`).join(', ');
  const { dataMs, mapMs } = runs[0].printed.report.timings;
  const list = each ? `   [${runs.map((r) => seconds(r.printed.millis)).join(', ')}]` : '';
  console.log(`  ${label.padEnd(width)} ${seconds(wall).padStart(7)} wall ${cpu.toFixed(1).padStart(5)} s CPU (${kinds})   page: data ${seconds(dataMs)}, map ${seconds(mapMs)}${list}`);
  return { wall, cpu };
}
