// New, Open, Save As, Rename and the project folders, over the contract.
// Every path from the renderer goes through the library first, so nothing
// outside the project folders (or the demo) is opened, made or renamed.
import { existsSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import type { Handlers } from '../../shared/contract';
import { InputError } from '../../shared/errors';
import type { ProjectLibrary } from '../app/project-library';
import { projectFileName } from '../app/project-places';
import { ensureDemoProject } from '../app/startup-project';
import { getMeta, setMeta } from '../store/meta';
import { createProject, isBeingReplaced, openProject } from '../store/project';
import type { ProjectSession } from './project-session';

type ProjectFileMethods = 'listProjects' | 'newProject' | 'openProject' | 'saveProjectAs' | 'renameProject' | 'addProjectFolder' | 'openDemoProject';
type NewFile = { name: string; folder?: string } | { path: string; name?: string };

/** A file that will not open as a project is the analyst's choice gone wrong, not a fault of the app. */
function asInputError<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(error instanceof Error ? error.message : String(error));
  }
}

export function projectFileHandlers(session: ProjectSession, library: ProjectLibrary): Pick<Handlers, ProjectFileMethods> {
  const opened = () => {
    const { db, path } = session.project;
    return { path, name: getMeta(db, 'name') ?? basename(path, extname(path)) };
  };
  /** An import renames its copy over the open file when done: switching or renaming meanwhile would lose it. */
  const notImporting = () => {
    const project = session.project;
    if (isBeingReplaced(project)) throw new InputError(`An import into ${project.path} is still running; wait for it to finish (or cancel it) first.`);
  };
  const switchTo = (path: string) => {
    notImporting();
    asInputError(() => session.open(path));
    library.opened(path);
    library.notice = null;
    return opened();
  };
  /** Where a new or copied project goes, and its name; never over an existing file. */
  const newFile = (input: NewFile): { path: string; name: string } => {
    if ('path' in input) {
      const path = library.resolve(input.path);
      if (existsSync(path)) throw new InputError(`${input.path} already exists; choose another file name.`);
      return { path, name: input.name ?? basename(path, extname(path)) };
    }
    return { path: library.newProjectPath(input.name, input.folder), name: input.name };
  };

  return {
    async listProjects() {
      return {
        current: session.project.path,
        folders: library.folders(),
        recent: library.recent(),
        projects: library.projects(),
        demoPath: library.demoPath,
        notice: library.notice,
      };
    },

    async newProject(input) {
      notImporting();
      const { path, name } = newFile(input);
      createProject(path, { name }).close();
      return switchTo(path);
    },

    async openProject({ path }) {
      const real = library.resolve(path);
      if (!existsSync(real)) throw new InputError(`${path} does not exist.`);
      return switchTo(real);
    },

    async saveProjectAs(input) {
      notImporting();
      const { path, name } = newFile(input);
      // Hidden beside the target until whole, so the Open list never shows half a copy.
      const partial = join(dirname(path), `.${basename(path)}.saving`);
      try {
        await session.project.db.backup(partial);
        const copy = openProject(partial);
        setMeta(copy.db, 'name', name);
        copy.close();
        renameSync(partial, path);
      } catch (error) {
        for (const suffix of ['', '-journal']) rmSync(partial + suffix, { force: true });
        throw error;
      }
      return switchTo(path);
    },

    async renameProject({ name }) {
      notImporting();
      const current = session.project.path;
      const demo = library.isDemo(current);
      if (demo || !library.allows(current)) {
        throw new InputError(`${current} cannot be renamed: ${demo ? 'the demo project keeps its name' : 'it is outside the project folders'}; use Save As… to make a copy under a new name.`);
      }
      const target = join(dirname(current), projectFileName(name));
      if (target !== current && existsSync(target)) throw new InputError(`${target} already exists; choose another name.`);
      setMeta(session.project.db, 'name', name);
      if (target === current) return opened();
      // Windows cannot rename an open file: close, rename, reopen (and put it back if the reopen fails).
      session.close();
      if (existsSync(`${current}-journal`)) {
        session.open(current);
        throw new Error(`${current} has an unfinished write (a -journal file beside it); reopen the app before renaming it.`);
      }
      renameSync(current, target);
      try {
        session.open(target);
      } catch (error) {
        renameSync(target, current);
        session.open(current);
        throw error;
      }
      library.moved(current, target);
      return opened();
    },

    async addProjectFolder({ path }) {
      return { folder: library.addFolder(path) };
    },

    async openDemoProject() {
      return switchTo(await ensureDemoProject(library.demoPath));
    },
  };
}
