// Title bar: the app, the open project, and the workspace's commands.
import type { ReactNode } from 'react';
import type { LoadedProject } from '../project/types';
import { ProjectMenu } from '../project/ProjectMenu';

interface Props {
  project: LoadedProject;
  views: number;
  onSaveView(): void;
  onPresent(): void;
  /** Extra commands placed before the view commands (e.g. Import…). */
  children?: ReactNode;
  /** Shown in place of the level badge: the geography level switch. */
  levelControl?: ReactNode;
}

export function AppHeader({ project, views, onSaveView, onPresent, children, levelControl }: Props) {
  return (
    <header className="app-header">
      <div className="app-header__brand">
        <svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true">
          <path d="M12 2.5c-4 0-7 3-7 6.8 0 5 7 12.2 7 12.2s7-7.2 7-12.2c0-3.8-3-6.8-7-6.8z" fill="#4fb3a9" />
          <circle cx="12" cy="9.4" r="2.6" fill="#10242f" />
        </svg>
        <span className="app-header__app">Catchment Gap Mapper</span>
      </div>
      <div className="app-header__project">
        <ProjectMenu />
        <h1 className="app-header__name">{project.info.name}</h1>
        {project.scheme && <span className="badge">{project.scheme}</span>}
        {levelControl ?? <span className="badge badge--quiet">{project.level}</span>}
      </div>
      <div className="app-header__actions">
        {children}
        <button type="button" className="header-button" onClick={onSaveView} title="Save the current map view for presentation">
          Save view{views > 0 ? ` (${views})` : ''}
        </button>
        <button type="button" className="header-button header-button--primary" onClick={onPresent}>
          Present
        </button>
      </div>
    </header>
  );
}
