// Opening a national project in the app (issue 18): ~190,000 Output Areas with
// segments and population, in browser mode (the real server and renderer, as
// `npm start` runs them) in headless Chromium with software WebGL. Prints time
// to the first map drawn, the peak memory of server plus browser, a recolour
// (a classification change of the density layer, to the first frame with the new
// colours: national/recolour-frame.ts; the old measure beside it) and
// clicks on areas at street (13) and country (7) zoom, each to its panel on screen
// (national/click-timing.ts; the old measure beside), each as a ratio to its target.
// Then the project is opened again in fresh pages (--reopens, each after the machine is quiet): the first open,
// the target's measure, also fills the server's caches; a reopen is what switching back to a project costs.
//   npx tsx bench/national-app.ts [--count 190000] [--repeats 3] [--clicks 5] [--reopens 2]
// The project is built once into os.tmpdir()/cgm-national-app and reused.
import { loadavg, availableParallelism } from 'node:os';
import type { Page } from 'playwright-core';
import { launchBrowser, startApp } from '../test/e2e/harness';
import { benchArg, benchNationalProject, NATIONAL_DATA_DIR } from './national/setup';
import { showDensityStyle } from './national/app-page';
import { recolourToFrame, recolourToIdleMs, type RecolourFrame } from './national/recolour-frame';
import { byProcessKind, descendantsCpuSeconds, descendantsKb, sampleMemory } from './national/process-memory';
import { areaOnQuietScreen, timeClick, type ClickTiming } from './national/click-timing';
import { untilQuiet } from './national/quiet';

const count = benchArg('count', 190_000);
const repeats = benchArg('repeats', 3);
const reopens = benchArg('reopens', 2);
const clicksAtEachZoom = benchArg('clicks', 5);
const dataDir = NATIONAL_DATA_DIR;

const TARGETS = { firstMapMs: 5000, peakMiB: 2048, recolourMs: 100, clickMs: 100 };
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ratio = (value: number, target: number) => `${(value / target).toFixed(2)}x target (${value <= target ? 'met' : 'NOT met'})`;

/**
 * Times a click on area i's centre (at 13 it covers many pixels; at 7, country zoom, a few), once the map is
 * drawn there and every process quiet (areaOnQuietScreen), to its panel naming it (click-timing.ts); pushes
 * the CPU of server + Chromium over the click to `cpus`.
 */
async function clickMs(page: Page, i: number, zoom: number, cpus: number[]): Promise<ClickTiming | null> {
  const { code, at } = await areaOnQuietScreen(page, i, count, zoom);
  const c0 = descendantsCpuSeconds(process.pid);
  const timing = await timeClick(page, at, code);
  if (!timing) {
    const shown = await page.locator('.area-panel').getAttribute('data-area-code', { timeout: 1000 }).catch(() => null);
    console.log(`  click on ${code} at zoom ${zoom}: no panel for it within 60 s (panel shows ${shown ?? 'nothing'})`);
    return null;
  }
  cpus.push((descendantsCpuSeconds(process.pid) - c0) * 1000);
  return timing;
}

/** Median, max and every value of one measure of a zoom's clicks, in click order. */
function clickLine(values: (number | null)[]): string {
  const known = values.filter((v): v is number => v !== null);
  if (!known.length) return 'no values';
  return `median ${median(known).toFixed(0)} ms, max ${Math.max(...known).toFixed(0)} ms [${values.map((v) => (v === null ? '-' : v.toFixed(0))).join(', ')}]`;
}

function printClicks(title: string, clicks: (ClickTiming | null)[], cpus: number[]): void {
  const presented = clicks.map((c) => c?.toPresentedMs ?? null);
  const known = presented.filter((v): v is number => v !== null);
  const worst = known.length ? Math.max(...known) : Infinity;
  console.log(`${title}, press to its panel on screen (Event Timing): ${clickLine(presented)} — max ${ratio(worst, TARGETS.clickMs)}; CPU median ${median(cpus).toFixed(0)} ms`);
  console.log(`  press to the panel in the page: ${clickLine(clicks.map((c) => c?.toPanelMs ?? null))}; map frames a click: ${clicks.map((c) => c?.frames ?? '-').join(', ')}; ${presented.filter((v) => v === null).length} without an entry`);
  console.log(`  the old measure (Playwright's click to its waitForSelector finding the panel, which polls at 0, 20, 70, 170 ms…): ${clickLine(clicks.map((c) => c?.playwrightMs ?? null))}`);
}

const built = await benchNationalProject(count);
const app = await startApp({ CGM_DATA_DIR: dataDir, CGM_PROJECT: built.path });
const browser = await launchBrowser();
// This process's children are the app's server and the browser: their trees are what is measured.
const memory = sampleMemory(process.pid);
try {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  const errors: string[] = [];
  const say = (e: string) => (errors.push(e), console.log(`  page: ${e}`));
  page.on('pageerror', (e) => say(String(e)));
  page.on('console', (m) => m.type() === 'error' && say(m.text()));
  const cpu0 = descendantsCpuSeconds(process.pid);
  const kinds0 = byProcessKind(process.pid);
  const t0 = performance.now();
  await page.goto(app.url);
  await page.waitForSelector('body[data-map-ready="1"]', { timeout: 600_000 });
  const firstMap = performance.now() - t0;
  const afterOpen = memory.peakMiB();
  const cpu = descendantsCpuSeconds(process.pid) - cpu0;
  console.log(`time to first map: ${(firstMap / 1000).toFixed(2)} s — ${ratio(firstMap, TARGETS.firstMapMs)}; CPU of server + Chromium meanwhile ${cpu.toFixed(1)} s; peak RSS by then ${afterOpen.toFixed(0)} MiB`);
  const split = [...byProcessKind(process.pid)].map(([k, v]) => `${k} ${(v.cpu - (kinds0.get(k)?.cpu ?? 0)).toFixed(1)} s / ${v.rssMiB.toFixed(0)} MiB`);
  console.log(`  by process, CPU to the first map / RSS then: ${split.join(', ')}`);

  await showDensityStyle(page);
  // CPU of server + Chromium over each step as well: on a loaded machine its wall time is mostly waiting.
  const [recolourCpu, clickCpu, countryCpu]: number[][] = [[], [], []];
  // Two ways of timing a recolour, alternated: to the first frame with the new colours (recolour-frame.ts),
  // and the old one, to the map idle after a forced repaint. CPU per Chromium process over the new way's.
  const recolours: number[] = [];
  const toFrame: RecolourFrame[] = [];
  const kinds = new Map<string, number[]>();
  for (let i = 0; i < repeats; i++) {
    for (const m of ['equal', 'quantile'] as const) {
      const k0 = byProcessKind(process.pid);
      const c0 = descendantsCpuSeconds(process.pid);
      toFrame.push(await recolourToFrame(page, m));
      recolourCpu.push((descendantsCpuSeconds(process.pid) - c0) * 1000);
      for (const [k, v] of byProcessKind(process.pid)) kinds.set(k, [...(kinds.get(k) ?? []), (v.cpu - (k0.get(k)?.cpu ?? 0)) * 1000]);
    }
    for (const m of ['equal', 'quantile']) recolours.push(await recolourToIdleMs(page, m));
  }
  // Country zoom first, so its first click is the one that opens the panel (and narrows the map beside it).
  const [clicks, countryClicks]: (ClickTiming | null)[][] = [[], []];
  const n = clicksAtEachZoom;
  for (let i = 0; i < n; i++) countryClicks.push(await clickMs(page, Math.floor(((i + 1.5) * count) / (n + 2)), 7, countryCpu));
  for (let i = 0; i < n; i++) clicks.push(await clickMs(page, Math.floor(((i + 1) * count) / (n + 2)), 13, clickCpu));

  const peak = memory.peakMiB();
  const hwm = descendantsKb(process.pid, 'VmHWM') / 1024;
  console.log(`peak RSS, server + Chromium (sampled sum): ${peak.toFixed(0)} MiB (${afterOpen.toFixed(0)} MiB by the first map) — ${ratio(peak, TARGETS.peakMiB)}; sum of each process's VmHWM ${hwm.toFixed(0)} MiB`);
  const appPeak = memory.appPeakMiB();
  console.log(`  server + page renderer (the issue's "main process plus renderer"): peak ${appPeak.toFixed(0)} MiB — ${ratio(appPeak, TARGETS.peakMiB)}; every process by PSS (shared pages split): peak ${memory.pssPeakMiB().toFixed(0)} MiB`);
  const frameMs = toFrame.map((r) => r.toFrameMs);
  console.log(`recolour (density classification by a key press, to the render of the first map frame with the new colours): median ${median(frameMs).toFixed(0)} ms [${frameMs.map((v) => v.toFixed(0)).join(', ')}] — ${ratio(median(frameMs), TARGETS.recolourMs)}; CPU median ${median(recolourCpu).toFixed(0)} ms`);
  // Event Timing names no entry under 16 ms, and now and then none at all: those are left out, and counted.
  const presented = toFrame.flatMap((r) => (r.toPresentedMs === null ? [] : [r.toPresentedMs]));
  console.log(`  to that frame presented (Event Timing of the key press): median ${median(presented).toFixed(0)} ms [${presented.map((v) => v.toFixed(0)).join(', ')}] — ${ratio(median(presented), TARGETS.recolourMs)}; ${toFrame.length - presented.length} without an entry`);
  console.log(`  map frames a recolour: ${toFrame.map((r) => r.frames).join(', ')}`);
  console.log(`  CPU median a recolour by process: ${[...kinds].map(([k, v]) => `${k} ${median(v).toFixed(0)} ms`).join(', ')}`);
  console.log(`  the old measure (Playwright's call to the map idle after a forced repaint): median ${median(recolours).toFixed(0)} ms [${recolours.map((v) => v.toFixed(0)).join(', ')}]`);
  printClicks('click an area at zoom 13', clicks, clickCpu);
  printClicks('click an area at country zoom (7; the first click opens the panel)', countryClicks, countryCpu);
  // Opened again, each in a page of its own (its own cache) once the machine is quiet; measured after the memory
  // peak is read, so that these pages are not in it.
  await page.close();
  const reopened: number[] = [];
  for (let i = 0; i < reopens; i++) {
    await untilQuiet(process.pid);
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const again = await context.newPage();
    const t = performance.now();
    await again.goto(app.url);
    await again.waitForSelector('body[data-map-ready="1"]', { timeout: 600_000 });
    reopened.push(performance.now() - t);
    await context.close();
  }
  if (reopens > 0) {
    // Not the target's measure (that is the first open, the app just started): the same project opened again.
    console.log(`time to first map, opened again in fresh pages (the server's caches warm): ${reopened.map((v) => `${(v / 1000).toFixed(2)} s`).join(', ')}`);
  }
  if (errors.length) console.log(`console errors: ${errors.slice(0, 5).join(' | ')}`);
  console.log(`load average (1, 5, 15 min): ${loadavg().map((l) => l.toFixed(2)).join(', ')} on ${availableParallelism()} cores; Chromium with SwiftShader (software WebGL)`);
} finally {
  memory.stop();
  await browser.close();
  await app.stop();
}
