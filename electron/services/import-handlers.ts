// Contract handlers for importing from the app: receive a dropped file in
// chunks and stage it in memory, describe it for the column-mapping step, run
// the chosen importer with progress and cancellation, and let the bytes go.
import type { CallContext, Handlers, ImportSummaryResult, RunImportInput } from '../../shared/contract';
import { checkAborted, ImportError } from '../importers/importer';
import { recordInputDataDate } from '../importers/data-date';
import { countKeptRows } from '../importers/row-filter';
import { replaceProjectFile } from '../store/project';
import { runImportInWorker } from './import-thread';
import { describeStaged, formatOf, StagedFiles, type StagedEntry } from './import-staging';
import { ImportUploads } from './import-uploads';
import type { ProjectSession } from './project-session';

type ImportHandlers = Pick<
  Handlers,
  'beginImportUpload' | 'putImportChunk' | 'finishImportUpload' | 'abandonImportUpload' | 'runImport' | 'cancelImport' | 'discardImportFile' | 'countImportRows'
>;
type RunInput = Parameters<Handlers['runImport']>[0];

async function runStaged(session: ProjectSession, staged: StagedFiles, entry: StagedEntry, request: RunInput, ctx: CallContext) {
  if (entry.running) throw new ImportError(`${entry.input.name} is already being imported`);
  const controller = new AbortController();
  entry.running = controller;
  // Either the analyst's Cancel (cancelImport) or the transport going away stops the import.
  const signal = AbortSignal.any([ctx.signal, controller.signal]);
  const name = entry.input.name;
  // The renderer recognises its job by this first message.
  ctx.progress(`Importing ${name}`, 0);
  try {
    checkAborted({ signal }, name);
    // On a copy renamed into place: the project file is whole even if the app is killed mid-import.
    const summary = await replaceProjectFile(session.project, async (copy) => {
      const since = new Date().toISOString();
      // The importer runs in a worker thread, so the server answers other requests meanwhile.
      const result = await runImportInWorker(copy.path, entry.input, request, { progress: ctx.progress, signal });
      // The data's own date where the file gives it; otherwise the Data dates dialog asks for it.
      await recordInputDataDate(copy.db, entry.input, since);
      return result;
    });
    ctx.progress(`Imported ${name}`, 1);
    return summary;
  } finally {
    entry.running = null;
  }
}

export function importHandlers(session: ProjectSession, staged = new StagedFiles(), uploads = new ImportUploads()): ImportHandlers {
  return {
    async beginImportUpload({ name, size, siblings, lastModified }) {
      // A type the app cannot read is refused before a gigabyte of it crosses over.
      formatOf(name);
      return { uploadId: uploads.begin(name, size, siblings, lastModified), chunkBytes: uploads.chunkBytes };
    },

    async putImportChunk({ uploadId, part, offset, dataBase64 }) {
      return { received: uploads.put(uploadId, part, offset, dataBase64) };
    },

    async finishImportUpload({ uploadId }, ctx) {
      const entry = staged.add(uploads.finish(uploadId));
      try {
        return await describeStaged(entry, { progress: ctx.progress, signal: ctx.signal });
      } catch (error) {
        // A file that cannot even be previewed will not be imported: let it go now.
        staged.drop(entry.id);
        throw error;
      }
    },

    async abandonImportUpload({ uploadId }) {
      return { abandoned: uploads.abandon(uploadId) };
    },

    async runImport(request, ctx) {
      const entry = staged.get(request.fileId);
      const summary = await runStaged(session, staged, entry, request, ctx);
      // Imported: the project holds what it keeps (for users, only aggregated counts), so the file goes.
      // After a failure the file stays (until the time limit) so the analyst can fix the mapping and retry.
      staged.drop(entry.id);
      return { ...summary, details: summary.details ?? {} };
    },

    async cancelImport({ fileId }) {
      const running = staged.has(fileId) ? staged.get(fileId).running : null;
      running?.abort();
      return { cancelled: running !== null };
    },

    async countImportRows({ fileId, where }, ctx) {
      return countKeptRows(staged.get(fileId).input, where, { signal: ctx.signal });
    },

    async discardImportFile({ fileId }) {
      return { discarded: staged.drop(fileId) };
    },
  };
}
