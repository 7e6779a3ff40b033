// Electron's native Open and Save dialogs for project files. The analyst picks
// the file in the system's own dialog, so its folder becomes one of the project
// folders (the same rule browser mode's typed folders follow); the renderer then
// opens or saves through the contract like any other path.
import { dirname, extname, join } from 'node:path';
import type { ProjectLibrary } from '../app/project-library';
import { PROJECT_EXTENSION } from '../app/project-places';
import type { ElectronModule } from './electron-types';

const FILTERS = [{ name: 'Catchment Gap Mapper project (GeoPackage)', extensions: ['gpkg'] }];

export interface ProjectDialogs {
  /** A project file to open, or null when cancelled. */
  chooseProjectToOpen(): Promise<string | null>;
  /** Where to make a new project or a copy, or null when cancelled. */
  chooseProjectToSave(suggestedName: string): Promise<string | null>;
}

export function projectDialogs(dialog: ElectronModule['dialog'], library: Pick<ProjectLibrary, 'addFolder' | 'projectsDir'>): ProjectDialogs {
  const admit = (path: string) => {
    library.addFolder(dirname(path));
    return path;
  };
  return {
    async chooseProjectToOpen() {
      const result = await dialog.showOpenDialog({ title: 'Open project', defaultPath: library.projectsDir, properties: ['openFile'], filters: FILTERS });
      const path = result.canceled ? undefined : result.filePaths[0];
      return path ? admit(path) : null;
    },
    async chooseProjectToSave(suggestedName) {
      const name = suggestedName.replace(/[<>:"/\\|?*\u0000-\u001f]/g, '-').slice(0, 100) || 'Untitled';
      const result = await dialog.showSaveDialog({ title: 'Save project as', defaultPath: join(library.projectsDir, `${name}${PROJECT_EXTENSION}`), filters: FILTERS, properties: ['createDirectory'] });
      // An existing file is refused by the handlers (a project is never overwritten), whatever the dialog asked.
      if (result.canceled || !result.filePath) return null;
      // Linux dialogs keep the name as typed; a project file always ends in .gpkg.
      const path = extname(result.filePath).toLowerCase() === PROJECT_EXTENSION ? result.filePath : `${result.filePath}${PROJECT_EXTENSION}`;
      return admit(path);
    },
  };
}
