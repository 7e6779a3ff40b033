// The import worker: one runImport request, run in its own thread on the copy
// of the project file that replaceProjectFile will rename into place. The
// main thread keeps serving requests (a national boundary import takes tens
// of seconds); progress and the outcome come back as messages, and an
// 'abort' message cancels it through the importer's own AbortSignal.
import { parentPort, workerData } from 'node:worker_threads';
import type { ImportContext, InMemoryFile } from '../importers/importer';
import { openProject } from '../store/project';
import { runImporter, type RunInput } from './import-run';

export interface ImportJob {
  /** The copy to write (replaceProjectFile's temporary file). */
  path: string;
  input: InMemoryFile;
  request: RunInput;
}

export type WorkerMessage =
  | { type: 'progress'; message: string; fraction: number | null }
  | { type: 'done'; summary: unknown }
  | { type: 'failed'; name: string; message: string; stack?: string };

const port = parentPort!;
const job = workerData as ImportJob;
const controller = new AbortController();
port.on('message', (m: { type: string }) => {
  if (m.type === 'abort') controller.abort();
});

const post = (m: WorkerMessage) => port.postMessage(m);
const ctx: ImportContext = { signal: controller.signal, progress: (message, fraction) => post({ type: 'progress', message, fraction }) };

const project = openProject(job.path);
try {
  post({ type: 'done', summary: await runImporter(project, job.input, job.request, ctx) });
} catch (error) {
  const e = error instanceof Error ? error : new Error(String(error));
  post({ type: 'failed', name: e.name, message: e.message, stack: e.stack });
} finally {
  project.close();
}
