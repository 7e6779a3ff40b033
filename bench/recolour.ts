// Recolouring 190,000 Output Areas: builds bench/recolour.html with Vite,
// serves it on 127.0.0.1, runs it in headless Chromium (SwiftShader) and
// prints the median recolour time and ratios against the initial build and a
// plain redraw. Software rendering makes absolute times indicative only.
//   npx tsx bench/recolour.ts [--n 190000] [--repeats 10] [--vertices 41]
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { build } from 'vite';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../test/e2e/harness';

const root = resolve(import.meta.dirname);
const outDir = resolve(root, '..', 'test-output', 'bench-recolour');
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const n = arg('n', 190_000);
const repeats = arg('repeats', 10);
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
try {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`http://127.0.0.1:${port}/recolour.html?n=${n}&repeats=${repeats}&vertices=${vertices}`);
  await page.waitForFunction(() => window.__bench || window.__benchError, null, { timeout: 600_000, polling: 500 });
  const error = await page.evaluate(() => window.__benchError);
  if (error) throw new Error(error);
  const r = (await page.evaluate(() => window.__bench)) as Record<string, number>;
  const ms = (v: number) => `${Math.round(v)} ms`;
  console.log(`areas ${r.areas.toLocaleString('en-GB')}, vertices ${r.vertices.toLocaleString('en-GB')} (SwiftShader: indicative only)`);
  console.log(`generate ${ms(r.generateMs)}; initial build (tessellation + attributes) ${ms(r.initialUpdateMs)}, its draw ${ms(r.initialDrawMs)}`);
  console.log(`recolour update (measure or classification change), median of ${repeats}: ${ms(r.recolourMedianMs)} + classify ${ms(r.classifyMedianMs)}; its draw ${ms(r.recolourDrawMedianMs)}  [updates: ${(r.recolourAll as unknown as number[]).join(', ')}]`);
  console.log(`pan frame: update ${ms(r.panUpdateMedianMs)}, draw ${ms(r.panDrawMedianMs)}`);
  console.log(`ratios: recolour update / initial build = ${(r.recolourMedianMs / r.initialUpdateMs).toFixed(3)}; (recolour update + classify) / pan draw = ${((r.recolourMedianMs + r.classifyMedianMs) / r.panDrawMedianMs).toFixed(2)}`);
  console.log(`layer update on the CPU (tessellation / attributes): initial ${ms(r.initialSyncMs)}, recolour median ${ms(r.recolourSyncMedianMs)} [${(r.recolourSyncAll as unknown as number[]).join(', ')}]`);
  console.log(`  ratio recolour / initial = ${(r.recolourSyncMedianMs / r.initialSyncMs).toFixed(3)}`);
  console.log(`ckmeans natural breaks over all areas: ${ms(r.ckmeansMs)}`);
  if (errors.length) console.log('page errors:', errors.join('\n'));
} finally {
  await browser.close();
  server.close();
}
