// Projects as files: list, make, open, copy and rename them. Paths are the
// main process's to judge: in browser mode only the data folder's projects/
// and folders the analyst added are used (electron/app/project-places.ts).
import { z } from 'zod';
import { Empty } from './common';

const ProjectName = z.string().trim().min(1).max(100);
const FullPath = z.string().min(1).max(4096);

export const KnownProjectSchema = z.object({
  name: z.string(),
  path: z.string(),
  /** ISO time the file last changed. */
  modified: z.string(),
});
export type KnownProject = z.infer<typeof KnownProjectSchema>;

export const ProjectListSchema = z.object({
  /** The open project's path. */
  current: z.string(),
  /** Where projects may be: the data folder's projects/ first, then those added. */
  folders: z.array(z.string()),
  /** Most recently opened first (the first is reopened at the next launch). */
  recent: z.array(KnownProjectSchema.extend({ openedAt: z.string() })),
  /** Every project file in the folders, by name. */
  projects: z.array(KnownProjectSchema),
  demoPath: z.string(),
  /** Why the project open is not the one the analyst last had open, or null. */
  notice: z.string().nullable(),
});
export type ProjectList = z.infer<typeof ProjectListSchema>;

/** What a switch answers: the project now open (the renderer then reloads everything). */
const Opened = z.object({ path: z.string(), name: z.string() });

/** A new file is named (placed in `folder`, default the data folder's projects/) or, from a save dialog, given as a full path. */
const NewFile = z.union([z.object({ name: ProjectName, folder: FullPath.optional() }).strict(), z.object({ path: FullPath, name: ProjectName.optional() }).strict()]);

export const projectFileMethods = {
  listProjects: { input: Empty, output: ProjectListSchema },
  /** An empty project, made as `cgm new` makes it, which becomes the open project. */
  newProject: { input: NewFile, output: Opened },
  openProject: { input: z.object({ path: FullPath }).strict(), output: Opened },
  /** A consistent copy of the open project (SQLite's backup), which becomes the open project. */
  saveProjectAs: { input: NewFile, output: Opened },
  /** A new name for the open project; its file is renamed to match, in the same folder. */
  renameProject: { input: z.object({ name: ProjectName }).strict(), output: Opened },
  /** A folder whose projects may be listed and opened; answers the folder's full path. */
  addProjectFolder: { input: z.object({ path: FullPath }).strict(), output: z.object({ folder: z.string() }) },
  /** The demo town, rebuilt if it is missing or damaged. */
  openDemoProject: { input: Empty, output: Opened },
} as const;
