// `cgm datasets`: what the project holds and the date of each dataset's data
// (from the file at import, or its modification time), and --set-date to give
// the right one: a copied file's modification date is not its release date.
import type { Command } from '../command';
import { CliError, requireOption, stringOption } from '../command';
import { printJson } from '../output';
import { datasetInfos, setDatasetDate } from '../../services/dataset-dates';
import { withProject } from '../with-project';

/** "postcodes=2014-08,roads=2018-02" → [["postcodes", "2014-08"], ["roads", "2018-02"]]. */
export function parseSetDates(text: string): [string, string][] {
  return text.split(',').map((part) => {
    const m = /^\s*([^=]+?)\s*=\s*(\S+)\s*$/.exec(part);
    if (!m) throw new CliError(`--set-date: "${part}" is not KIND=DATE (e.g. postcodes=2014-08)`);
    return [m[1], m[2]];
  });
}

export const datasetsCommand: Command = {
  name: 'datasets',
  summary: 'list the datasets imported and the date of their data as JSON; --set-date KIND=YYYY-MM[,KIND=...] corrects a date',
  options: {
    project: { description: 'project file', required: true },
    'set-date': { description: 'KIND=DATE pairs, comma-separated; DATE is YYYY, YYYY-MM or YYYY-MM-DD (e.g. postcodes=2014-08,roads=2018-02)' },
    name: { description: 'with --set-date: only the dataset of this name (e.g. one service\'s sites)' },
  },
  async run(options, io) {
    const set = stringOption(options, 'set-date');
    const name = stringOption(options, 'name');
    if (name !== undefined && set === undefined) throw new CliError('--name goes with --set-date');
    const pairs = set === undefined ? [] : parseSetDates(set);
    await withProject(requireOption(options, 'project'), async (project) => {
      // All or nothing: a bad pair leaves every date as it was.
      project.db.transaction(() => {
        for (const [kind, date] of pairs) setDatasetDate(project.db, kind, date, name);
      })();
      printJson(io, datasetInfos(project.db));
    });
  },
};
