// opening_hours as one CommonJS file beside a bundle (dist/cli, dist/electron),
// required on first use by electron/importers/opening-hours-lib.ts rather than
// compiled into the bundle: 1.4 MB that every `cgm` start paid for. Written to
// a temporary name and renamed, so a command starting meanwhile never reads half a file.
import { renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Writes opening-hours.cjs into `dir`; resolves to its path. */
export async function buildOpeningHours(dir, options = {}) {
  const { build } = await import('esbuild');
  const outfile = join(dir, 'opening-hours.cjs');
  const tmp = `${outfile}.${process.pid}-${Date.now()}.tmp.cjs`;
  try {
    await build({
      stdin: { contents: "module.exports = require('opening_hours');", resolveDir: dirname(fileURLToPath(import.meta.url)), loader: 'js' },
      outfile: tmp, bundle: true, platform: 'node', target: 'node20', format: 'cjs', minify: true, logLevel: 'error', ...options,
    });
    renameSync(tmp, outfile);
    return outfile;
  } finally {
    rmSync(tmp, { force: true });
  }
}
