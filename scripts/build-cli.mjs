// Bundles the `cgm` CLI (electron/cli/main.ts and everything it imports) into
// dist/cli/cgm.mjs, so a command starts without compiling TypeScript (tsx took
// ~1.3 s and 200 MB at every start). better-sqlite3 (native) and
// playwright-core (loaded lazily, for PNG/PDF only) stay external. Beside the
// bundle, cgm.inputs.json lists the source files it was built from, so
// bin/cgm.mjs can tell a stale bundle from a fresh one by their times.
// Writes to temporary names and renames, so two commands building at once
// never leave a half-written file. `--if-possible` (npm's prepare step) never
// fails: a missing esbuild only means the CLI runs through tsx.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildOpeningHours } from './opening-hours-bundle.mjs';
import { ESM_REQUIRE_BANNER } from './esm-bundle.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const CLI_BUNDLE = join(ROOT, 'dist', 'cli', 'cgm.mjs');
export const CLI_INPUTS = join(ROOT, 'dist', 'cli', 'cgm.inputs.json');

/** Builds the bundle (to outfile, default dist/cli/cgm.mjs); resolves to its path. */
export async function buildCli(outfile = CLI_BUNDLE) {
  const { build } = await import('esbuild');
  mkdirSync(dirname(outfile), { recursive: true });
  const stamp = `${process.pid}-${Date.now()}`;
  const tmp = `${outfile}.${stamp}.tmp.mjs`;
  // A large postcode directory's writer thread (electron/importers/postcode-output.ts) loads this from beside the bundle.
  const writer = join(dirname(outfile), 'postcode-writer.mjs');
  const writerTmp = `${writer}.${stamp}.tmp.mjs`;
  // A national travel tree's thread (electron/routing/dijkstra-thread.ts), likewise.
  const tree = join(dirname(outfile), 'dijkstra-thread.mjs');
  const treeTmp = `${tree}.${stamp}.tmp.mjs`;
  try {
    // Both bundles: one ESM file for Node 20, minified (start-up is mostly V8 compiling the bundle: fewer bytes,
    // sooner start), with a require() for the bundled CommonJS dependencies, which ESM has none of its own.
    const nodeEsm = {
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'esm',
      metafile: true,
      minify: true,
      logLevel: 'error',
      banner: ESM_REQUIRE_BANNER,
    };
    const writerResult = await build({
      ...nodeEsm,
      entryPoints: [join(ROOT, 'electron', 'importers', 'postcode-write-thread.ts')],
      outfile: writerTmp,
      external: ['better-sqlite3'],
    });
    const treeResult = await build({ ...nodeEsm, entryPoints: [join(ROOT, 'electron', 'routing', 'dijkstra-thread-entry.ts')], outfile: treeTmp });
    const result = await build({
      ...nodeEsm,
      entryPoints: [join(ROOT, 'electron', 'cli', 'main.ts')],
      outfile: tmp,
      external: ['better-sqlite3', 'playwright-core', 'electron'],
      alias: { 'text-encoding': join(ROOT, 'scripts', 'text-encoding-native.cjs') },
      // One command at a time, nothing else to answer: long work runs inline, with no worker files to ship (electron/services/worker-jobs.ts).
      define: { CGM_JOBS_INLINE: 'true' },
    });
    const inputs = [...new Set([result, writerResult, treeResult].flatMap((r) => Object.keys(r.metafile.inputs)))]
      .map((p) => relative(ROOT, resolve(ROOT, p)))
      .filter((p) => !p.startsWith('node_modules') && !p.includes(`${'/'}node_modules/`));
    const inputsTmp = `${outfile}.${stamp}.inputs.tmp`;
    writeFileSync(inputsTmp, JSON.stringify(inputs));
    await buildOpeningHours(dirname(outfile));
    renameSync(writerTmp, writer);
    renameSync(treeTmp, tree);
    renameSync(tmp, outfile);
    renameSync(inputsTmp, outfile === CLI_BUNDLE ? CLI_INPUTS : outfile.replace(/\.mjs$/, '.inputs.json'));
    return outfile;
  } finally {
    rmSync(tmp, { force: true });
    rmSync(writerTmp, { force: true });
    rmSync(treeTmp, { force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const ifPossible = process.argv.includes('--if-possible');
  try {
    const out = await buildCli();
    if (!ifPossible) console.log(`Built ${relative(ROOT, out)}`);
  } catch (error) {
    console.error(`cgm: could not bundle the CLI (${error instanceof Error ? error.message.split('\n')[0] : error}); it will run through tsx`);
    process.exitCode = ifPossible ? 0 : 1;
  }
}
