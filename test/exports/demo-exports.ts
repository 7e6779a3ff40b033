// Builds the demo project and makes every export of it through the `cgm` CLI
// (in-process), so the tests re-open exactly what an analyst would send.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../electron/cli/main';

export const ANALYSIS_LAYERS = ['gaps', 'gaps_oa', 'gaps_lsoa', 'strata'] as const;
export const TABLE_LAYERS = ['area_oa', 'area_lsoa', 'roads', 'service_sites'] as const;
export const TABLES = ['profile', 'bands', 'gaps', 'strata'] as const;

export interface DemoExports {
  dir: string;
  project: string;
  csv: Record<(typeof TABLES)[number], string>;
  geojson: Record<string, string>;
  gpkg: string;
  html: string;
  pdf: string;
}

export async function cgm(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

async function ok(...argv: string[]): Promise<void> {
  const r = await cgm(...argv);
  if (r.code !== 0) throw new Error(`cgm ${argv.join(' ')} failed: ${r.stderr}`);
}

export async function makeDemoExports(): Promise<DemoExports> {
  const dir = mkdtempSync(join(tmpdir(), 'cgm-exports-'));
  const project = join(dir, 'demo.gpkg');
  await ok('demo', '--project', project, '--force');
  const p = ['--project', project];
  const csv = {} as DemoExports['csv'];
  for (const t of TABLES) {
    csv[t] = join(dir, `${t}.csv`);
    await ok('export', 'csv', ...p, '--table', t, '--out', csv[t]);
  }
  const geojson: Record<string, string> = {};
  for (const l of [...TABLE_LAYERS, ...ANALYSIS_LAYERS]) {
    geojson[l] = join(dir, `${l}.geojson`);
    await ok('export', 'geojson', ...p, '--layer', l, '--out', geojson[l]);
  }
  const gpkg = join(dir, 'layers.gpkg');
  await ok('export', 'gpkg', ...p, '--layers', [...TABLE_LAYERS, ...ANALYSIS_LAYERS].join(','), '--out', gpkg);
  const html = join(dir, 'report.html');
  const pdf = join(dir, 'report.pdf');
  await ok('export', 'report', ...p, '--out', html);
  await ok('export', 'report', ...p, '--out', pdf);
  return { dir, project, csv, geojson, gpkg, html, pdf };
}
