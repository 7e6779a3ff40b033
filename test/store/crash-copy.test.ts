// The project file alone is whole at every moment: `cgm import roads` on the
// real Rutland extract is killed with SIGKILL while it writes, the .gpkg alone
// (no journal, no temporary file) is copied at once, and the copy must pass
// SQLite's integrity_check and hold either the project before the import (no
// roads) or after it (every road), never a mix.
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createProject, openProject, replaceProjectFile } from '../../electron/store/project';
import { requireSharedData, requireTool } from '../support/requirements';

const root = resolve(import.meta.dirname, '..', '..');
const pbf = requireSharedData('uk', 'rutland', 'rutland-latest.osm.pbf');
const ogrinfo = requireTool('ogrinfo', 'apt-get install gdal-bin');
const dir = mkdtempSync(join(tmpdir(), 'cgm-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ROADS_IN_RUTLAND = 4461; // `cgm import roads` on this extract reports 4461 road features

function roadsIn(file: string): { integrity: string; roads: number } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = db.pragma('integrity_check', { simple: true }) as string;
    const hasRoads = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'roads'").get() !== undefined;
    return { integrity, roads: hasRoads ? Number(db.prepare('SELECT count(*) FROM roads').pluck().get()) : 0 };
  } finally {
    db.close();
  }
}

type Moment = { afterMs: number } | 'project-file-written';

/**
 * Resolves true at `moment` of the import's write (SQLite has a -journal open
 * beside some file in `folder`; with 'project-file-written', and the project
 * file itself has changed since), or false if the process exits first.
 */
function reach(moment: Moment, folder: string, project: string, child: ChildProcess): Promise<boolean> {
  const stamp = () => {
    const s = statSync(project);
    return `${s.size} ${s.mtimeMs}`;
  };
  const before = stamp();
  return new Promise((done) => {
    let since: number | null = null;
    const poll = setInterval(() => {
      if (!readdirSync(folder).some((f) => f.endsWith('-journal'))) return;
      since ??= Date.now();
      if (moment === 'project-file-written' ? stamp() !== before : Date.now() - since >= moment.afterMs) finish(true);
    }, 1);
    const finish = (reached: boolean) => {
      clearInterval(poll);
      child.off('exit', exited);
      done(reached);
    };
    const exited = () => finish(false);
    child.on('exit', exited);
  });
}

describe.skipIf(!pbf)('a project copied right after a kill -9 mid-import', () => {
  // Killed as the write starts, part-way, and the moment the project file itself
  // is written (SQLite writing pages into it: the unsafe moment for a lone copy).
  it.each<[string, Moment]>([
    ['as the write starts', { afterMs: 0 }],
    ['20 ms into the write', { afterMs: 20 }],
    ['as the project file is written', 'project-file-written'],
  ])('is whole and holds the old or the new state (killed %s)', async (label, moment) => {
    const folder = mkdtempSync(join(dir, 'kill-'));
    const project = join(folder, 'p.gpkg');
    createProject(project).close();
    const child = spawn(process.execPath, [join(root, 'bin', 'cgm.mjs'), 'import', 'roads', '--project', project, '--file', pbf!], { cwd: root, stdio: 'ignore' });
    const exited = new Promise((r) => child.on('exit', r));
    const reached = await reach(moment, folder, project, child);
    // Written in place, the project file changes mid-write; written to a copy, only the rename changes it.
    if (moment !== 'project-file-written') expect(reached, `the import was still writing ${label}`).toBe(true);
    child.kill('SIGKILL');
    const copy = join(folder, 'copy.gpkg');
    copyFileSync(project, copy);
    await exited;
    const state = roadsIn(copy);
    expect(state.integrity).toBe('ok');
    expect([0, ROADS_IN_RUTLAND]).toContain(state.roads);
    if (!reached) expect(state.roads).toBe(ROADS_IN_RUTLAND);
    // The copy is a project the app and GDAL both open.
    openProject(copy).close();
    if (ogrinfo) {
      const gdal = spawn(ogrinfo, ['-ro', '-so', '-q', copy]);
      expect(await new Promise((r) => gdal.on('exit', r))).toBe(0);
    }
  }, 120_000);
});

describe('replaceProjectFile', () => {
  it('leaves the project as it was, and writable, when the write fails', async () => {
    const project = createProject(join(dir, 'fail.gpkg'));
    project.db.exec('CREATE TABLE t (x)');
    await expect(
      replaceProjectFile(project, async (copy) => {
        copy.db.exec('INSERT INTO t VALUES (1)');
        throw new Error('the import failed half-way');
      }),
    ).rejects.toThrow('half-way');
    expect(project.db.prepare('SELECT count(*) FROM t').pluck().get()).toBe(0);
    project.db.exec('INSERT INTO t VALUES (2)');
    expect(readdirSync(dir).filter((f) => f.includes('.importing'))).toEqual([]);
    project.close();
  });

  it('refuses other writes to the project while the copy is written, then gives the new file', async () => {
    const project = createProject(join(dir, 'busy.gpkg'));
    project.db.exec('CREATE TABLE t (x)');
    const result = await replaceProjectFile(project, async (copy) => {
      copy.db.exec('INSERT INTO t VALUES (1)');
      // An edit made meanwhile would be lost in the rename: it fails instead.
      expect(() => project.db.exec('INSERT INTO t VALUES (99)')).toThrow(/readonly|query_only/i);
      expect(project.db.prepare('SELECT count(*) FROM t').pluck().get()).toBe(0);
      return 'done';
    });
    expect(result).toBe('done');
    expect(project.db.prepare('SELECT x FROM t').pluck().all()).toEqual([1]);
    project.db.exec('INSERT INTO t VALUES (2)');
    project.close();
    expect(roadsIn(join(dir, 'busy.gpkg')).integrity).toBe('ok');
  });
});
