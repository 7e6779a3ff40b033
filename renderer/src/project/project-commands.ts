// What the project menu and the shortcuts ask of the project root: show a
// dialog, or switch to another project. The root outlives the workspace it
// remounts on a switch, so a switch can never leave one project's layers,
// selection or analysis choice showing over another's.
import { createContext, useContext } from 'react';
import type { MethodOutput } from '../../../shared/contract';

export type ProjectDialogKind = 'new' | 'open' | 'saveAs' | 'rename';
export type ProjectSwitch = MethodOutput<'openProject'>;

export interface ProjectCommands {
  show(dialog: ProjectDialogKind): void;
  /** Runs a call that opens another project, then reloads the whole workspace on it; rejects with the call's error. */
  switchTo(call: () => Promise<ProjectSwitch>): Promise<void>;
  /** True once, for the menu button that should take focus after a switch remounted it. */
  takeFocus(): boolean;
}

export const ProjectCommandsContext = createContext<ProjectCommands | null>(null);

export function useProjectCommands(): ProjectCommands | null {
  return useContext(ProjectCommandsContext);
}

/** Electron's preload adds the system's file dialogs beside the contract (electron/shell/preload.ts); browser mode has none. */
export interface ProjectFileDialogs {
  chooseProjectToOpen(): Promise<unknown>;
  chooseProjectToSave(suggestedName: string): Promise<unknown>;
}

export function projectFileDialogs(): ProjectFileDialogs | null {
  const bridge = window.cgm as Partial<ProjectFileDialogs> | undefined;
  return bridge?.chooseProjectToOpen && bridge.chooseProjectToSave ? (bridge as ProjectFileDialogs) : null;
}

/** The window or tab title names the project first, so several windows can be told apart. */
export function windowTitle(projectName: string | null): string {
  return projectName ? `${projectName} — Catchment Gap Mapper` : 'Catchment Gap Mapper';
}
