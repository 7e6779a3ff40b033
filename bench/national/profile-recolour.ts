// Where a recolour of the national map spends its time: the national project
// opened as national-app.ts opens it, the density layer shown and its style
// open, a few recolours to warm up, then a Chrome DevTools CPU profile of the
// page over `--repeats` recolours (the classification method switched, to the
// map idle: the old measure, which national-app.ts prints beside its frame-exact one), summarised as self and
// total time per function, with each Chromium process's CPU over the same span.
//   npx tsx bench/national/profile-recolour.ts [--count 190000] [--repeats 6]
import type { Page } from 'playwright-core';
import { mapIdle } from '../../test/e2e/harness';
import { showDensityStyle, withNationalAppPage } from './app-page';
import { functionKey, parentsOf, selfAndTotal, type CpuProfile } from './cpu-profile';
import { byProcessKind } from './process-memory';
import { benchArg, loadLine } from './setup';

const repeats = benchArg('repeats', 6);

async function recolour(page: Page, method: string): Promise<number> {
  const t = performance.now();
  await page.locator('.layer-row[data-layer-id="density"]').getByLabel('Method').selectOption(method);
  await mapIdle(page);
  return performance.now() - t;
}

/** Self and total ms per function, and where each ran from: the nearest caller named like a React component
 * (capitalised) or, failing one, '-'. */
function summarise(profile: CpuProfile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = parentsOf(profile);
  const callers = new Map<string, Map<string, number>>();
  profile.samples.forEach((id, k) => {
    const ms = (profile.timeDeltas[k] ?? 0) / 1000;
    const own = functionKey(byId.get(id)!);
    let from = '';
    for (let at = parent.get(id); at !== undefined && !from; at = parent.get(at)) if (/^[A-Z][A-Za-z]+$/.test(byId.get(at)!.callFrame.functionName)) from = functionKey(byId.get(at)!);
    const byCaller = callers.get(own) ?? new Map<string, number>();
    byCaller.set(from || '-', (byCaller.get(from || '-') ?? 0) + ms);
    callers.set(own, byCaller);
  });
  return { ...selfAndTotal(profile), callers };
}

await withNationalAppPage(async (page, cdp, url) => {
  page.on('pageerror', (e) => console.log(`  page: ${String(e)}`));
  await page.goto(url);
  await page.waitForSelector('body[data-map-ready="1"]', { timeout: 600_000 });
  const row = await showDensityStyle(page);
  for (const m of ['equal', 'quantile', 'equal', 'quantile']) await recolour(page, m);
  // Frames drawn by each recolour, and what a frame with nothing changed costs each process.
  await page.evaluate(() => {
    const w = window as unknown as { __frames: number };
    w.__frames = 0;
    window.__cgmMap!.on('render', () => void w.__frames++);
  });
  const frames = async () => page.evaluate(() => (window as unknown as { __frames: number }).__frames);
  const plain0 = byProcessKind(process.pid);
  const f0 = await frames();
  for (let i = 0; i < repeats; i++) await mapIdle(page);
  const plain = byProcessKind(process.pid);
  const perKind = (a: typeof plain0, b: typeof plain0) => [...b].map(([k, v]) => `${k} ${(((v.cpu - (a.get(k)?.cpu ?? 0)) * 1000) / repeats).toFixed(0)} ms`).join(', ');
  console.log(`a repaint with nothing changed: ${((await frames()) - f0) / repeats} frames; CPU by process ${perKind(plain0, plain)}`);
  // The two halves of a recolour's GPU-process work apart: a new colour array of the same colours
  // (texture write and frame, no DOM change), then the legend's text changed (the page's
  // compositing, no map change).
  const texture0 = byProcessKind(process.pid);
  for (let i = 0; i < repeats; i++) {
    await page.evaluate(() => {
      type Overlay = { _props: { layers: { props: { colours?: Uint8Array }; clone(p: object): unknown }[] }; setProps(p: object): void };
      const overlay = (window.__cgmMap as unknown as { _controls: Partial<Overlay>[] })._controls.find((c) => c._props?.layers) as Overlay;
      overlay.setProps({ layers: overlay._props.layers.map((l) => (l.props.colours ? l.clone({ colours: new Uint8Array(l.props.colours) }) : l)) });
    });
    await mapIdle(page);
  }
  const texture = byProcessKind(process.pid);
  console.log(`the colour texture rewritten (same colours, new array), to the map idle: CPU by process ${perKind(texture0, texture)}`);
  const dom0 = byProcessKind(process.pid);
  for (let i = 0; i < repeats; i++) {
    await page.evaluate(
      (i) =>
        new Promise<void>((done) => {
          for (const el of document.querySelectorAll('.legend__label, .legend__count')) el.textContent = `${el.textContent}${i}`;
          requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 50)));
        }),
      i,
    );
  }
  const dom = byProcessKind(process.pid);
  console.log(`the legend's text changed (no map change), two frames and 50 ms: CPU by process ${perKind(dom0, dom)}`);
  const f1 = await frames();

  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  const kinds0 = byProcessKind(process.pid);
  await cdp.send('Profiler.start');
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) times.push(await recolour(page, i % 2 ? 'quantile' : 'equal'));
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
  const kinds = byProcessKind(process.pid);

  console.log(`${repeats} recolours (profiler on, so slower than national-app.ts): ${times.map((t) => t.toFixed(0)).join(', ')} ms; ${((await frames()) - f1) / repeats} frames each`);
  console.log(`CPU a recolour by process: ${perKind(kinds0, kinds)}`);
  const { self, total, callers } = summarise(profile);
  const idle = ['(idle)', '(program)', '(root)'].reduce((s, name) => s + [...self].filter(([k]) => k.startsWith(name)).reduce((a, [, v]) => a + v, 0), 0);
  const sampled = [...self.values()].reduce((a, b) => a + b, 0);
  console.log(`page main thread: ${((sampled - idle) / repeats).toFixed(1)} ms busy a recolour (sampled ${(sampled / repeats).toFixed(0)} ms; idle/program/root excluded)`);
  const show = (title: string, m: Map<string, number>, n: number) => {
    console.log(`\n${title} (ms a recolour):`);
    for (const [k, ms] of [...m].filter(([k]) => !/^\((idle|root|program)\)/.test(k)).sort((a, b) => b[1] - a[1]).slice(0, n)) console.log(`${(ms / repeats).toFixed(1).padStart(7)}  ${k}`);
  };
  show('heaviest by self time', self, 30);
  console.log('\nthe ten heaviest by self time, by the component they ran under (ms a recolour):');
  for (const [k] of [...self].filter(([k]) => !/^\((idle|root|program)\)/.test(k)).sort((a, b) => b[1] - a[1]).slice(0, 10)) {
    const top = [...callers.get(k)!].sort((a, b) => b[1] - a[1]).slice(0, 3);
    console.log(`  ${k}: ${top.map(([c, ms]) => `${c} ${(ms / repeats).toFixed(1)}`).join('; ')}`);
  }
  show('heaviest by total time', total, 45);
  // What the map costs without any area fill: the fills' share of a frame.
  await row.getByRole('checkbox').uncheck();
  await mapIdle(page);
  const bare0 = byProcessKind(process.pid);
  for (let i = 0; i < repeats; i++) await mapIdle(page);
  console.log(`\na repaint with no area fill shown: CPU by process ${perKind(bare0, byProcessKind(process.pid))}`);
  console.log(loadLine());
});
