// The postcode writer's thread (postcode-output.ts starts it for a large
// directory): a connection of its own to the project file, a PostcodeWriter
// driven by the importer's messages, and one answer at the end: committed,
// rolled back as asked, or why not (the importer then ends the thread). Its messages are handled in order, so rows, a restart and the
// commit apply as they were sent.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { PostcodeWriter } from './postcode-write';
import { type FromWriter, type ToWriter, WRITE_THREAD_CACHE_KIB } from './postcode-output';

const job = (workerData as { postcodeWriter?: { path: string } } | null)?.postcodeWriter;
const port = parentPort;
if (port && job) {
  let db: Database.Database | null = null;
  let writer: PostcodeWriter | null = null;
  const close = () => { writer?.rollback(); writer = null; if (db?.open) db.close(); };
  const post = (m: FromWriter) => port.postMessage(m);
  try {
    db = new Database(job.path, { fileMustExist: true });
    // As the project's own connection (store/project.ts): the file must be whole at every moment.
    db.pragma('journal_mode = DELETE');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    writer = new PostcodeWriter(db, WRITE_THREAD_CACHE_KIB);
    writer.begin();
  } catch (error) {
    post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
    close();
  }
  port.on('message', (m: ToWriter) => {
    if (!writer) return;
    try {
      if (m.type === 'rows') writer.rows(m.batch);
      else if (m.type === 'restart') writer.restart();
      else if (m.type === 'abort') { close(); post({ type: 'aborted' }); }
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
