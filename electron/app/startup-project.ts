// Which project the app opens at launch: the one named (CGM_PROJECT), else
// the one open when the app last closed, else the demo town, built through
// the real importers the first time it is needed.
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { buildDemoProject } from '../../data/demo/build-demo-project';
import { openProject } from '../store/project';
import type { ProjectLibrary } from './project-library';

export interface StartupProject {
  path: string;
  /** Said to the analyst when the project they last had open could not be reopened. */
  notice: string | null;
}

/** The demo project at `path`, built (or rebuilt, when damaged) if need be. */
export async function ensureDemoProject(path: string, log: (line: string) => void = () => {}): Promise<string> {
  if (existsSync(path)) {
    try {
      openProject(path).close();
      return path;
    } catch {
      log(`The demo project at ${path} could not be opened; rebuilding it.`);
    }
  }
  mkdirSync(dirname(path), { recursive: true });
  log('Building the demo project (first run)…');
  // Build beside the final path and rename, so an interrupted build never
  // leaves a half-made demo that later launches would trust.
  const partial = `${path}.building`;
  rmSync(partial, { force: true });
  await buildDemoProject(partial);
  renameSync(partial, path);
  return path;
}

/** Why the last project cannot be reopened, or null when it can. */
function lastProjectProblem(path: string, library: ProjectLibrary): string | null {
  if (!existsSync(path)) return `The last project, ${path}, is no longer there`;
  if (!library.allows(path)) return `The last project, ${path}, is outside the project folders`;
  try {
    openProject(path).close();
    return null;
  } catch (error) {
    return `The last project, ${path}, could not be opened (${error instanceof Error ? error.message : String(error)})`;
  }
}

async function chooseStartup(requested: string | undefined, library: ProjectLibrary, log: (line: string) => void): Promise<StartupProject> {
  if (requested) {
    if (!existsSync(requested)) throw new Error(`Project file not found: ${requested}`);
    return { path: requested, notice: null };
  }
  const last = library.lastOpened();
  const problem = last ? lastProjectProblem(last, library) : null;
  if (last && !problem) return { path: last, notice: null };
  const notice = problem ? `${problem}; the demo project is open instead.` : null;
  if (notice) log(notice);
  return { path: await ensureDemoProject(library.demoPath, log), notice };
}

/** The project to open at launch; it goes first in the recent list (when in the project folders), and the library keeps the notice for the renderer. */
export async function startupProject(requested: string | undefined, library: ProjectLibrary, log: (line: string) => void = () => {}): Promise<StartupProject> {
  const chosen = await chooseStartup(requested, library, log);
  library.notice = chosen.notice;
  if (!library.allows(chosen.path)) return chosen;
  // By its real path, as the handlers name it after a switch, so the recent list holds one entry per file.
  const path = library.resolve(chosen.path);
  library.opened(path);
  return { ...chosen, path };
}
