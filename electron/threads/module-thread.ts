// Starting a worker thread on a module of our own. From the sources (tsx: tests,
// `npm start`) the thread registers tsx before importing the module's .ts file;
// a bundle (the CLI's, the Electron build) ships the module built beside itself
// under `built`, which may be missing from a copy put together by hand.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * A thread running `source` (a .ts path relative to `caller`, an import.meta.url) or, when `caller`
 * is bundled, `built` beside it; null when the built file is absent (callers then work in-thread).
 */
export function startModuleThread(caller: string, source: string, built: string, workerData: unknown): Worker | null {
  if (caller.endsWith('.ts')) {
    const href = new URL(source, caller).href;
    const boot = `import('tsx/esm/api').then((m) => m.register()).then(() => import(${JSON.stringify(href)}));`;
    return new Worker(boot, { eval: true, workerData });
  }
  const entry = new URL(built, caller);
  if (!existsSync(fileURLToPath(entry))) return null;
  // A thread inherits node's flags, but one loaded from a file refuses --input-type (`node --input-type=module -e`
  // loading the bundle), and flags given explicitly may not include V8's (--max-old-space-size): so they are
  // passed only when --input-type must go, and dropped altogether if node still refuses them.
  if (!process.execArgv.some((a) => a.startsWith('--input-type'))) return new Worker(entry, { workerData });
  try {
    return new Worker(entry, { workerData, execArgv: fileWorkerArgs(process.execArgv) });
  } catch (error) {
    if ((error as { code?: string }).code !== 'ERR_WORKER_INVALID_EXEC_ARGV') throw error;
    return new Worker(entry, { workerData, execArgv: [] });
  }
}

/** The process's node flags less --input-type, which a worker loaded from a file refuses. */
function fileWorkerArgs(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--input-type') i++;
    else if (!args[i].startsWith('--input-type=')) out.push(args[i]);
  }
  return out;
}
