// The A4 PNG of England (issue 18: "an A4 PNG of England in under 30 s"): the
// segments layer of a national project (bench/national/project.ts: 190,000
// synthetic Output Areas, a supergroup each), drawn as `cgm export png --size a4`
// draws it (printMap, headless Chromium, software WebGL), side by side with the
// demo town's A4 in the same run. Each map is drawn cold (the browser launched
// for it, as one `cgm` command) and warm (the browser kept from the export
// before, as the app's second export). Prints wall and CPU seconds by process
// (Node, Chromium's browser, GPU/SwiftShader and page processes, from /proc),
// the page's own split (data, map) and the machine's load. Figures, not pass/fail.
//   npx vite build && npx tsx bench/png-england.ts [--count 190000] [--vertices 10] [--runs 2] [--start cold,warm]
// --vertices: each synthetic area's ring (10 as bench/national-app.ts; England's generalised OAs have more).
// The national project is built once into os.tmpdir()/cgm-national-app (shared
// with bench/national-app.ts) and copied for the export, so the cache is only read.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeHeadlessChromium } from '../electron/exports/headless-chromium';
import { openProject } from '../electron/store/project';
import { cgm } from '../test/exports/demo-exports';
import { nationalProject } from './national/project';
import { drawMeasured, load, printRuns, seconds as s, type Run } from './png/print-runs';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const COUNT = Number(arg('count') ?? 190_000);
const VERTICES = Number(arg('vertices') ?? 10);
const RUNS = Number(arg('runs') ?? 2);
const STARTS = (arg('start') ?? 'cold,warm').split(',');
const TARGET_S = 30;
const A4_SEGMENTS = { layer: 'segments', size: 'a4', timeoutMs: 900_000 };

async function measure(name: string, path: string): Promise<Record<string, { wall: number; cpu: number }>> {
  const project = openProject(path);
  const got: Record<string, { wall: number; cpu: number }> = {};
  try {
    for (const cold of STARTS.map((t) => t === 'cold')) {
      // A warm run follows one export that launched the browser.
      if (!cold) await drawMeasured(project, A4_SEGMENTS, true);
      const runs: Run[] = [];
      for (let r = 0; r < RUNS; r++) runs.push(await drawMeasured(project, A4_SEGMENTS, cold));
      got[cold ? 'cold' : 'warm'] = printRuns(`${name} ${cold ? 'cold' : 'warm'}`, runs, { width: 22, each: true });
    }
  } finally {
    project.close();
  }
  return got;
}

const dir = mkdtempSync(join(tmpdir(), 'cgm-bench-png-england-'));
try {
  const built = await nationalProject(join(tmpdir(), 'cgm-national-app'), COUNT, VERTICES);
  console.log(`national project: ${built.areas.toLocaleString('en-GB')} areas of ${VERTICES} vertices${built.builtMs ? `, built in ${s(built.builtMs)}` : ' (cached)'}`);
  const england = join(dir, 'england.gpkg');
  copyFileSync(built.path, england);
  const demo = join(dir, 'demo.gpkg');
  const made = await cgm('demo', '--project', demo, '--force');
  if (made.code !== 0) throw new Error(made.stderr);

  console.log(`A4 (3508×2480) of the segments layer, medians of ${RUNS} runs; CPU seconds of Node and Chromium's processes. Load average at start: ${load()}`);
  const town = await measure('demo town', demo);
  const national = await measure(`${(COUNT / 1000).toFixed(0)}k areas`, england);
  for (const t of STARTS) {
    const [a, b] = [national[t], town[t]];
    if (!a || !b) continue;
    console.log(`  ${t}: national / demo ${(a.wall / b.wall).toFixed(2)} wall, ${(a.cpu / b.cpu).toFixed(2)} CPU; national ${s(a.wall)} wall against the ${TARGET_S} s target (${a.wall <= TARGET_S * 1000 ? 'met' : 'NOT met'} at this load), ${a.cpu.toFixed(1)} s CPU (${a.cpu <= TARGET_S ? 'within' : 'over'} ${TARGET_S} s on one core)`);
  }
  console.log(`Load average at end: ${load()}`);
} finally {
  await closeHeadlessChromium();
  rmSync(dir, { recursive: true, force: true });
}
