// Where opening the national project spends its time in the page: a CPU
// profile (Chrome DevTools Protocol) from navigation to the first map drawn,
// summarised as self time per function, heaviest first.
//   npx tsx bench/national/profile-open.ts [--count 190000]
import { withNationalAppPage } from './app-page';

await withNationalAppPage(async (page, cdp, url) => {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
  await cdp.send('Profiler.start');
  const t0 = performance.now();
  const marks: string[] = [];
  page.on('request', (r) => r.url().includes('/api/') && marks.push(`${((performance.now() - t0) / 1000).toFixed(1)} s → ${new URL(r.url()).pathname}`));
  page.on('requestfinished', (r) => r.url().includes('/api/') && marks.push(`${((performance.now() - t0) / 1000).toFixed(1)} s ← ${new URL(r.url()).pathname}`));
  await page.goto(url);
  await page.waitForSelector('body[data-map-ready="1"]', { timeout: 600_000 });
  console.log(`first map ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  console.log(marks.join('\n'));
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[]; samples: number[]; timeDeltas: number[] } };
  const self = new Map<string, number>();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  profile.samples.forEach((id, k) => {
    const f = byId.get(id)!.callFrame;
    const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[k] ?? 0) / 1000);
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  console.log(`page main thread sampled ${(total / 1000).toFixed(1)} s; heaviest:`);
  for (const [k, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${ms.toFixed(0).padStart(7)} ms  ${k}`);
});
