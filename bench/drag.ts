// Dragging a what-if site on the demo town, as an analyst does it: the built
// renderer in headless Chromium with software WebGL (SwiftShader), the app in
// browser mode, the isochrones layer on. Each pointer move is one real mouse
// event followed by the next painted frame; the figures are ms per move (so
// frames a second while dragging) and how often the isochrones followed the
// site during the drag, against what the routing and bands alone take on the
// server (getIsochrones' own `millis`). Prints figures, not pass/fail.
//   npx vite build && npx tsx bench/drag.ts [--moves 40] [--profile out.cpuprofile]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_SERVICE } from '../data/demo/build-demo-project';
import { launchBrowser, openWatchedPage, startApp } from '../test/e2e/harness';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const MOVES = Number(arg('moves') ?? 40);
const PROFILE = arg('profile');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const row = (label: string, value: string) => console.log(`  ${label.padEnd(52)} ${value}`);

const dir = mkdtempSync(join(tmpdir(), 'cgm-bench-drag-'));
const app = await startApp({ CGM_DATA_DIR: dir });
const browser = await launchBrowser();
try {
  const { page, consoleErrors } = await openWatchedPage(browser, app.url);
  const layerRow = (id: string) => page.locator(`.layer-row[data-layer-id="${id}"]`);
  await layerRow('isochrones').waitFor({ timeout: 180_000 });
  await layerRow('isochrones').getByRole('checkbox').check();

  // Answers to getIsochrones, with the server's own time for routing + bands and the body's size.
  const answers: { at: number; millis: number; bytes: number }[] = [];
  page.on('response', async (r) => {
    if (!r.url().includes('/api/getIsochrones')) return;
    const body = await r.body().catch(() => null);
    if (!body) return;
    answers.push({ at: performance.now(), millis: JSON.parse(body.toString()).millis, bytes: body.length });
  });

  // One proposed site 600 m east of a real one, placed as the keyboard does it.
  const [real] = (await app.call('getSites', { service: DEMO_SERVICE })).filter((s: { proposed: boolean }) => !s.proposed);
  await page.evaluate(([lon, lat]) => window.__cgmMap!.jumpTo({ center: [lon, lat], zoom: 14 }), [real.lon + 0.009, real.lat]);
  await page.getByRole('button', { name: 'Add proposed site' }).click();
  await page.getByRole('button', { name: 'place it at the map centre' }).click();
  const deadline = Date.now() + 120_000;
  let site: { lon: number; lat: number } | undefined;
  while (!site && Date.now() < deadline) {
    [site] = (await app.call('getSites', { service: DEMO_SERVICE })).filter((s: { proposed: boolean }) => s.proposed);
    if (!site) await new Promise((r) => setTimeout(r, 200));
  }
  if (!site) throw new Error('the proposed site was not saved');
  await page.locator('.layer-row[data-layer-id="isochrones"] .layer-row__subtitle', { hasText: 'with proposed sites' }).waitFor({ timeout: 120_000 });
  await page.evaluate(() => new Promise<void>((r) => (window.__cgmMap!.loaded() ? r() : window.__cgmMap!.once('idle', () => r()))));
  await new Promise((r) => setTimeout(r, 1000));

  const from = await page.evaluate(([x, y]) => window.__cgmMap!.project([x, y]), [site.lon, site.lat]);
  const box = (await page.locator('.map-canvas').boundingBox())!;
  const frame = () => page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => r())));
  const cdp = PROFILE ? await page.context().newCDPSession(page) : null;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.start');
  }
  // The floor: the same moves over the header, where nothing on the page changes (the harness and compositor alone).
  const header = (await page.locator('header').first().boundingBox())!;
  const floor: number[] = [];
  for (let i = 1; i <= 10; i++) {
    const t = performance.now();
    await page.mouse.move(header.x + 200 + 3 * i, header.y + header.height / 2);
    await frame();
    floor.push(performance.now() - t);
  }
  await page.mouse.move(box.x + from.x, box.y + from.y);
  await page.mouse.down();
  const before = answers.length;
  const started = performance.now();
  const perMove: number[] = [];
  for (let i = 1; i <= MOVES; i++) {
    const t = performance.now();
    await page.mouse.move(box.x + from.x + 3 * i, box.y + from.y + (i % 2));
    await frame();
    perMove.push(performance.now() - t);
  }
  const dragMs = performance.now() - started;
  const during = answers.slice(before).filter((a) => a.at <= started + dragMs);
  await page.mouse.up();
  if (cdp) {
    const { profile } = await cdp.send('Profiler.stop');
    writeFileSync(PROFILE!, JSON.stringify(profile));
    // Self time per function, the top of what the page's main thread did while dragging.
    const self = new Map<string, number>();
    const dt = profile.timeDeltas ?? [];
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    (profile.samples ?? []).forEach((id, k) => {
      const n = byId.get(id)!;
      const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
      self.set(key, (self.get(key) ?? 0) + (dt[k] ?? 0) / 1000);
    });
    console.log(`\nMain-thread profile while dragging (${PROFILE}), self time:`);
    for (const [k, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 18)) row(k.slice(0, 52), `${ms.toFixed(0)} ms`);
  }
  await new Promise((r) => setTimeout(r, 1500));

  const ms = median(perMove);
  const server = during.length ? median(during.map((a) => a.millis)) : median(answers.map((a) => a.millis));
  console.log(`\nDemo town, ${MOVES} pointer moves of 3 px dragging one what-if site, isochrones on, 1366×768, SwiftShader:`);
  row('ms per pointer move (move + next frame), median', `${ms.toFixed(0)} ms`);
  row('ms per pointer move, 90th percentile', `${[...perMove].sort((a, b) => a - b)[Math.floor(perMove.length * 0.9)].toFixed(0)} ms`);
  row('floor: a move over the header + next frame, median', `${median(floor).toFixed(0)} ms`);
  row('frames a second while dragging', `${(1000 / ms).toFixed(1)} (aim ≥ 15)`);
  row('isochrone updates during the drag', `${during.length} in ${(dragMs / 1000).toFixed(1)} s (${((during.length * 1000) / dragMs).toFixed(1)} a second)`);
  row('getIsochrones on the server (routing + bands), median', `${server} ms`);
  row('getIsochrones answer size', `${Math.round((answers.at(-1)?.bytes ?? 0) / 1024)} KiB`);
  row('ratio: ms per move / server routing + bands', `${(ms / Math.max(1, server)).toFixed(2)}`);
  if (consoleErrors.length) console.log(`console errors: ${consoleErrors.slice(0, 3).join(' | ')}`);
} finally {
  await browser.close();
  await app.stop();
  rmSync(dir, { recursive: true, force: true });
}
