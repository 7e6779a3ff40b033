// Where opening the national project spends its time: the page's main thread
// (Chrome DevTools Protocol) and, with --server-prof DIR, the server's threads
// (node --cpu-prof into DIR), each as self time per function from navigation
// to the first map drawn, heaviest first, after the API calls' timeline. The
// page's profile and the window are kept in DIR too (page.json) for a closer look.
//   npx tsx bench/national/profile-open.ts [--count 190000] [--server-prof /tmp/cgm-prof]
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withNationalAppPage } from './app-page';
import { heaviest, monotonicUs, readCpuProfile, selfTimes, type CpuProfile } from './cpu-profile';
import { loadLine } from './setup';

const at = process.argv.indexOf('--server-prof');
const serverProfDir = at > 0 ? process.argv[at + 1] : null;
if (serverProfDir) {
  rmSync(serverProfDir, { recursive: true, force: true });
  mkdirSync(serverProfDir, { recursive: true });
}

await withNationalAppPage(async (page, cdp, url) => {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
  await cdp.send('Profiler.start');
  const t0 = performance.now();
  const marks: string[] = [];
  page.on('request', (r) => r.url().includes('/api/') && marks.push(`${((performance.now() - t0) / 1000).toFixed(2)} s → ${new URL(r.url()).pathname}`));
  page.on('requestfinished', (r) => r.url().includes('/api/') && marks.push(`${((performance.now() - t0) / 1000).toFixed(2)} s ← ${new URL(r.url()).pathname}`));
  const from = monotonicUs();
  await page.goto(url);
  await page.waitForSelector('body[data-map-ready="1"]', { timeout: 600_000 });
  const window: [number, number] = [from, monotonicUs()];
  console.log(`first map ${((performance.now() - t0) / 1000).toFixed(2)} s`);
  console.log(marks.join('\n'));
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
  console.log(`page main thread: ${heaviest(selfTimes(profile)).join('\n')}`);
  if (serverProfDir) writeFileSync(join(serverProfDir, 'page.json'), JSON.stringify({ window, profile }));
}, serverProfDir ? ['--cpu-prof', `--cpu-prof-dir=${serverProfDir}`] : []);

// The server writes its profiles (one per thread) as it exits.
if (serverProfDir) {
  const { window } = JSON.parse(readFileSync(join(serverProfDir, 'page.json'), 'utf8')) as { window: [number, number] };
  for (const file of readdirSync(serverProfDir).filter((f) => f.endsWith('.cpuprofile')).sort()) {
    console.log(`\nserver ${file}, navigation to first map: ${heaviest(selfTimes(readCpuProfile(join(serverProfDir, file)), ...window), 30).join('\n')}`);
  }
}
console.log(loadLine());
