// PNG maps of the demo town, side by side: the screen size (1920×1080) and
// A4 at 300 dpi (3508×2480), each through printMap as `cgm export png` and the
// app's Export dialog draw them (headless Chromium, software WebGL). Each size
// is drawn cold (a browser launched for it, as the first export of a session)
// and warm (the browser kept from the export before, as every later one).
// Prints wall and CPU seconds (Node, and Chromium's browser, GPU/SwiftShader
// and page processes, read from /proc), the page's own split (data, map
// drawing), the machine's load, and the A4 / screen ratios. Figures, not pass/fail.
//   npx vite build && npx tsx bench/png.ts [--runs 3] [--layer segments] [--size a4] [--start warm]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeHeadlessChromium } from '../electron/exports/headless-chromium';
import { openProject } from '../electron/store/project';
import { cgm } from '../test/exports/demo-exports';
import { drawMeasured, load, printRuns, type Run } from './png/print-runs';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const RUNS = Number(arg('runs') ?? 3);
const LAYERS = (arg('layer') ?? 'segments,isochrones').split(',');
const SIZES = (arg('size') ?? 'screen,a4').split(',');
const STARTS = (arg('start') ?? 'cold,warm').split(',');

const dir = mkdtempSync(join(tmpdir(), 'cgm-bench-png-'));
try {
  const path = join(dir, 'demo.gpkg');
  const made = await cgm('demo', '--project', path, '--force');
  if (made.code !== 0) throw new Error(made.stderr);
  const project = openProject(path);
  try {
    console.log(`Demo town, medians of ${RUNS} runs; CPU seconds of Node and Chromium's processes. Load average at start: ${load()}`);
    for (const layer of LAYERS) {
      const got: Record<string, { wall: number; cpu: number }> = {};
      for (const size of SIZES) {
        for (const cold of STARTS.map((t) => t === 'cold')) {
          // A warm run follows one export that launched the browser.
          if (!cold) await drawMeasured(project, { layer, size }, true);
          const runs: Run[] = [];
          for (let r = 0; r < RUNS; r++) runs.push(await drawMeasured(project, { layer, size }, cold));
          const { width, height } = runs[0].printed.size;
          got[`${size} ${cold ? 'cold' : 'warm'}`] = printRuns(`${layer} ${size} ${width}×${height} ${cold ? 'cold' : 'warm'}`, runs);
        }
      }
      for (const t of STARTS) {
        const [a4, screen] = [got[`a4 ${t}`], got[`screen ${t}`]];
        if (a4 && screen) console.log(`  ${layer} ${t}: A4 / screen ${(a4.wall / screen.wall).toFixed(2)} wall, ${(a4.cpu / screen.cpu).toFixed(2)} CPU`);
      }
    }
    console.log(`Load average at end: ${load()}`);
  } finally {
    project.close();
  }
} finally {
  await closeHeadlessChromium();
  rmSync(dir, { recursive: true, force: true });
}
