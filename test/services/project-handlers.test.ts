// New, Open, Save As, Rename and the project folders, through dispatch (so a
// refusal is the 422 the analyst sees) on real files in a fresh data folder.
// Confinement: nothing outside projects/, the added folders and the demo is
// opened or made, whether named by `..`, a symlink, or an absolute path.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MethodName } from '../../shared/contract';
import { ProjectLibrary } from '../../electron/app/project-library';
import { startupProject } from '../../electron/app/startup-project';
import { dispatch, RequestError } from '../../electron/services/dispatch';
import { createHandlers } from '../../electron/services/handlers';
import { ProjectSession } from '../../electron/services/project-session';
import { getSetting, setSetting } from '../../electron/store/meta';
import { createProject, replaceProjectFile } from '../../electron/store/project';
import { runCli } from '../cli/capture';
import { handlerCall, quietContext } from '../support/handler-call';

const ctx = quietContext();
let root: string;
let data: string;
let outside: string;
let library: ProjectLibrary;
let session: ProjectSession;

const call = handlerCall(() => createHandlers(session, {}, library), ctx);

/** The call is refused as the analyst's input (422), with a message naming `named`. */
async function refused(method: MethodName, input: unknown, named: string): Promise<string> {
  const error = await dispatch(createHandlers(session, {}, library), method, input, ctx).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RequestError);
  expect((error as RequestError).status).toBe(422);
  expect((error as Error).message).toContain(named);
  return (error as Error).message;
}

function made(path: string, name: string): string {
  createProject(path, { name }).close();
  return path;
}

function tables(path: string): string[] {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
  } finally {
    db.close();
  }
}

beforeEach(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'cgm-projects-')));
  data = join(root, 'data');
  outside = join(root, 'elsewhere');
  mkdirSync(outside, { recursive: true });
  library = new ProjectLibrary(data);
  // A demo that already exists, so nothing here waits on the demo build.
  mkdirSync(data, { recursive: true });
  made(library.demoPath, 'Kestrelford (demo)');
  session = new ProjectSession(library.demoPath);
});

afterEach(() => {
  session.close();
  rmSync(root, { recursive: true, force: true });
});

describe('New', () => {
  it('makes an empty project in the data folder as cgm new makes one, and opens it', async () => {
    const opened = await call('newProject', { name: 'Leeds north' });
    const path = join(data, 'projects', 'Leeds north.gpkg');
    expect(opened).toEqual({ path, name: 'Leeds north' });
    expect(existsSync(path)).toBe(true);
    const info = await call('getProjectInfo', {});
    expect(info.path).toBe(path);
    expect(info.name).toBe('Leeds north');
    expect(info.layers).toEqual([]);
    // The same tables as the CLI's own empty project.
    const cli = join(root, 'cli.gpkg');
    expect((await runCli(['new', '--project', cli])).code).toBe(0);
    expect(tables(path)).toEqual(tables(cli));
    expect((await call('listProjects', {})).recent[0].path).toBe(path);
  });

  it('refuses a name already taken, and keeps a name with slashes inside projects/', async () => {
    await call('newProject', { name: 'Taken' });
    await refused('newProject', { name: 'Taken' }, join(data, 'projects', 'Taken.gpkg'));
    const sneaky = await call('newProject', { name: '../../escape' });
    expect(sneaky.path.startsWith(join(data, 'projects') + '/')).toBe(true);
    expect(sneaky.name).toBe('../../escape');
    expect(existsSync(join(root, 'escape.gpkg'))).toBe(false);
  });

  it('makes file names any system takes, and refuses a name with nothing to name a file by', async () => {
    // Windows reserves CON whatever the extension; ":" and "?" are not allowed in its file names.
    expect((await call('newProject', { name: 'CON' })).path).toBe(join(data, 'projects', 'CON-project.gpkg'));
    expect((await call('newProject', { name: 'Leeds: what next?' })).path).toBe(join(data, 'projects', 'Leeds- what next-.gpkg'));
    await refused('newProject', { name: '...' }, '"..."');
    await refused('newProject', { name: '//' }, '"//"');
  });

  it('refuses a folder that is not one of the project folders', async () => {
    await refused('newProject', { name: 'Out', folder: outside }, outside);
    expect(existsSync(join(outside, 'Out.gpkg'))).toBe(false);
  });
});

describe('the folders confine every path', () => {
  beforeEach(() => {
    made(join(outside, 'secret.gpkg'), 'Not yours');
    mkdirSync(join(data, 'projects'), { recursive: true });
  });

  it('refuses `..`, absolute paths elsewhere, symlinks out, relative paths and other files', async () => {
    const projects = join(data, 'projects');
    await refused('openProject', { path: `${projects}/../../elsewhere/secret.gpkg` }, `${projects}/../../elsewhere/secret.gpkg`);
    await refused('openProject', { path: join(outside, 'secret.gpkg') }, join(outside, 'secret.gpkg'));
    symlinkSync(join(outside, 'secret.gpkg'), join(projects, 'link.gpkg'));
    await refused('openProject', { path: join(projects, 'link.gpkg') }, join(projects, 'link.gpkg'));
    symlinkSync(outside, join(projects, 'linked-folder'));
    await refused('openProject', { path: join(projects, 'linked-folder', 'secret.gpkg') }, join(projects, 'linked-folder', 'secret.gpkg'));
    await refused('openProject', { path: 'projects/x.gpkg' }, 'projects/x.gpkg');
    await refused('openProject', { path: join(data, 'recent.json') }, join(data, 'recent.json'));
    // Save As and New by path are held to the same folders: nothing is written outside.
    await refused('saveProjectAs', { path: join(outside, 'copy.gpkg') }, join(outside, 'copy.gpkg'));
    await refused('newProject', { path: `${projects}/../../elsewhere/new.gpkg` }, 'elsewhere/new.gpkg');
    await refused('saveProjectAs', { path: join(projects, 'linked-folder', 'copy.gpkg') }, 'linked-folder');
    expect(existsSync(join(outside, 'copy.gpkg')) || existsSync(join(outside, 'new.gpkg'))).toBe(false);
    // The symlinked project is not listed either, and the demo stays open.
    expect((await call('listProjects', {})).projects.map((p) => p.name)).toEqual([]);
    expect((await call('getProjectInfo', {})).path).toBe(library.demoPath);
  });

  it('opens and lists projects in a folder once the analyst adds it, but never a whole drive or a file', async () => {
    await refused('addProjectFolder', { path: '/' }, '/');
    await refused('addProjectFolder', { path: join(outside, 'secret.gpkg') }, join(outside, 'secret.gpkg'));
    await refused('addProjectFolder', { path: join(outside, 'missing') }, join(outside, 'missing'));
    await refused('addProjectFolder', { path: 'elsewhere' }, 'elsewhere');
    expect(await call('addProjectFolder', { path: `${outside}/` })).toEqual({ folder: outside });
    const list = await call('listProjects', {});
    expect(list.folders).toEqual([join(data, 'projects'), outside]);
    expect(list.projects).toEqual([expect.objectContaining({ name: 'Not yours', path: join(outside, 'secret.gpkg') })]);
    expect(await call('openProject', { path: join(outside, 'secret.gpkg') })).toEqual({ path: join(outside, 'secret.gpkg'), name: 'Not yours' });
    // Remembered for the next launch.
    expect(new ProjectLibrary(data).folders()).toEqual([join(data, 'projects'), outside]);
  });

  it('answers a file that is not a project with a 422 naming it, and keeps the open project', async () => {
    const bad = join(data, 'projects', 'notes.gpkg');
    writeFileSync(bad, 'not a database at all, just text that is long enough to have a header of a hundred bytes or so..........');
    await refused('openProject', { path: bad }, bad);
    expect((await call('getProjectInfo', {})).path).toBe(library.demoPath);
  });
});

describe('Save As and Rename', () => {
  it('copies the open project whole under a new name and opens the copy', async () => {
    setSetting(session.project.db, 'walk_minutes_probe', { minutes: 17 });
    const copy = await call('saveProjectAs', { name: 'Kestrelford Q3' });
    expect(copy).toEqual({ path: join(data, 'projects', 'Kestrelford Q3.gpkg'), name: 'Kestrelford Q3' });
    expect(session.project.path).toBe(copy.path);
    expect(getSetting(session.project.db, 'walk_minutes_probe')).toEqual({ minutes: 17 });
    expect(tables(copy.path)).toEqual(tables(library.demoPath));
    // The original keeps its own name; the listing shows only the copy (the demo lives beside projects/).
    expect(new ProjectLibrary(data).projects().map((p) => p.name)).toEqual(['Kestrelford Q3']);
    const list = await call('listProjects', {});
    expect(list.recent.map((r) => r.path)).toEqual([copy.path]);
    await refused('saveProjectAs', { name: 'Kestrelford Q3' }, 'already exists');
  });

  it('renames the file and the project, and the recent list follows it', async () => {
    const first = await call('newProject', { name: 'Draft' });
    await call('openDemoProject', {});
    await call('openProject', { path: first.path });
    const renamed = await call('renameProject', { name: 'Hyde Park 2025' });
    const target = join(data, 'projects', 'Hyde Park 2025.gpkg');
    expect(renamed).toEqual({ path: target, name: 'Hyde Park 2025' });
    expect(existsSync(first.path)).toBe(false);
    expect((await call('getProjectInfo', {})).name).toBe('Hyde Park 2025');
    const list = await call('listProjects', {});
    expect(list.recent.map((r) => r.path)).toEqual([target, library.demoPath]);
    expect(list.projects.map((p) => p.name)).toEqual(['Hyde Park 2025']);
    // A name already taken is refused; the demo keeps its name.
    await call('newProject', { name: 'Other' });
    await refused('renameProject', { name: 'Hyde Park 2025' }, 'already exists');
    await call('openDemoProject', {});
    await refused('renameProject', { name: 'My town' }, 'demo');
  });
});

describe('while an import is being written', () => {
  it('refuses to switch, copy or rename, so the import is not lost, and allows it once done', async () => {
    let finish = () => {};
    const gate = new Promise<void>((resolve) => (finish = resolve));
    const importing = replaceProjectFile(session.project, async (copy) => {
      setSetting(copy.db, 'imported_probe', true);
      await gate;
    });
    for (const [method, input] of [['openDemoProject', {}], ['newProject', { name: 'During' }], ['saveProjectAs', { name: 'During' }], ['renameProject', { name: 'During' }]] as const) {
      await refused(method, input, `An import into ${library.demoPath} is still running`);
    }
    finish();
    await importing;
    expect(getSetting(session.project.db, 'imported_probe')).toBe(true);
    expect((await call('newProject', { name: 'After' })).name).toBe('After');
  });
});

describe('the recent list and the launch', () => {
  it('reopens the last project, names a missing one and opens the demo, and CGM_PROJECT wins', async () => {
    const a = await call('newProject', { name: 'A' });
    session.close();
    expect(await startupProject(undefined, new ProjectLibrary(data))).toEqual({ path: a.path, notice: null });
    const named = made(join(outside, 'named.gpkg'), 'Named');
    expect((await startupProject(named, new ProjectLibrary(data))).path).toBe(named);
    // A project outside the folders is not put in the recent list, so A is still the last.
    expect(new ProjectLibrary(data).lastOpened()).toBe(a.path);
    rmSync(a.path);
    const fresh = new ProjectLibrary(data);
    const start = await startupProject(undefined, fresh);
    expect(start.path).toBe(library.demoPath);
    expect(start.notice).toBe(`The last project, ${a.path}, is no longer there; the demo project is open instead.`);
    session = new ProjectSession(start.path);
    library = fresh;
    expect((await call('listProjects', {})).notice).toBe(start.notice);
    await call('newProject', { name: 'B' });
    expect((await call('listProjects', {})).notice).toBeNull();
  });

  it('ignores a damaged or misshapen recent.json instead of failing the launch', async () => {
    for (const text of ['{"version":1,"recent":[{"path":', '{"version":2,"recent":[]}', '{"version":1,"recent":[{"path":42}]}', '\u0000\u0001binary']) {
      writeFileSync(join(data, 'recent.json'), text);
      expect(await startupProject(undefined, new ProjectLibrary(data))).toEqual({ path: library.demoPath, notice: null });
      expect((await call('listProjects', {})).recent.map((r) => r.path)).toEqual([library.demoPath]);
    }
    // A damaged folders file likewise leaves only the data folder's own projects/.
    writeFileSync(join(data, 'project-folders.json'), '{"version":1,"folders":[17]}');
    expect((await call('listProjects', {})).folders).toEqual([join(data, 'projects')]);
    // And it is written whole again afterwards.
    expect(JSON.parse(readFileSync(join(data, 'recent.json'), 'utf8')).recent[0].path).toBe(library.demoPath);
  });
});
