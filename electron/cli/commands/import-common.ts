// Shared plumbing for the `cgm import ...` commands: open the project, run one
// importer, print its summary as JSON. Importers do the work; this only adapts.
import { existsSync } from 'node:fs';
import type { CliIO, OptionSpec, ParsedOptions } from '../command';
import { CliError, requireOption, stringOption } from '../command';
import { printJson } from '../output';
import { replaceProjectFile } from '../../store/project';
import type { ImportContext, ImportInput, ImportSummary } from '../../importers/importer';
import { ImportError } from '../../importers/importer';
import { unzipIfZip } from '../../importers/zip-dataset';
import { recordInputDataDate } from '../../importers/data-date';
import type { ProjectHandle } from '../../importers/project-tables';
import { withProject } from '../with-project';

export const projectAndFile: Record<string, OptionSpec> = {
  project: { description: 'project file (.gpkg)', required: true },
  file: { description: 'file to import', required: true },
  quiet: { description: 'no progress messages on stderr', flag: true },
};

export async function runImport(
  options: ParsedOptions,
  io: CliIO,
  run: (project: ProjectHandle, input: ImportInput, ctx: ImportContext) => Promise<ImportSummary>,
): Promise<number> {
  const projectPath = requireOption(options, 'project');
  const file = requireOption(options, 'file');
  if (!existsSync(projectPath)) throw new CliError(`no project at ${projectPath} (create one first)`);
  if (!existsSync(file)) throw new CliError(`no file at ${file}`);
  const quiet = options.quiet === true;
  let last = 0;
  const ctx: ImportContext = {
    progress(message, fraction) {
      const now = Date.now();
      if (quiet || now - last < 500) return;
      last = now;
      io.stderr(`${message}${fraction === null ? '' : ` (${Math.round(fraction * 100)}%)`}\n`);
    },
  };
  try {
    // A .zip becomes the one dataset inside it, in memory, before the project is even opened;
    // its name ("x.zip › folder/a.shp") also tells the importers which format it is.
    const input = await unzipIfZip(file, ctx);
    return await withProject(projectPath, async (project) => {
      // On a copy renamed into place: the project file is whole even if this process is killed mid-import.
      printJson(
        io,
        await replaceProjectFile(project, async (copy) => {
          const since = new Date().toISOString();
          const summary = await run(copy, input, ctx);
          // The data's own date, from the file (a .zip's contents date from the .zip itself).
          await recordInputDataDate(copy.db, input, since, null, file);
          return summary;
        }),
      );
      return 0;
    });
  } catch (error) {
    if (error instanceof ImportError) throw new CliError(error.message);
    throw error;
  }
}

export { stringOption, requireOption };
