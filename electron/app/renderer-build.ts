// The built renderer (dist/renderer): the app's pages, and the print page that
// PNG maps and the report's maps are drawn by. After `npm install` nothing has
// built it yet, so the first command that needs it builds it (a minute or so),
// saying so. Two commands at once must not build over each other or serve a
// half-written folder: one builds, under a lock, into a folder of its own that
// is renamed into place whole; the other waits for it.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..', '..');
/** The page every build has (the PNG export's); its presence means the folder is whole. */
const PRINT_PAGE = 'print.html';
/** A lock older than this was left by a build that died without its process going (a hung machine). */
const STALE_LOCK_MS = 15 * 60 * 1000;
const WAIT_POLL_MS = 500;

export const BUILDING_MESSAGE = 'Building the map renderer (first use, about a minute)…';
const REBUILDING_MESSAGE = 'Rebuilding the map renderer (its sources changed, about a minute)…';

/** Builds the renderer into an empty folder, which it creates. */
export type RendererBuildStep = (outDir: string) => Promise<void>;

export interface EnsureRendererOptions {
  /** Where the message goes while it builds (the CLI's stderr). */
  log?: (message: string) => void;
  /** Rebuild a folder whose pages are older than this (ms since the epoch): `npm start` after an edit. */
  sourcesChangedAt?: number;
  build?: RendererBuildStep;
  /** The folder to use or build; default CGM_RENDERER_DIR, else the built one beside the code, else dist/renderer. */
  dir?: string;
}

/** The folder served, where the app was built beside its main process or from source. */
function defaultDir(): string {
  const bundled = resolve(import.meta.dirname, '..', 'renderer');
  if (existsSync(join(bundled, PRINT_PAGE))) return bundled;
  return join(ROOT, 'dist', 'renderer');
}

const viteBin = () => join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');

/** `vite build` of this checkout into outDir (vite.config.ts's pages); always a production build, even when a test (NODE_ENV=test) asks for it. */
export const viteBuild: RendererBuildStep = (outDir) =>
  new Promise((done, fail) => {
    const child = spawn(process.execPath, [viteBin(), 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NODE_ENV: 'production' } });
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors = (errors + chunk.toString()).slice(-4000)));
    child.on('error', fail);
    child.on('exit', (code) => (code === 0 ? done() : fail(new Error(`building the map renderer failed (vite build exited ${code}): ${errors.trim()}`))));
  });

function isFresh(dir: string, sourcesChangedAt: number | undefined): boolean {
  const page = join(dir, PRINT_PAGE);
  return existsSync(page) && (sourcesChangedAt === undefined || statSync(page).mtimeMs >= sourcesChangedAt);
}

/** Whether the lock's builder is gone: its process ended, or it has held the lock implausibly long. */
function lockIsStale(lock: string): boolean {
  try {
    if (Date.now() - statSync(lock).mtimeMs > STALE_LOCK_MS) return true;
    const pid = Number(readFileSync(join(lock, 'pid'), 'utf8'));
    if (!Number.isInteger(pid) || pid <= 0) return false;
    process.kill(pid, 0);
    return false;
  } catch (error) {
    // ESRCH: no such process. A lock without its pid file yet is being taken right now.
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

function tryLock(lock: string): boolean {
  try {
    mkdirSync(lock);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  writeFileSync(join(lock, 'pid'), String(process.pid));
  return true;
}

/** Builds into a sibling folder, then swaps it in, so a reader never sees a half-written one. */
async function buildInto(dir: string, build: RendererBuildStep): Promise<void> {
  const stamp = `${process.pid}-${Date.now()}`;
  const fresh = `${dir}.build-${stamp}`;
  try {
    await build(fresh);
    if (!existsSync(join(fresh, PRINT_PAGE))) throw new Error(`building the map renderer wrote no ${PRINT_PAGE}`);
    const old = `${dir}.old-${stamp}`;
    if (existsSync(dir)) renameSync(dir, old);
    renameSync(fresh, dir);
    rmSync(old, { recursive: true, force: true });
  } finally {
    rmSync(fresh, { recursive: true, force: true });
  }
}

/** The built renderer's folder, built first if it is missing (or older than the sources, when asked). */
export async function ensureRendererBuilt(options: EnsureRendererOptions = {}): Promise<string> {
  const dir = resolve(options.dir ?? process.env.CGM_RENDERER_DIR ?? defaultDir());
  if (isFresh(dir, options.sourcesChangedAt)) return dir;
  const build = options.build ?? viteBuild;
  if (!options.build && !existsSync(viteBin())) {
    throw new Error(`the map renderer is not built at ${dir} and cannot be built here (no vite): run "npm install", then "npm run build:renderer"`);
  }
  mkdirSync(dirname(dir), { recursive: true });
  const lock = `${dir}.lock`;
  let told = false;
  for (;;) {
    if (tryLock(lock)) {
      try {
        // Another command may have finished building between our look and our lock.
        if (isFresh(dir, options.sourcesChangedAt)) return dir;
        options.log?.(existsSync(join(dir, PRINT_PAGE)) ? REBUILDING_MESSAGE : BUILDING_MESSAGE);
        await buildInto(dir, build);
        return dir;
      } finally {
        rmSync(lock, { recursive: true, force: true });
      }
    }
    if (lockIsStale(lock)) {
      rmSync(lock, { recursive: true, force: true });
      continue;
    }
    if (!told) {
      options.log?.(`${BUILDING_MESSAGE} (another command is building it; waiting)`);
      told = true;
    }
    await new Promise((r) => setTimeout(r, WAIT_POLL_MS));
    // Our builder's peer finished: take its folder rather than build again.
    if (!existsSync(lock) && isFresh(dir, options.sourcesChangedAt)) return dir;
  }
}
