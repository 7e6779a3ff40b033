// The import worker: runImport requests, each run on the copy of the project
// file that replaceProjectFile will rename into place, in a thread of its own
// so the main thread keeps serving requests (a national boundary import takes
// tens of seconds). From the sources it compiles the importers on start; an
// import is cancelled through the importer's own AbortSignal
// (worker-job-host.ts fires it when the main thread asks).
import type { ImportContext, InMemoryFile } from '../importers/importer';
import { openProject } from '../store/project';
import { runImporter, type RunInput } from './import-run';
import { serveJobs } from './worker-job-host';

export interface ImportJob {
  /** The copy to write (replaceProjectFile's temporary file). */
  path: string;
  input: InMemoryFile;
  request: RunInput;
}

export async function runImportJob(job: ImportJob, ctx: ImportContext): Promise<unknown> {
  const project = openProject(job.path);
  try {
    return await runImporter(project, job.input, job.request, ctx);
  } finally {
    project.close();
  }
}

serveJobs('import-worker', runImportJob);
