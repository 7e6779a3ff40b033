// What the page's JavaScript heap holds once the national project's first map
// is drawn: heap used after a full GC, and the live allocations sampled since
// navigation (Chrome DevTools Protocol), summed by the function that made
// them, largest first.
//   npx tsx bench/national/heap-open.ts [--count 190000]
import { withNationalAppPage } from './app-page';

interface SampleNode { callFrame: { functionName: string; url: string; lineNumber: number }; selfSize: number; children: SampleNode[] }

await withNationalAppPage(async (page, cdp, url) => {
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.startSampling', { samplingInterval: 64 * 1024 });
  await page.goto(url);
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
});
