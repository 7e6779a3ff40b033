// The postcode writer's thread (postcode-output.ts starts it for a large
// directory): a connection of its own to the project file, a PostcodeWriter
// driven by the importer's messages, and one answer at the end: committed,
// rolled back as asked, or why not (the importer then ends the thread). Its messages are handled in order, so rows, a restart and the
// commit apply as they were sent. 'ready' first, once the connection is open:
// a thread that fails before it leaves the write to the importer's own thread.
// The transaction (and with it SQLite's write lock) starts with the first rows,
// not with the thread: a national directory read into a county's project keeps
// a few thousand rows, all sent at the end, so the file stays free to others while it is read.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { PostcodeWriter } from './postcode-write';
import { type FromWriter, type ToWriter, WRITE_THREAD_CACHE_KIB } from './postcode-output';

const job = (workerData as { postcodeWriter?: { path: string } } | null)?.postcodeWriter;
const port = parentPort;
if (port && job) {
  let db: Database.Database | null = null;
  let writer: PostcodeWriter | null = null;
  let begun = false;
  const close = () => { writer?.rollback(); writer = null; if (db?.open) db.close(); };
  const post = (m: FromWriter) => port.postMessage(m);
  try {
    db = new Database(job.path, { fileMustExist: true });
    // As the project's own connection (store/project.ts): the file must be whole at every moment.
    db.pragma('journal_mode = DELETE');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    writer = new PostcodeWriter(db, WRITE_THREAD_CACHE_KIB);
    post({ type: 'ready' });
  } catch (error) {
    post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
    close();
  }
  port.on('message', (m: ToWriter) => {
    if (!writer) return;
    try {
      if (m.type === 'abort') { close(); post({ type: 'aborted' }); return; }
      if (!begun) { writer.begin(); begun = true; }
      if (m.type === 'rows') writer.rows(m.batch);
      else if (m.type === 'restart') writer.restart();
      else {
        writer.commit(m.index, m.dataset);
        writer = null;
        db!.close();
        post({ type: 'done' });
      }
    } catch (error) {
      post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
      close();
    }
  });
}
