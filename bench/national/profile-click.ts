// Where a click on the national map spends its time: the national project
// opened as national-app.ts opens it (density layer shown, its style open),
// then clicks at country zoom (7) and at 13, each under a Chrome DevTools CPU
// profile of the page from just before the press to the map quiet again, with
// the page-side timing of click-timing.ts and each Chromium process's CPU.
//   npx tsx bench/national/profile-click.ts [--count 190000] [--repeats 3]
import type { CDPSession, Page } from 'playwright-core';
import { showDensityStyle, withNationalAppPage } from './app-page';
import { areaOnQuietScreen, timeClick } from './click-timing';
import { selfAndTotal, type CpuProfile } from './cpu-profile';
import { byProcessKind } from './process-memory';
import { benchArg, loadLine } from './setup';

const count = benchArg('count', 190_000);
const repeats = benchArg('repeats', 3);

const busy = (m: Map<string, number>) => [...m].filter(([k]) => !/^\((idle|root|program)\)/.test(k)).sort((a, b) => b[1] - a[1]);

async function profiledClick(page: Page, cdp: CDPSession, i: number, zoom: number) {
  const { code, at, quietMs } = await areaOnQuietScreen(page, i, count, zoom);
  const k0 = byProcessKind(process.pid);
  await cdp.send('Profiler.start');
  const timing = await timeClick(page, at, code);
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
  const k1 = byProcessKind(process.pid);
  const cpu = [...k1].map(([k, v]) => `${k} ${((v.cpu - (k0.get(k)?.cpu ?? 0)) * 1000).toFixed(0)}`).join(', ');
  console.log(`\nclick on ${code} at zoom ${zoom}: ${timing ? `panel ${timing.toPanelMs.toFixed(0)} ms, presented ${timing.toPresentedMs?.toFixed(0) ?? '-'} ms, Playwright ${timing.playwrightMs.toFixed(0)} ms, ${timing.frames} map frames` : 'NO PANEL'} (after ${quietMs.toFixed(0)} ms waiting for quiet); CPU ms by process: ${cpu}`);
  const { self, total } = selfAndTotal(profile);
  const sum = busy(self).reduce((a, [, v]) => a + v, 0);
  console.log(`  page busy ${sum.toFixed(0)} ms sampled. self:`);
  for (const [k, ms] of busy(self).slice(0, 12)) console.log(`  ${ms.toFixed(1).padStart(7)}  ${k}`);
  console.log('  total:');
  for (const [k, ms] of busy(total).slice(0, 30)) console.log(`  ${ms.toFixed(1).padStart(7)}  ${k}`);
}

await withNationalAppPage(async (page, cdp, url) => {
  page.on('pageerror', (e) => console.log(`  page: ${String(e)}`));
  page.on('console', (m) => m.type() === 'error' && console.log(`  page: ${m.text()}`));
  await page.goto(url);
  await page.waitForSelector('body[data-map-ready="1"]', { timeout: 600_000 });
  await showDensityStyle(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  for (let i = 0; i < repeats; i++) await profiledClick(page, cdp, Math.floor(((i + 1.5) * count) / (repeats + 2)), 7);
  for (let i = 0; i < repeats; i++) await profiledClick(page, cdp, Math.floor(((i + 1) * count) / (repeats + 2)), 13);
  console.log(loadLine());
});
