// A project's own name, read without opening it for editing: the Open list
// shows many files and must neither upgrade nor lock any of them.
import Database from 'better-sqlite3';

/** The name in the file's cgm_meta, or null when the file is not a readable project. */
export function projectNameOf(file: string): string | null {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const row = db.prepare("SELECT value FROM cgm_meta WHERE key = 'name'").get() as { value: string } | undefined;
    return row?.value ?? null;
  } catch {
    return null;
  } finally {
    db?.close();
  }
}

