// PNG maps of the demo town, side by side: the screen size (1920×1080) and
// A4 at 300 dpi (3508×2480), each through printMap as `cgm export png` and the
// app's Export dialog draw them (headless Chromium, software WebGL). Prints the
// whole time, the print page's own split (data, map drawing), the map tiles it
// took, and the A4 / screen ratio. Figures, not pass/fail.
//   npx vite build && npx tsx bench/png.ts [--runs 2] [--layer segments]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { printMap } from '../electron/exports/png-export';
import { openProject } from '../electron/store/project';
import { cgm } from '../test/exports/demo-exports';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const RUNS = Number(arg('runs') ?? 2);
const LAYERS = (arg('layer') ?? 'segments,isochrones').split(',');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const dir = mkdtempSync(join(tmpdir(), 'cgm-bench-png-'));
try {
  const path = join(dir, 'demo.gpkg');
  const made = await cgm('demo', '--project', path, '--force');
  if (made.code !== 0) throw new Error(made.stderr);
  const project = openProject(path);
  try {
    console.log(`Demo town, medians of ${RUNS} runs (a fresh headless Chromium each, as an export does):`);
    for (const layer of LAYERS) {
      const ms: Record<string, number> = {};
      for (const size of ['screen', 'a4']) {
        const runs = [];
        for (let r = 0; r < RUNS; r++) runs.push(await printMap(project, { layer, size, note: () => undefined }));
        const total = median(runs.map((p) => p.millis));
        const data = median(runs.map((p) => p.report.timings.dataMs));
        const map = median(runs.map((p) => p.report.timings.mapMs));
        ms[size] = total;
        const { width, height } = runs[0].size;
        console.log(
          `  ${layer.padEnd(11)} ${size.padEnd(7)} ${`${width}×${height}`.padEnd(10)} ${(total / 1000).toFixed(1).padStart(5)} s` +
            `   page data ${(data / 1000).toFixed(1)} s, map ${(map / 1000).toFixed(1)} s in ${runs[0].report.tiles.length} tile(s),` +
            ` the rest (browser, page load, screenshot) ${((total - data - map) / 1000).toFixed(1)} s`,
        );
      }
      console.log(`  ${layer.padEnd(11)} ratio A4 / screen: ${(ms.a4 / ms.screen).toFixed(2)}`);
    }
  } finally {
    project.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
