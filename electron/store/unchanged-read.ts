// An export reads the project in many short statements (each holds the file's
// shared lock only while it runs, so the app's saves are not held up behind a
// national export), so nothing stops another connection committing between two
// of them. SQLite counts those commits (PRAGMA data_version changes when any
// other connection has committed to the file), so a read that saw no change
// from its start to its end saw one state of the project throughout; one that
// did is read again, and after a few tries refused rather than written mixed.
import type Database from 'better-sqlite3';
import { InputError } from '../../shared/errors';

/** Tries at reading before giving up: a save now and then costs a re-read, steady saving a refusal. */
const TRIES = 3;

/** The export was refused because the project kept changing while it was read. */
export class ProjectChangedError extends InputError {
  override name = 'ProjectChangedError';
}

function commitsByOthers(db: Database.Database): number {
  return db.pragma('data_version', { simple: true }) as number;
}

/**
 * Runs `read` until it runs from start to end with no other connection committing to the
 * project meanwhile, and answers what it made then. `db` is asked each time: the connection
 * a read starts on must be the one it ends on. `what` names the work in the refusal.
 */
export async function readUnchanged<T>(db: () => Database.Database, what: string, read: () => Promise<T>): Promise<T> {
  for (let tried = 1; ; tried++) {
    const connection = db();
    const before = commitsByOthers(connection);
    const result = await read();
    if (db() === connection && connection.open && commitsByOthers(connection) === before) return result;
    if (tried === TRIES) {
      throw new ProjectChangedError(`the project was saved while ${what} was being read, ${TRIES} times over, so nothing was written: try again once the edits are saved`);
    }
  }
}
