// What the page's JavaScript heap holds once the national project's first map
// is drawn: heap used after a full GC, and the live allocations sampled since
// navigation (Chrome DevTools Protocol), summed by the function that made
// them, largest first.
//   npx tsx bench/national/heap-open.ts [--count 190000]
import { launchBrowser, startApp } from '../../test/e2e/harness';
import { benchArg, benchNationalProject, NATIONAL_DATA_DIR } from './setup';

interface SampleNode { callFrame: { functionName: string; url: string; lineNumber: number }; selfSize: number; children: SampleNode[] }

const built = await benchNationalProject(benchArg('count', 190_000));
const app = await startApp({ CGM_DATA_DIR: NATIONAL_DATA_DIR, CGM_PROJECT: built.path });
const browser = await launchBrowser();
try {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.startSampling', { samplingInterval: 64 * 1024 });
  await page.goto(app.url);
  await page.waitForSelector('body[data-map-ready="1"]', { timeout: 600_000 });
  await cdp.send('HeapProfiler.collectGarbage');
  const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; totalSize: number };
  console.log(`page JS heap after GC at the first map: ${(usage.usedSize / 2 ** 20).toFixed(0)} MiB used of ${(usage.totalSize / 2 ** 20).toFixed(0)} MiB`);
  const { profile } = (await cdp.send('HeapProfiler.getSamplingProfile')) as { profile: { head: SampleNode } };
  const self = new Map<string, number>();
  const walk = (n: SampleNode) => {
    const f = n.callFrame;
    const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + n.selfSize);
    n.children.forEach(walk);
  };
  walk(profile.head);
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  console.log(`live sampled allocations ${(total / 2 ** 20).toFixed(0)} MiB; largest by allocating function:`);
  for (const [k, b] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`${(b / 2 ** 20).toFixed(1).padStart(7)} MiB  ${k}`);
} finally {
  await browser.close();
  await app.stop();
}
