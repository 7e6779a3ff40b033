// The child process that runs fuzzed imports, so a crash, an abort or a hang
// takes down this process and not the harness. It keeps one project open
// across inputs, as the app's session does, and after each input checks the
// oracle: a refused import left the file byte-identical (SHA-256) and no
// transaction open; an accepted one left a project that opens, passes
// SQLite's integrity and foreign-key checks and describes itself through the
// contract (getProjectInfo, output validated by zod).
import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IMPORT_CHUNK_BYTES as UPLOAD_CHUNK_BYTES, type CallContext, type Handlers } from '../../shared/contract';
import { dispatch, RequestError } from '../../electron/services/dispatch';
import { createHandlers } from '../../electron/services/handlers';
import { ProjectSession } from '../../electron/services/project-session';
import { buildCorpus, BASE_PROJECT, type Corpus } from './seeds';
import { generateInput } from './targets';
import type { WorkerReply, WorkerRequest } from './protocol';

let corpus: Corpus;
let basePath = '';
let workPath = '';
let baseHash = '';
let session: ProjectSession;
let handlers: Handlers;

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const reply = (message: WorkerReply) => process.send!(message);

/** The input being run; a late answer from an input already reported as a crash is dropped. */
let current = -1;

// The app's main process would die on these: report a crash for the input in hand.
// Errors within the next 200 ms belong to the same crash (a broken stream often throws
// more than once), so they are not blamed on the next input.
let crashing = false;
const fatal = (error: unknown) => {
  if (crashing) return;
  if (current < 0) {
    process.stderr.write(`fuzz worker, between inputs: ${signatureOf(error)}\n`);
    process.exit(70);
  }
  // A replay (run.ts --index) shows the whole stack.
  if (process.env.CGM_FUZZ_STACKS === '1') process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
  const seq = current;
  current = -1;
  crashing = true;
  setTimeout(() => {
    crashing = false;
    freshProject();
    reply({ type: 'crash', signature: signatureOf(error), seq });
  }, 200);
};
process.on('uncaughtException', fatal);
process.on('disconnect', () => process.exit(0));
process.on('unhandledRejection', fatal);

export function signatureOf(error: unknown): string {
  if (!(error instanceof Error)) return `non-error thrown: ${String(error).slice(0, 200)}`;
  const frame = error.stack?.split('\n').find((l) => l.includes(' at '))?.trim() ?? '';
  return `${error.name}: ${error.message.split('\n')[0].slice(0, 300)} ${frame}`;
}

function ctx(): CallContext {
  return { progress: () => {}, signal: new AbortController().signal };
}

function freshProject(): void {
  session?.close();
  copyFileSync(basePath, workPath);
  session = new ProjectSession(workPath);
  handlers = createHandlers(session);
}

async function call(method: string, input: unknown): Promise<unknown> {
  return dispatch(handlers, method, input, ctx());
}

/** Sends the file the way the renderer does (begin, chunks, finish), then runs the import. */
async function importOnce(format: string, seed: number, index: number, seq: number): Promise<WorkerReply> {
  let input;
  try {
    input = generateInput(corpus, seed, format, index);
  } catch (error) {
    return { type: 'result', seq, outcome: 'harness error', signature: signatureOf(error), changed: null };
  }
  const siblings = Object.fromEntries(Object.entries(input.siblings).map(([ext, b]) => [ext, b.length]));
  let fileId: string | undefined;
  let outcome: WorkerReply & { type: 'result' } = { type: 'result', seq, outcome: 'imported', changed: null };
  try {
    const { uploadId } = (await call('beginImportUpload', { name: input.name, size: input.data.length, siblings })) as { uploadId: string };
    for (const [part, data] of [['main', input.data], ...Object.entries(input.siblings)] as const) {
      // In chunks as the dialog sends them (renderer/src/import/upload.ts): one base64 string of a
      // mutated 459 MB file is longer than V8 allows, a fault of the harness, not of the app.
      for (let offset = 0; offset < data.length; offset += UPLOAD_CHUNK_BYTES) {
        const chunk = Buffer.from(data.buffer, data.byteOffset + offset, Math.min(UPLOAD_CHUNK_BYTES, data.length - offset));
        await call('putImportChunk', { uploadId, part, offset, dataBase64: chunk.toString('base64') });
      }
    }
    fileId = ((await call('finishImportUpload', { uploadId })) as { fileId: string }).fileId;
    await call('runImport', { fileId, ...input.request });
  } catch (error) {
    if (process.env.CGM_FUZZ_STACKS === '1') process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
    outcome = error instanceof RequestError && error.status < 500
      ? { type: 'result', seq, outcome: 'refused', changed: null }
      : { type: 'result', seq, outcome: 'internal error', signature: signatureOf(error), changed: null };
    if (fileId) await call('discardImportFile', { fileId }).catch(() => {});
  }
  const db = session.project.db;
  if (db.inTransaction) return { ...outcome, changed: 'a transaction was left open' };
  if (outcome.outcome !== 'imported') {
    return sha(workPath) === baseHash ? outcome : { ...outcome, changed: 'a failed import changed the project file' };
  }
  const problem = validProject() ?? (await projectDescribes());
  freshProject();
  return problem ? { ...outcome, changed: problem } : outcome;
}

/** Null when the imported project is sound; otherwise what is wrong with it. */
function validProject(): string | null {
  session.close();
  try {
    session = new ProjectSession(workPath);
    handlers = createHandlers(session);
    const db = session.project.db;
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') return `integrity_check: ${String(integrity)}`;
    const fk = db.pragma('foreign_key_check') as unknown[];
    if (fk.length) return `foreign_key_check: ${JSON.stringify(fk[0])}`;
    return null;
  } catch (error) {
    return `the imported project does not open: ${signatureOf(error)}`;
  }
}

async function projectDescribes(): Promise<string | null> {
  try {
    await call('getProjectInfo', {});
    return null;
  } catch (error) {
    return `getProjectInfo fails: ${signatureOf(error)}`;
  }
}

/**
 * Inputs that fail the oracle on purpose, so the harness's own test can show
 * it sees a crash, a hang, a changed project, an internal error and a process that dies.
 */
async function selftest(format: string, _seed: number, _index: number, seq: number): Promise<WorkerReply> {
  switch (format) {
    case 'selftest-crash':
      setTimeout(() => {
        throw new Error('selftest: thrown from a timer');
      });
      return new Promise(() => {});
    case 'selftest-hang':
      return new Promise(() => {});
    case 'selftest-abort':
      process.abort();
    // falls through (never reached)
    case 'selftest-internal':
      return { type: 'result', seq, outcome: 'internal error', signature: 'TypeError: selftest: not the file\'s fault', changed: null };
    case 'selftest-change':
      session.project.db.exec("INSERT INTO cgm_meta (key, value) VALUES ('selftest', 'x')");
      return { type: 'result', seq, outcome: 'refused', changed: sha(workPath) === baseHash ? null : 'a failed import changed the project file' };
    default:
      return { type: 'result', seq, outcome: 'imported', changed: null };
  }
}

process.on('message', async (message: WorkerRequest) => {
  if (message.type === 'init') {
    corpus = await buildCorpus(message.corpusDir);
    basePath = join(message.corpusDir, BASE_PROJECT);
    workPath = join(message.workDir, `work-${process.pid}.gpkg`);
    baseHash = sha(basePath);
    freshProject();
    reply({ type: 'ready' });
    return;
  }
  current = message.seq;
  const run = message.format.startsWith('selftest-') && process.env.CGM_FUZZ_SELFTEST === '1' ? selftest : importOnce;
  const result = await run(message.format, message.seed, message.index, message.seq);
  if (current !== message.seq) return;
  current = -1;
  reply(result);
});
