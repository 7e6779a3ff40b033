// A command's project is open only while the command works on it: closed
// whatever happens, so a failed command leaves no handle (or WAL lock) behind.
import { openProject, type Project } from '../store/project';

export async function withProject<T>(path: string, work: (project: Project) => T | Promise<T>): Promise<T> {
  const project = openProject(path);
  try {
    return await work(project);
  } finally {
    project.close();
  }
}
