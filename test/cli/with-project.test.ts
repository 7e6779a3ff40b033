// Every cgm command that works on a project opens it through withProject:
// closed when the work ends, whether it returns, fails, or fails later (async).
import { afterAll, describe, expect, it } from 'vitest';
import { withProject } from '../../electron/cli/with-project';
import type { Project } from '../../electron/store/project';
import { newProject, tempDir } from '../importers/helpers';

describe('withProject', () => {
  const tmp = tempDir('cgm-with-project-');
  afterAll(() => tmp.cleanup());
  const path = (() => {
    const p = newProject(tmp.dir);
    p.close();
    return p.path;
  })();

  it('hands the work an open project and closes it after, passing the result on', async () => {
    let seen: Project | undefined;
    const tables = await withProject(path, (project) => {
      seen = project;
      expect(project.db.open).toBe(true);
      return project.db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 'gpkg_contents'").pluck().get();
    });
    expect(tables).toBe(1);
    expect(seen!.db.open).toBe(false);
  });

  it('closes it when the work fails, at once or after awaiting', async () => {
    let seen: Project | undefined;
    await expect(withProject(path, (project) => { seen = project; throw new Error('bad option'); })).rejects.toThrow('bad option');
    expect(seen!.db.open).toBe(false);
    let open: boolean | undefined;
    await expect(withProject(path, async (project) => {
      seen = project;
      await new Promise((r) => setTimeout(r, 10));
      open = project.db.open; // still open while the work awaits
      throw new Error('late');
    })).rejects.toThrow('late');
    expect(open).toBe(true);
    expect(seen!.db.open).toBe(false);
  });
});
