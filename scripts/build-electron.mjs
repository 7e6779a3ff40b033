// Bundles the Electron main process (ESM) and the sandboxed preload (CJS).
// better-sqlite3 stays external: it is a native module that electron-builder
// rebuilds for Electron's ABI.
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning' };

await build({
  ...common,
  entryPoints: ['electron/shell/main.ts'],
  outfile: 'dist/electron/main.mjs',
  format: 'esm',
  external: ['electron', 'better-sqlite3'],
  banner: { js: "import { createRequire as __cgmRequire } from 'node:module'; const require = __cgmRequire(import.meta.url);" },
});
await build({
  ...common,
  entryPoints: ['electron/shell/preload.ts'],
  outfile: 'dist/electron/preload.cjs',
  format: 'cjs',
  external: ['electron'],
});
console.log('Built dist/electron/main.mjs and dist/electron/preload.cjs');
