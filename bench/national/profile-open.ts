// Where opening the national project spends its time: the page's main thread
// (Chrome DevTools Protocol) and, with --server-prof DIR, the server's threads
// (node --cpu-prof into DIR), each as self time per function from navigation
// to the first map drawn, heaviest first, after the API calls' timeline. The
// page's profile and the window are kept in DIR too (page.json) for a closer look.
//   npx tsx bench/national/profile-open.ts [--count 190000] [--server-prof /tmp/cgm-prof]
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, startApp } from '../../test/e2e/harness';
import { heaviest, monotonicUs, readCpuProfile, selfTimes, type CpuProfile } from './cpu-profile';
import { benchArg, benchNationalProject, loadLine, NATIONAL_DATA_DIR } from './setup';

const at = process.argv.indexOf('--server-prof');
const serverProfDir = at > 0 ? process.argv[at + 1] : null;
if (serverProfDir) {
  rmSync(serverProfDir, { recursive: true, force: true });
  mkdirSync(serverProfDir, { recursive: true });
}

const built = await benchNationalProject(benchArg('count', 190_000));
const app = await startApp({ CGM_DATA_DIR: NATIONAL_DATA_DIR, CGM_PROJECT: built.path }, serverProfDir ? ['--cpu-prof', `--cpu-prof-dir=${serverProfDir}`] : []);
const browser = await launchBrowser();
let window: [number, number] = [0, 0];
try {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
  await cdp.send('Profiler.start');
  const t0 = performance.now();
  const marks: string[] = [];
  page.on('request', (r) => r.url().includes('/api/') && marks.push(`${((performance.now() - t0) / 1000).toFixed(2)} s → ${new URL(r.url()).pathname}`));
  page.on('requestfinished', (r) => r.url().includes('/api/') && marks.push(`${((performance.now() - t0) / 1000).toFixed(2)} s ← ${new URL(r.url()).pathname}`));
  const from = monotonicUs();
  await page.goto(app.url);
  await page.waitForSelector('body[data-map-ready="1"]', { timeout: 600_000 });
  window = [from, monotonicUs()];
  console.log(`first map ${((performance.now() - t0) / 1000).toFixed(2)} s`);
  console.log(marks.join('\n'));
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
  console.log(`page main thread: ${heaviest(selfTimes(profile)).join('\n')}`);
  if (serverProfDir) writeFileSync(join(serverProfDir, 'page.json'), JSON.stringify({ window, profile }));
} finally {
  await browser.close();
  await app.stop();
}
// The server writes its profiles (one per thread) as it exits.
if (serverProfDir) {
  for (const file of readdirSync(serverProfDir).filter((f) => f.endsWith('.cpuprofile')).sort()) {
    console.log(`\nserver ${file}, navigation to first map: ${heaviest(selfTimes(readCpuProfile(join(serverProfDir, file)), ...window), 30).join('\n')}`);
  }
}
console.log(loadLine());
