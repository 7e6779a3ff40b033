// What the app remembers between launches, in its data folder: the recent
// projects (the first is the one to reopen) and the folders the analyst added.
// Files the app wrote itself, but a crash, a sync tool or a hand edit may have
// damaged them: each is checked with zod and, if wrong, ignored (an empty list),
// never fatal to the launch.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

const RECENT_LIMIT = 12;

const RecentFileSchema = z.object({
  version: z.literal(1),
  /** Most recently opened first; the first is reopened at the next launch. */
  recent: z.array(z.object({ path: z.string().min(1), openedAt: z.string() })).max(100),
});
export type RecentFile = z.infer<typeof RecentFileSchema>;
export type RecentProject = RecentFile['recent'][number];

const FoldersFileSchema = z.object({ version: z.literal(1), folders: z.array(z.string().min(1)).max(200) });

function readJson<T>(file: string, schema: z.ZodType<T>): T | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Written beside and renamed into place, so a crash mid-write leaves the old file, not half a new one. */
function writeJson(file: string, value: unknown): void {
  mkdirSync(dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.writing`;
  writeFileSync(partial, `${JSON.stringify(value, null, 2)}\n`);
  renameSync(partial, file);
}

export function readRecent(file: string): RecentProject[] {
  return readJson(file, RecentFileSchema)?.recent ?? [];
}

/** Puts `path` first (once), keeping the newest RECENT_LIMIT. */
export function rememberOpened(file: string, path: string, now = new Date()): RecentProject[] {
  const recent = [{ path, openedAt: now.toISOString() }, ...readRecent(file).filter((r) => r.path !== path)].slice(0, RECENT_LIMIT);
  writeJson(file, { version: 1, recent } satisfies RecentFile);
  return recent;
}

/** A project moved (renamed): its entry follows it, keeping its place. */
export function rememberMoved(file: string, from: string, to: string): void {
  const recent = readRecent(file)
    .filter((r) => r.path !== to)
    .map((r) => (r.path === from ? { ...r, path: to } : r));
  writeJson(file, { version: 1, recent } satisfies RecentFile);
}

export function readFolders(file: string): string[] {
  return readJson(file, FoldersFileSchema)?.folders ?? [];
}

export function rememberFolder(file: string, folder: string): string[] {
  const folders = readFolders(file);
  if (folders.includes(folder)) return folders;
  const next = [...folders, folder];
  writeJson(file, { version: 1, folders: next });
  return next;
}
