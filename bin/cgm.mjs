#!/usr/bin/env node
// The `cgm` CLI. It runs the bundle dist/cli/cgm.mjs (scripts/build-cli.mjs,
// built at `npm install` and again here on first use after a source change),
// which starts in a fraction of the time tsx takes to compile the TypeScript.
// When the bundle cannot be built (no esbuild) it falls back to the sources
// through tsx, with a one-line note on stderr.
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'dist', 'cli', 'cgm.mjs');

/** The bundle exists and no source it was built from has changed since. */
function fresh() {
  try {
    const builtAt = statSync(bundle).mtimeMs;
    const inputs = JSON.parse(readFileSync(join(root, 'dist', 'cli', 'cgm.inputs.json'), 'utf8'));
    return inputs.every((p) => statSync(join(root, p)).mtimeMs <= builtAt);
  } catch {
    return false;
  }
}

let main;
if (process.env.CGM_CLI_FROM_SOURCE !== '1') {
  let why = null;
  if (!fresh()) {
    try {
      const { buildCli } = await import(pathToFileURL(join(root, 'scripts', 'build-cli.mjs')).href);
      await buildCli();
    } catch (error) {
      why = error instanceof Error ? error.message.split('\n')[0] : String(error);
    }
  }
  if (why === null) ({ main } = await import(pathToFileURL(bundle).href));
  else process.stderr.write(`cgm: running from the TypeScript sources through tsx (slower start): the bundle could not be built (${why})\n`);
}
if (!main) {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../electron/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
