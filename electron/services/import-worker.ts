// The import worker: runImport requests, each run on the copy of the project
// file that replaceProjectFile will rename into place, in a thread of its own
// so the main thread keeps serving requests (a national boundary import takes
// tens of seconds). One worker serves every import (started once: from the
// sources it compiles the importers on start); progress and each outcome come
// back as messages, and an 'abort' message cancels a job through the
// importer's own AbortSignal.
import { parentPort } from 'node:worker_threads';
import type { ImportContext, InMemoryFile } from '../importers/importer';
import { openProject } from '../store/project';
import { runImporter, type RunInput } from './import-run';

export interface ImportJob {
  id: number;
  /** The copy to write (replaceProjectFile's temporary file). */
  path: string;
  input: InMemoryFile;
  request: RunInput;
}

export type ToWorker = ({ type: 'job' } & ImportJob) | { type: 'abort'; id: number };
export type FromWorker = { id: number } & (
  | { type: 'progress'; message: string; fraction: number | null }
  | { type: 'done'; summary: unknown }
  | { type: 'failed'; name: string; message: string; stack?: string }
);

const port = parentPort!;
const running = new Map<number, AbortController>();
const post = (m: FromWorker) => port.postMessage(m);

async function run(job: ImportJob): Promise<void> {
  const controller = new AbortController();
  running.set(job.id, controller);
  const ctx: ImportContext = { signal: controller.signal, progress: (message, fraction) => post({ id: job.id, type: 'progress', message, fraction }) };
  try {
    const project = openProject(job.path);
    try {
      post({ id: job.id, type: 'done', summary: await runImporter(project, job.input, job.request, ctx) });
    } finally {
      project.close();
    }
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    post({ id: job.id, type: 'failed', name: e.name, message: e.message, stack: e.stack });
  } finally {
    running.delete(job.id);
  }
}

port.on('message', (m: ToWorker) => {
  if (m.type === 'abort') running.get(m.id)?.abort();
  else void run(m);
});
