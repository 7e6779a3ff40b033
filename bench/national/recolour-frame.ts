// A recolour timed as a user sees it: from the browser's input event on the
// layer's Method select to the first map frame drawn with the new colours (the
// maplibre 'render' whose deck overlay holds a new colour array), nothing forced.
// The old way (harness mapIdle: triggerRepaint, then 'idle') adds a frame of its
// own whenever its repaint lands after the recolour's frame has drawn, and
// counts Playwright's round trip to the page; both are kept, side by side.
import type { Page } from 'playwright-core';
import { mapIdle } from '../../test/e2e/harness';

export interface RecolourFrame {
  /** The select's input event to the 'render' of the first frame with the new colours. */
  toFrameMs: number;
  /** The same to the next animation frame after it (the compositor took the frame). */
  toNextFrameMs: number;
  /** Map frames drawn from the change until the map went idle and stayed so 150 ms. */
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

/** The new measure (see the file's head); the change is Playwright's, as a user's would be. */
export async function recolourToFrame(page: Page, method: string): Promise<RecolourFrame> {
  const select = await methodSelect(page).elementHandle();
  const armed = page.evaluate(
    (el) =>
      new Promise<RecolourFrame>((resolve) => {
        type Overlay = { _props: { layers: { props: { colours?: unknown } }[] } };
        const map = window.__cgmMap!;
        const overlay = (map as unknown as { _controls: Partial<Overlay>[] })._controls.find((c) => c._props?.layers) as Overlay;
        const colours = () => overlay._props.layers.find((l) => l.props.colours)?.props.colours;
        const before = colours();
        let t0 = 0;
        let drawn = 0;
        let next = 0;
        let frames = 0;
        let quiet: ReturnType<typeof setTimeout> | undefined;
        const done = () => {
          map.off('render', onRender);
          resolve({ toFrameMs: drawn - t0, toNextFrameMs: next - t0, frames });
        };
        // Any frame after the new colours' restarts the quiet wait, so a late second frame is counted.
        const settle = () => {
          clearTimeout(quiet);
          quiet = setTimeout(done, 150);
        };
        const onRender = () => {
          frames++;
          if (drawn) return void (next && settle());
          if (colours() === before) return;
          drawn = performance.now();
          requestAnimationFrame(() => void ((next = performance.now()), settle()));
        };
        // The select's 'input' comes just before its 'change' (React's onChange); the window's capture phase sees it first.
        const onInput = (e: Event) => {
          if (e.target !== el) return;
          window.removeEventListener('input', onInput, true);
          t0 = performance.now();
          map.on('render', onRender);
        };
        window.addEventListener('input', onInput, true);
      }),
    select,
  );
  await methodSelect(page).selectOption(method);
  return armed;
}
