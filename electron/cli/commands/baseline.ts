// `cgm baseline save|list|delete|target`: review baselines as records in the
// project, with the analyst's numeric targets; `cgm review --baseline NAME`
// compares with one and checks its targets.
import type { Command } from '../command';
import { CliError, requireOption, stringOption } from '../command';
import { outputFormat, printCsv, printJson } from '../output';
import { addReviewTargets, deleteReviewBaseline, listReviewBaselines, removeReviewTarget } from '../../analysis/review-baselines';
import { saveReviewBaseline } from '../../analysis/review-run';
import { describeTarget } from '../../../shared/analysis/review-targets';
import { scopeOptions, scopeRequest } from './scope-options';
import { withProject } from '../with-project';

export const baselineSaveCommand: Command = {
  name: 'baseline save',
  summary: 'save the current profile and uptake of a service under a name, to review against later',
  options: {
    project: { description: 'project file', required: true },
    name: { description: 'the baseline’s name, e.g. "2024-Q1 before the outreach"', required: true },
    service: { description: 'service name', required: true },
    indicator: { description: 'need indicator (for expected users and uptake)', required: true },
    scheme: { description: 'segmentation scheme', required: true },
    ...scopeOptions,
  },
  async run(options, io) {
    const request = { service: requireOption(options, 'service'), indicator: requireOption(options, 'indicator'), scheme: requireOption(options, 'scheme'), ...scopeRequest(options) };
    await withProject(requireOption(options, 'project'), (project) => {
      // Saving prints no counts: the baseline keeps exact figures inside the project only.
      const saved = saveReviewBaseline(project, requireOption(options, 'name'), request);
      printJson(io, { saved: saved.name, savedAt: saved.savedAt, ...request, segments: saved.profile.length, areas: saved.areaUptake.length });
    });
  },
};

export const baselineListCommand: Command = {
  name: 'baseline list',
  summary: 'the saved baselines: what each was saved for, and its targets',
  options: {
    project: { description: 'project file', required: true },
    format: { description: 'json (default) or csv' },
  },
  async run(options, io) {
    const format = outputFormat(options);
    await withProject(requireOption(options, 'project'), (project) => {
      const baselines = listReviewBaselines(project);
      if (format === 'json') printJson(io, baselines);
      else {
        const rows = baselines.map((b) => ({ ...b, period: b.period ?? '', targets: b.targets.map(describeTarget).join('; ') }));
        printCsv(io, rows, ['name', 'savedAt', 'service', 'indicator', 'scheme', 'period', 'targets']);
      }
    });
  },
};

export const baselineDeleteCommand: Command = {
  name: 'baseline delete',
  summary: 'remove a saved baseline and its targets',
  options: {
    project: { description: 'project file', required: true },
    name: { description: 'the baseline to remove', required: true },
  },
  async run(options, io) {
    const name = requireOption(options, 'name');
    await withProject(requireOption(options, 'project'), (project) => deleteReviewBaseline(project, name));
    printJson(io, { deleted: name.trim() });
  },
};

export const baselineTargetCommand: Command = {
  name: 'baseline target',
  summary: 'add or remove a numeric target of a baseline, e.g. "segment 2a uptake >= 0.9" or "area E00012345 users_change_pct >= 10"; lists its targets',
  options: {
    project: { description: 'project file', required: true },
    name: { description: 'the baseline', required: true },
    add: { description: 'KIND CODE MEASURE >=|<= VALUE; kind segment or area; measure uptake, uptake_change, index, users, users_change or users_change_pct' },
    remove: { description: 'the id of a target to remove (as listed)' },
  },
  async run(options, io) {
    const add = stringOption(options, 'add');
    const remove = stringOption(options, 'remove');
    if (add !== undefined && remove !== undefined) throw new CliError('give --add or --remove, not both');
    const id = remove === undefined ? undefined : Number(remove);
    if (id !== undefined && !Number.isInteger(id)) throw new CliError(`--remove takes a target id (a whole number), not "${remove}"`);
    const name = requireOption(options, 'name');
    await withProject(requireOption(options, 'project'), (project) => {
      const targets =
        add !== undefined ? addReviewTargets(project, name, [add])
        : id !== undefined ? removeReviewTarget(project, name, id)
        : (listReviewBaselines(project).find((b) => b.name === name.trim())?.targets ?? unknownBaseline(name));
      printJson(io, { baseline: name.trim(), targets: targets.map((t) => ({ ...t, target: describeTarget(t) })) });
    });
  },
};

function unknownBaseline(name: string): never {
  throw new CliError(`no baseline "${name.trim()}" in the project (see cgm baseline list)`);
}
