// The projects the app knows: the data folder's projects/, the folders the
// analyst added, the demo town, and the recent list. Every path the renderer
// sends is resolved here first (project-places.ts), so a handler never opens
// or writes a file outside these places.
import { existsSync, mkdirSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { InputError } from '../../shared/errors';
import { projectNameOf } from '../store/project-name';
import { readFolders, readRecent, rememberFolder, rememberMoved, rememberOpened } from './project-memory';
import { checkedFolder, checkPathText, confinedProjectPath, isWithin, PROJECT_EXTENSION, projectFileName, realTarget } from './project-places';

export interface KnownProject {
  name: string;
  path: string;
  /** ISO time the file last changed. */
  modified: string;
}

export class ProjectLibrary {
  /** Why the project open at launch is not the last one the analyst had open; cleared by the next switch. */
  notice: string | null = null;

  constructor(readonly dataDir: string) {}

  get projectsDir(): string {
    return join(this.dataDir, 'projects');
  }

  get demoPath(): string {
    return join(this.dataDir, 'demo.gpkg');
  }

  private get recentFile(): string {
    return join(this.dataDir, 'recent.json');
  }

  private get foldersFile(): string {
    return join(this.dataDir, 'project-folders.json');
  }

  /** Real paths of the folders projects may be in: projects/ (made on first use), then those added that still exist. */
  folders(): string[] {
    mkdirSync(this.projectsDir, { recursive: true });
    const own = realpathSync(this.projectsDir);
    const added = readFolders(this.foldersFile).filter((f) => existsSync(f) && realpathSync(f) === f && f !== own);
    return [own, ...added];
  }

  addFolder(path: string): string {
    const folder = checkedFolder(path);
    rememberFolder(this.foldersFile, folder);
    return folder;
  }

  /** Whether `path` is the demo project's file (by its real path). */
  isDemo(path: string): boolean {
    const real = realTarget(path);
    return real !== null && existsSync(this.demoPath) && realpathSync(this.demoPath) === real;
  }

  /** The real path of a project the renderer named, or an InputError naming it. */
  resolve(path: string): string {
    if (this.isDemo(checkPathText(path, 'project'))) return realpathSync(this.demoPath);
    return confinedProjectPath(path, this.folders());
  }

  /** Where a project called `name` goes: `folder` (a known one) or projects/; refused if a file is there already. */
  newProjectPath(name: string, folder?: string): string {
    const folders = this.folders();
    const target = folder === undefined ? folders[0] : checkedFolder(folder);
    if (!folders.some((f) => isWithin(f, target))) throw new InputError(`${folder} is not one of the project folders; add it first.`);
    const path = join(target, projectFileName(name));
    if (existsSync(path)) throw new InputError(`${path} already exists; choose another name.`);
    return path;
  }

  /** Whether `path` may be opened now (inside the folders, or the demo). */
  allows(path: string): boolean {
    try {
      this.resolve(path);
      return true;
    } catch {
      return false;
    }
  }

  opened(path: string): void {
    rememberOpened(this.recentFile, path);
  }

  moved(from: string, to: string): void {
    rememberMoved(this.recentFile, from, to);
  }

  /** The project to reopen at launch: the most recent one, whether or not it is still there. */
  lastOpened(): string | null {
    return readRecent(this.recentFile)[0]?.path ?? null;
  }

  /** Recent projects that still exist and may be opened, most recent first. */
  recent(): (KnownProject & { openedAt: string })[] {
    return readRecent(this.recentFile).flatMap((r) => {
      const known = existsSync(r.path) && this.allows(r.path) ? describe(r.path) : null;
      return known ? [{ ...known, openedAt: r.openedAt }] : [];
    });
  }

  /** Every project file directly in the known folders, by name. */
  projects(): KnownProject[] {
    const found: KnownProject[] = [];
    for (const folder of this.folders()) {
      let names: string[];
      try {
        names = readdirSync(folder);
      } catch {
        continue;
      }
      for (const name of names) {
        // Hidden files are the app's own work in progress (an import's copy, a save being written).
        if (name.startsWith('.') || !name.toLowerCase().endsWith(PROJECT_EXTENSION)) continue;
        // A symlink to a file elsewhere is not listed: it could not be opened either.
        const path = join(folder, name);
        const known = this.allows(path) ? describe(path) : null;
        if (known) found.push(known);
      }
    }
    return found.sort((a, b) => a.name.localeCompare(b.name) || a.path.localeCompare(b.path));
  }
}

function describe(path: string): KnownProject | null {
  try {
    const stat = statSync(path);
    if (!stat.isFile()) return null;
    return { name: projectNameOf(path) ?? basename(path, extname(path)), path, modified: stat.mtime.toISOString() };
  } catch {
    return null;
  }
}
