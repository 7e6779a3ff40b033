// Recolouring 190,000 Output Areas: builds bench/recolour.html with Vite,
// serves it on 127.0.0.1, runs it in headless Chromium (SwiftShader) and
// prints, for the old per-vertex colour path and the feature-colour texture
// side by side in one run, the first build and the median recolour per
// classification method, with ratios to the first build. Software rendering
// and a shared machine make absolute times indicative only; compare ratios.
//   npx tsx bench/recolour.ts [--n 190000] [--repeats 6] [--vertices 41]
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { build } from 'vite';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../test/e2e/harness';
import type { PageResult, Timing } from './recolour/page';

const root = resolve(import.meta.dirname);
const outDir = resolve(root, '..', 'test-output', 'bench-recolour');
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const n = arg('n', 190_000);
const repeats = arg('repeats', 6);
const vertices = arg('vertices', 41);

await build({
  configFile: false,
  root,
  base: './',
  logLevel: 'warn',
  build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 8000, rollupOptions: { input: join(root, 'recolour.html') } },
});

const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css' };
const server = createServer(async (req, res) => {
  const path = join(outDir, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
  if (!path.startsWith(outDir)) return res.writeHead(403).end();
  try {
    res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' }).end(await readFile(path));
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const port = (server.address() as { port: number }).port;

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
const errors: string[] = [];

/** One path in a fresh browser context (its own renderer process and heap). */
async function runPath(path: 'old' | 'new'): Promise<PageResult> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  try {
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(String(e)));
    // Progress and deck.gl's own errors (shader compilation, say) arrive as console messages.
    page.on('console', (m) => (m.type() === 'error' || m.text().startsWith('[bench]')) && console.log(`  ${m.text()}`));
    await page.goto(`http://127.0.0.1:${port}/recolour.html?path=${path}&n=${n}&repeats=${repeats}&vertices=${vertices}`);
    await page.waitForFunction(() => window.__bench || window.__benchError, null, { timeout: 900_000, polling: 500 });
    const error = await page.evaluate(() => window.__benchError);
    if (error) throw new Error(error);
    return (await page.evaluate(() => window.__bench)) as unknown as PageResult;
  } finally {
    await context.close();
  }
}

try {
  const pages = [await runPath('old'), await runPath('new')];
  const r = { ...pages[0], results: pages.map((p) => p.result) };
  const [a, b] = pages.map((p) => Buffer.from(p.pixelsBase64, 'base64'));
  let differing = 0;
  for (let i = 0; i < a.length; i += 4) if ([0, 1, 2, 3].some((c) => Math.abs(a[i + c] - b[i + c]) > 1)) differing++;
  const ms = (v: number) => `${Math.round(v)} ms`.padStart(8);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(`areas ${r.areas.toLocaleString('en-GB')}, vertices ${r.vertices.toLocaleString('en-GB')}, generated in ${Math.round(r.generateMs)} ms (SwiftShader: indicative only)`);
  for (const p of r.results) {
    console.log(`\n${p.name}`);
    console.log(`  first build: update (tessellation + attributes) ${ms(p.firstUpdate)}, draw ${ms(p.firstDraw)}; pan draw median ${ms(median(p.pan))}`);
    console.log('  recolour, median  classify   update     draw    total  total/first-build  [totals]');
    for (const [method, t] of Object.entries(p.methods)) {
      const totals = t.classify.map((c, i) => c + t.update[i] + t.draw[i]);
      const total = median(totals);
      console.log(`  ${method.padEnd(15)} ${ms(median(t.classify))} ${ms(median(t.update))} ${ms(median(t.draw))} ${ms(total)}  ${(total / p.firstUpdate).toFixed(4).padStart(17)}  [${totals.map(Math.round).join(', ')}]`);
    }
  }
  const [old, now] = r.results;
  console.log('\nnew / old, median recolour total:');
  for (const method of Object.keys(now.methods)) {
    const total = (t: Timing) => median(t.classify.map((c, i) => c + t.update[i] + t.draw[i]));
    console.log(`  ${method.padEnd(15)} ${(total(now.methods[method]) / total(old.methods[method])).toFixed(3)}`);
  }
  console.log(`  first build     ${(now.firstUpdate / old.firstUpdate).toFixed(3)}`);
  console.log(`pixels of the final frame differing by more than 1 in a channel: ${differing} of ${a.length / 4}${a.length === b.length ? '' : ' (frame sizes differ!)'}`);
  if (errors.length) console.log('page errors:', errors.join('\n'));
} finally {
  await browser.close();
  server.close();
}
