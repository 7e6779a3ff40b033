// A click on the map timed in the page, as the analyst meets it: from the
// browser's own time stamp of the press (the mousedown event) to the area's
// panel in the DOM, and to the first frame that shows it on screen (the
// browser's Event Timing of the click: when the frame after its handlers was
// presented). The old measure, Playwright's waitForSelector from before it
// sends the click, polls the page 0, 20, 70, 170, 270, 770 ms after its first
// look, so a panel that appears at 80 ms is read at ~170 ms; and Playwright's
// click itself waits for the page to take both events, a map frame already under
// way included. Both are returned, side by side.
import type { Page } from 'playwright-core';
import { mapIdle } from '../../test/e2e/harness';
import { syntheticCentre } from '../recolour/synthetic-areas';
import { untilQuiet } from './quiet';

export interface ClickTiming {
  /** The old measure: Playwright's click to waitForSelector finding the panel (ms). */
  playwrightMs: number;
  /** The press (mousedown's time stamp) to the panel for the area in the DOM. */
  toPanelMs: number;
  /** The press to the frame showing it presented (Event Timing of the click, 8 ms steps); null when the browser gave no entry (under 16 ms). */
  toPresentedMs: number | null;
  /** Map frames drawn from the press until the map stayed quiet 150 ms (the selection outline, a resize for the docked panel). */
  frames: number;
}

type Armed = { __clickTiming?: Promise<Omit<ClickTiming, 'playwrightMs'>> };

/** Clicks at page pixel (x, y) and times it to the panel naming `code`; null when no such panel came within `timeoutMs`. */
export async function timeClick(page: Page, at: { x: number; y: number }, code: string, timeoutMs = 60_000): Promise<ClickTiming | null> {
  // tsx names the page function's inner functions through its own __name helper, which the page lacks.
  await page.evaluate('globalThis.__name ??= (f) => f');
  await page.evaluate(
    ([code, timeoutMs]) => {
      (window as Armed).__clickTiming = new Promise((resolve, reject) => {
        const map = window.__cgmMap!;
        const selector = `.area-panel[data-area-code="${code}"]`;
        let pressed = 0;
        let clicked = 0;
        let panel = 0;
        let frames = 0;
        let presented: number | null = null;
        let quiet: ReturnType<typeof setTimeout> | undefined;
        const onDown = (e: MouseEvent) => void (pressed ||= e.timeStamp);
        const onClick = (e: MouseEvent) => void (clicked ||= e.timeStamp);
        const onRender = () => {
          frames++;
          if (panel) settle();
        };
        const timing = new PerformanceObserver((list) => list.getEntries().forEach(entry));
        const entry = (e: PerformanceEntry) => {
          if (e.name === 'click' && clicked && Math.abs(e.startTime - clicked) < 1) presented = e.startTime + e.duration - pressed;
        };
        const seen = new MutationObserver(() => {
          if (panel || !document.querySelector(selector)) return;
          panel = performance.now();
          settle();
        });
        const giveUp = setTimeout(() => {
          stop();
          reject(new Error(`no panel for ${code} within ${timeoutMs} ms`));
        }, timeoutMs);
        const stop = () => {
          clearTimeout(giveUp);
          window.removeEventListener('mousedown', onDown, true);
          window.removeEventListener('click', onClick, true);
          map.off('render', onRender);
          seen.disconnect();
        };
        const done = () => {
          stop();
          // Event Timing reports once the frame is presented, which under load can be a second after the quiet wait.
          const waited = performance.now();
          const poll = () => {
            timing.takeRecords().forEach(entry);
            if (presented === null && performance.now() - waited < 3000) return void setTimeout(poll, 50);
            timing.disconnect();
            resolve({ toPanelMs: panel - pressed, toPresentedMs: presented, frames });
          };
          poll();
        };
        const settle = () => {
          clearTimeout(quiet);
          quiet = setTimeout(done, 150);
        };
        window.addEventListener('mousedown', onDown, true);
        window.addEventListener('click', onClick, true);
        map.on('render', onRender);
        timing.observe({ type: 'event', durationThreshold: 16 } as PerformanceObserverInit);
        seen.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-area-code'] });
      });
    },
    [code, timeoutMs] as const,
  );
  const t = performance.now();
  await page.mouse.click(at.x, at.y);
  try {
    await page.waitForSelector(`.area-panel[data-area-code="${code}"]`, { timeout: timeoutMs });
  } catch {
    return null;
  }
  const playwrightMs = performance.now() - t;
  const inPage = await page.evaluate(() => (window as Armed).__clickTiming!);
  return { playwrightMs, ...inPage };
}

/**
 * Zooms to synthetic area i of `count` at `zoom`, waits for the map drawn and every process quiet (the GPU process
 * draws for seconds after the map's 'idle': a click timed before then waits behind the jump's frame), and gives the
 * area's code, the page point of its centre, and how long the quiet took to come.
 */
export async function areaOnQuietScreen(page: Page, i: number, count: number, zoom: number): Promise<{ code: string; at: { x: number; y: number }; quietMs: number }> {
  const centre = syntheticCentre(i, count);
  await page.evaluate(([c, z]) => void window.__cgmMap!.jumpTo({ center: c as [number, number], zoom: z as number }), [centre, zoom]);
  await mapIdle(page);
  const quietMs = await untilQuiet(process.pid);
  const at = await page.evaluate((c) => {
    const map = window.__cgmMap!;
    const r = map.getCanvas().getBoundingClientRect();
    const p = map.project(c);
    return { x: r.left + p.x, y: r.top + p.y };
  }, centre);
  return { code: `E${String(i).padStart(8, '0')}`, at, quietMs };
}
