// The Electron shell's project dialogs, with a stand-in for Electron's dialog
// module (no Electron binary here): what the system dialog is asked, and that
// a chosen file's folder becomes a project folder, so the contract then opens
// or saves it like a path in the data folder.
import { mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProjectLibrary } from '../../electron/app/project-library';
import type { ElectronModule } from '../../electron/shell/electron-types';
import { projectDialogs } from '../../electron/shell/project-dialogs';

let root: string;
let library: ProjectLibrary;
const asked: { kind: string; options: Record<string, unknown> }[] = [];

function fakeDialog(answer: { canceled: boolean; path?: string }): ElectronModule['dialog'] {
  return {
    async showOpenDialog(options) {
      asked.push({ kind: 'open', options });
      return { canceled: answer.canceled, filePaths: answer.path ? [answer.path] : [] };
    },
    async showSaveDialog(options) {
      asked.push({ kind: 'save', options });
      return { canceled: answer.canceled, filePath: answer.path };
    },
  };
}

beforeEach(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'cgm-dialogs-')));
  mkdirSync(join(root, 'work'));
  library = new ProjectLibrary(join(root, 'data'));
  asked.length = 0;
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('project dialogs', () => {
  it('opens a .gpkg chosen anywhere and adds its folder to the project folders', async () => {
    const chosen = await projectDialogs(fakeDialog({ canceled: false, path: join(root, 'work', 'leeds.gpkg') }), library).chooseProjectToOpen();
    expect(chosen).toBe(join(root, 'work', 'leeds.gpkg'));
    expect(asked[0]).toMatchObject({ kind: 'open', options: { properties: ['openFile'], filters: [{ extensions: ['gpkg'] }], defaultPath: library.projectsDir } });
    expect(library.folders()).toEqual([realpathSync(library.projectsDir), join(root, 'work')]);
    expect(library.resolve(chosen!)).toBe(chosen);
  });

  it('saves where the analyst says, adding .gpkg when the dialog left it off, and nothing when cancelled', async () => {
    const saved = await projectDialogs(fakeDialog({ canceled: false, path: join(root, 'work', 'Q3 copy') }), library).chooseProjectToSave('Leeds: Q3');
    expect(saved).toBe(join(root, 'work', 'Q3 copy.gpkg'));
    expect(asked[0].options.defaultPath).toBe(join(library.projectsDir, 'Leeds- Q3.gpkg'));
    expect(await projectDialogs(fakeDialog({ canceled: true }), library).chooseProjectToSave('x')).toBeNull();
    expect(await projectDialogs(fakeDialog({ canceled: true }), library).chooseProjectToOpen()).toBeNull();
    expect(library.folders()).toEqual([realpathSync(library.projectsDir), join(root, 'work')]);
  });
});
