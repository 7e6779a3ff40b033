// Bundles the Electron main process (ESM) and the sandboxed preload (CJS).
// better-sqlite3 stays external: it is a native module that electron-builder
// rebuilds for Electron's ABI. playwright-core is only the browser-mode and
// CLI way to print PNG/PDF (Electron prints with its own Chromium), so it is
// loaded lazily and left out of the app.
import { readdirSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';
import { buildOpeningHours } from './opening-hours-bundle.mjs';
import { ESM_REQUIRE_BANNER } from './esm-bundle.mjs';

// shapefile's text-encoding polyfill is swapped for Node's own TextDecoder, as in the CLI (scripts/text-encoding-native.cjs).
const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning', alias: { 'text-encoding': './scripts/text-encoding-native.cjs' } };
// The main process, its worker threads and the postcode writer: ES modules that can require() their CommonJS dependencies.
const esm = { ...common, format: 'esm', banner: ESM_REQUIRE_BANNER };

const mainBuild = await build({
  ...esm,
  entryPoints: ['electron/shell/main.ts'],
  outfile: 'dist/electron/main.mjs',
  metafile: true,
  external: ['electron', 'better-sqlite3', 'playwright-core'],
});
writeFileSync('dist/electron/main.meta.json', JSON.stringify(mainBuild.metafile));
// Imports, routing, analyses and exports run in worker threads (electron/services/worker-jobs.ts), each
// entry electron/services/<name>-worker.ts loaded from beside main.mjs as <name>-worker.mjs.
const workers = readdirSync('electron/services').filter((f) => f.endsWith('-worker.ts')).map((f) => f.slice(0, -'.ts'.length));
for (const name of workers) {
  await build({ ...esm, entryPoints: [`electron/services/${name}.ts`], outfile: `dist/electron/${name}.mjs`, external: ['electron', 'better-sqlite3', 'playwright-core'] });
}
// A large postcode directory's writer thread (electron/importers/postcode-output.ts), started from the import worker beside it.
await build({ ...esm, entryPoints: ['electron/importers/postcode-write-thread.ts'], outfile: 'dist/electron/postcode-writer.mjs', external: ['better-sqlite3'] });
// A national travel tree's thread (electron/routing/dijkstra-thread.ts), started from the routing worker beside it.
await build({ ...esm, entryPoints: ['electron/routing/dijkstra-thread-entry.ts'], outfile: 'dist/electron/dijkstra-thread.mjs' });
await build({
  ...common,
  entryPoints: ['electron/shell/preload.ts'],
  outfile: 'dist/electron/preload.cjs',
  format: 'cjs',
  external: ['electron'],
});
// Required on first use by electron/importers/opening-hours-lib.ts, from beside main.mjs.
await buildOpeningHours('dist/electron', { sourcemap: false });
console.log(`Built dist/electron/main.mjs, ${workers.map((w) => `${w}.mjs`).join(', ')}, postcode-writer.mjs, dijkstra-thread.mjs, opening-hours.cjs and preload.cjs`);
