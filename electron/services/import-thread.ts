// Runs imports in a worker thread (import-worker.ts) and waits for each, as
// if it ran here: progress arrives through the call's context, the signal
// cancels it through the importer's own checks, and its errors come back as
// the same kinds (an ImportError still answers 422 with the file, row and
// field it names).
import type { ImportSummaryResult } from '../../shared/contract';
import { ImportCancelled, ImportError, type ImportContext, type ImportSummary, type InMemoryFile } from '../importers/importer';
import type { RunInput } from './import-run';
import { runImportJob, type ImportJob } from './import-worker';
import { JobThreads } from './worker-jobs';

const imports = new JobThreads<ImportJob>({
  entry: 'import-worker',
  label: 'import',
  cancel: 'signal',
  cancelled: (job) => new ImportCancelled(job.input.name),
  rebuild: (failure, job) => {
    if (failure.name === 'ImportCancelled') return new ImportCancelled(job.input.name);
    if (failure.name === 'ImportError') return Object.assign(new ImportError(failure.message), failure.stack ? { stack: failure.stack } : {});
    return undefined;
  },
});

export function runImportInWorker(path: string, input: InMemoryFile, request: RunInput, ctx: ImportContext): Promise<ImportSummary | ImportSummaryResult> {
  const job = { path, input, request };
  return imports.run(job, ctx, () => runImportJob(job, ctx)) as Promise<ImportSummary | ImportSummaryResult>;
}
