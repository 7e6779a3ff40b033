// Waits until the app's processes (server and every Chromium process) have
// stopped working: the map's 'idle' event says only that the page has issued
// its last frame, while in software WebGL the GPU process may draw that frame
// for seconds more. A click timed before then waits behind a frame it did not
// cause (a jump to zoom 13 took ~4 s of GPU-process CPU after 'idle').
import { descendantsCpuSeconds } from './process-memory';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Resolves once `root`'s descendants used under `busyMs` of CPU in each of two windows of `windowMs`
 * in a row (/proc counts in 10 ms ticks), or after `maxMs`; returns the milliseconds waited.
 */
export async function untilQuiet(root: number, { windowMs = 250, busyMs = 20, maxMs = 30_000 } = {}): Promise<number> {
  const t0 = performance.now();
  let calm = 0;
  let before = descendantsCpuSeconds(root);
  while (calm < 2 && performance.now() - t0 < maxMs) {
    await sleep(windowMs);
    const now = descendantsCpuSeconds(root);
    calm = (now - before) * 1000 < busyMs ? calm + 1 : 0;
    before = now;
  }
  return performance.now() - t0;
}
