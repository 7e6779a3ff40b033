// A recolour timed as a user sees it: from a key press that changes the
// layer's Method select to the first map frame with the new colours, nothing
// forced: its 'render' (the maplibre frame whose deck overlay holds a new colour
// array) and its presentation on screen (the browser's Event Timing).
// The old way (harness mapIdle: triggerRepaint, then 'idle') adds a frame of its
// own whenever its repaint lands after the recolour's frame has drawn, and
// counts Playwright's round trip to the page; both are kept, side by side.
import type { Page } from 'playwright-core';
import { mapIdle } from '../../test/e2e/harness';

export interface RecolourFrame {
  /** The key press to the 'render' of the first map frame with the new colours (the page has issued its drawing). */
  toFrameMs: number;
  /** The key press to that frame on screen: the browser's Event Timing of the key press (8 ms steps; null under 16 ms). */
  toPresentedMs: number | null;
  /** Map frames drawn from the key press until the map stayed quiet 150 ms. */
  frames: number;
}

const methodSelect = (page: Page) => page.locator('.layer-row[data-layer-id="density"]').getByLabel('Method');

/** The old measure: Playwright's call to the map idle after a forced repaint. */
export async function recolourToIdleMs(page: Page, method: string): Promise<number> {
  const t = performance.now();
  await methodSelect(page).selectOption(method);
  await mapIdle(page);
  return performance.now() - t;
}

/**
 * The new measure (see the file's head). The change is a real key press on the focused select (the
 * next or previous method), as a keyboard user makes it: a trusted event, so the browser's Event Timing
 * reports when the frame after it was presented, the GPU process's drawing and compositing included.
 */
export async function recolourToFrame(page: Page, method: 'quantile' | 'equal'): Promise<RecolourFrame> {
  const select = methodSelect(page);
  await select.focus();
  const options = await select.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  const from = options.indexOf(await select.inputValue());
  const to = options.indexOf(method);
  if (Math.abs(to - from) !== 1) throw new Error(`recolourToFrame steps one option: ${options[from]} to ${method}`);
  // tsx names the page function's inner functions through its own __name helper, which the page lacks.
  await page.evaluate('globalThis.__name ??= (f) => f');
  // Armed before the key press is sent, and read after: a measure in flight lives on the page.
  type Armed = { __recolourFrame?: Promise<RecolourFrame> };
  await page.evaluate(() => {
    (window as Armed).__recolourFrame = new Promise<RecolourFrame>((resolve) => {
        type Overlay = { _props: { layers: { id: string; props: { colours?: unknown } }[] } };
        const map = window.__cgmMap!;
        const overlay = (map as unknown as { _controls: Partial<Overlay>[] })._controls.find((c) => c._props?.layers) as Overlay;
        // The density layer's (every area layer has a colour array; the hidden ones keep theirs).
        const colours = () => overlay._props.layers.find((l) => l.id === 'density:raster')?.props.colours;
        const before = colours();
        if (!before) throw new Error('no density:raster layer with colours on the map');
        let t0 = 0;
        let drawn = 0;
        let frames = 0;
        let presented: number | null = null;
        let quiet: ReturnType<typeof setTimeout> | undefined;
        const timing = new PerformanceObserver((list) => {
          for (const e of list.getEntries()) if (e.name === 'keydown' && Math.abs(e.startTime - t0) < 1) presented = e.startTime + e.duration - t0;
        });
        timing.observe({ type: 'event', durationThreshold: 16 } as PerformanceObserverInit);
        const done = () => {
          map.off('render', onRender);
          // Event Timing reports after the frame is presented; give it a moment past the quiet wait.
          setTimeout(() => {
            timing.takeRecords().forEach((e) => e.name === 'keydown' && Math.abs(e.startTime - t0) < 1 && (presented = e.startTime + e.duration - t0));
            timing.disconnect();
            resolve({ toFrameMs: drawn - t0, toPresentedMs: presented, frames });
          }, 100);
        };
        // Any frame after the new colours' restarts the quiet wait, so a late second frame is counted.
        const settle = () => {
          clearTimeout(quiet);
          quiet = setTimeout(done, 150);
        };
        const onRender = () => {
          frames++;
          if (!drawn && colours() !== before) drawn = performance.now();
          if (drawn) settle();
        };
        const onKey = (e: KeyboardEvent) => {
          window.removeEventListener('keydown', onKey, true);
          t0 = e.timeStamp;
          map.on('render', onRender);
        };
        window.addEventListener('keydown', onKey, true);
      });
  });
  await page.keyboard.press(to > from ? 'ArrowDown' : 'ArrowUp');
  return page.evaluate(() => (window as Armed).__recolourFrame!);
}
