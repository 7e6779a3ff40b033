// The project the app currently has open. Services read it through here, so
// switching project is one assignment and every handler sees the same one.
import type { Project } from '../store/project';
import { openProject } from '../store/project';

export class ProjectSession {
  private current: Project | null = null;

  constructor(path?: string) {
    if (path) this.open(path);
  }

  open(path: string): Project {
    const next = openProject(path);
    this.current?.close();
    this.current = next;
    return next;
  }

  get project(): Project {
    if (!this.current) throw new Error('No project is open.');
    return this.current;
  }

  close(): void {
    this.current?.close();
    this.current = null;
  }
}
