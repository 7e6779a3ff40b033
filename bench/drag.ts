// Dragging a what-if site on the demo town, as an analyst does it: the built
// renderer in headless Chromium with software WebGL (SwiftShader), the app in
// browser mode, the isochrones layer on. Each pointer move is one real mouse
// event followed by the next painted frame; the figures are ms per move (so
// frames a second while dragging) and how often the isochrones followed the
// site during the drag, against what the routing and bands alone take on the
// server (getDragBands' own `millis`), and the CPU Chromium's GPU process
// (SwiftShader) and page spent per move. Prints figures, not pass/fail.
//   npx vite build && npx tsx bench/drag.ts [--moves 40] [--profile out.cpuprofile]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_SERVICE } from '../data/demo/build-demo-project';
import { BINARY_FRAME_TYPE, decodeFrame } from '../shared/contract/binary-frame';
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

  // The drag's bands (getDragBands, a binary frame), with the server's own time for routing + bands + triangles and the body's size.
  const answers: { at: number; millis: number; bytes: number }[] = [];
  // (getIsochrones too: a build from before getDragBands asked it with the dragged sites, so this bench measures both side by side.)
  page.on('response', async (r) => {
    if (!/\/api\/(getDragBands|getIsochrones)/.test(r.url())) return;
    const body = await r.body().catch(() => null);
    if (!body) return;
    const bytes = body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer;
    const answer = (r.headers()['content-type'] === BINARY_FRAME_TYPE ? decodeFrame(bytes) : JSON.parse(body.toString())) as { millis: number };
    answers.push({ at: performance.now(), millis: answer.millis, bytes: body.length });
  });
  // CPU seconds of Chromium's processes: the GPU process is where SwiftShader draws, whatever the machine's load.
  const browserCdp = await browser.newBrowserCDPSession();
  const cpu = async () => {
    const { processInfo } = (await browserCdp.send('SystemInfo.getProcessInfo')) as unknown as { processInfo: { type: string; cpuTime: number }[] };
    const by: Record<string, number> = {};
    for (const p of processInfo) by[p.type] = (by[p.type] ?? 0) + p.cpuTime;
    return by;
  };

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
  const floorCpu = await cpu();
  for (let i = 1; i <= 10; i++) {
    const t = performance.now();
    await page.mouse.move(header.x + 200 + 3 * i, header.y + header.height / 2);
    await frame();
    floor.push(performance.now() - t);
  }
  const floorGpu = (((await cpu()).GPU - floorCpu.GPU) * 1000) / 10;
  // One drag of MOVES pointer moves from `at` (screen px), dropped at the end; ms per move, CPU, answers during it.
  const drag = async (at: { x: number; y: number }) => {
    await page.mouse.move(box.x + at.x, box.y + at.y);
    await page.mouse.down();
    // Repaints of the map's own canvas (base map, area fills and the interleaved deck layers) during the drag.
    await page.evaluate(() => {
      const w = window as unknown as { __cgmRepaints?: number };
      if (w.__cgmRepaints === undefined) window.__cgmMap!.on('render', () => w.__cgmRepaints!++);
      w.__cgmRepaints = 0;
    });
    const before = answers.length;
    const cpuBefore = await cpu();
    const started = performance.now();
    const perMove: number[] = [];
    for (let i = 1; i <= MOVES; i++) {
      const t = performance.now();
      await page.mouse.move(box.x + at.x + 3 * i, box.y + at.y + (i % 2));
      await frame();
      perMove.push(performance.now() - t);
    }
    const dragMs = performance.now() - started;
    const cpuAfter = await cpu();
    const cpuPerMove = (type: string) => (((cpuAfter[type] ?? 0) - (cpuBefore[type] ?? 0)) * 1000) / MOVES;
    const during = answers.slice(before).filter((a) => a.at <= started + dragMs);
    const repaints = await page.evaluate(() => (window as unknown as { __cgmRepaints: number }).__cgmRepaints);
    await page.mouse.up();
    return { perMove, dragMs, during, repaints, gpu: cpuPerMove('GPU'), page: cpuPerMove('renderer'), end: { x: at.x + 3 * MOVES, y: at.y + (MOVES % 2) } };
  };
  // The first drag makes the drag canvas (a second WebGL context and its shaders); the second finds it made.
  const first = await drag(from);
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
  // The drop's own bands replace the drag's (the map whole again) before the second drag starts.
  await page.waitForFunction(() => !document.querySelector('.map-drag-layers') || getComputedStyle(document.querySelector('.map-drag-layers')!).visibility === 'hidden', undefined, { timeout: 120_000 });
  await new Promise((r) => setTimeout(r, 1500));
  const second = await drag(first.end);
  await new Promise((r) => setTimeout(r, 1500));
  // The same drag with the bands hidden: the dragged marker alone (what the drag costs without bands to follow).
  await layerRow('isochrones').getByRole('checkbox').uncheck();
  await new Promise((r) => setTimeout(r, 3000));
  const markerOnly = await drag(second.end);

  const p90 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.9)];
  const dragAnswers = [...first.during, ...second.during];
  const server = median(dragAnswers.map((a) => a.millis));
  console.log(`\nDemo town, ${MOVES} pointer moves of 3 px dragging one what-if site, isochrones on, 1366×768, SwiftShader:`);
  row('floor: a move over the header + next frame, median', `${median(floor).toFixed(0)} ms, GPU process ${floorGpu.toFixed(0)} ms CPU`);
  for (const [label, d] of [['first drag (makes the drag canvas)', first], ['second drag', second], ['third drag, bands hidden (the marker alone)', markerOnly]] as const) {
    const ms = median(d.perMove);
    console.log(`  ${label}:`);
    if (process.env.CGM_BENCH_VERBOSE) console.log('    per move', d.perMove.map((x) => x.toFixed(0)).join(' '));
    row('  ms per pointer move (move + next frame), median', `${ms.toFixed(0)} ms`);
    row('  ms per pointer move, 90th percentile', `${p90(d.perMove).toFixed(0)} ms`);
    row('  frames a second while dragging', `${(1000 / ms).toFixed(1)} (aim ≥ 15)`);
    row('  CPU per move: GPU process (SwiftShader) / page', `${d.gpu.toFixed(0)} ms / ${d.page.toFixed(0)} ms`);
    row('  repaints of the map canvas itself during the drag', `${d.repaints}`);
    row('  isochrone updates during the drag', `${d.during.length} in ${(d.dragMs / 1000).toFixed(1)} s (${((d.during.length * 1000) / d.dragMs).toFixed(1)} a second)`);
  }
  row('bands during a drag, on the server (routing, bands, triangles), median', `${server} ms`);
  row('bands during a drag, answer size', `${Math.round((dragAnswers.at(-1)?.bytes ?? 0) / 1024)} KiB`);
  if (consoleErrors.length) console.log(`console errors: ${consoleErrors.slice(0, 3).join(' | ')}`);
} finally {
  await browser.close();
  await app.stop();
  rmSync(dir, { recursive: true, force: true });
}
