// `cgm review`: save a named baseline of a service's profile and uptake, or
// compare the current users extract with one (toolkit step 8).
import type { Command } from '../command';
import { CliError, requireOption, stringOption } from '../command';
import { outputFormat, printCsv, printJson } from '../output';
import { disclosureNote } from '../../../shared/analysis/disclosure';
import { chooseDisclosureRule } from '../../analysis/disclosure-rule';
import { comparePeriods, compareWithReviewBaseline, REVIEW_COLUMNS, saveReviewBaseline } from '../../analysis/review-run';
import { scopeOptions, scopeRequest } from './scope-options';
import { openProject } from '../../store/project';
import { baseOption, baseOptionSpec } from './base-option';

export const reviewCommand: Command = {
  name: 'review',
  summary: 'save a named baseline, or compare the current users with one (change in users, index, uptake)',
  options: {
    project: { description: 'project file', required: true },
    service: { description: 'service name', required: true },
    indicator: { description: 'need indicator (for expected users and uptake)', required: true },
    scheme: { description: 'segmentation scheme', required: true },
    base: baseOptionSpec,
    save: { description: 'save the current figures as a baseline with this name' },
    compare: { description: 'compare the current figures with the baseline of this name' },
    'compare-periods': { description: 'compare two periods of one users import: FIRST,SECOND (e.g. 2024-Q1,2024-Q2)' },
    ...scopeOptions,
    suppress: { description: 'nhs | none | K for the comparison (default: the project rule)' },
    format: { description: 'csv | json (default csv)' },
  },
  async run(options, io) {
    const save = stringOption(options, 'save');
    const compare = stringOption(options, 'compare');
    const periods = stringOption(options, 'compare-periods');
    if ([save, compare, periods].filter((o) => o !== undefined).length !== 1) throw new CliError('give one of --save NAME, --compare NAME or --compare-periods FIRST,SECOND');
    const pair = periods?.split(',').map((p) => p.trim());
    if (pair && (pair.length !== 2 || !pair[0] || !pair[1])) throw new CliError(`--compare-periods takes two periods, FIRST,SECOND, not "${periods}"`);
    if (pair && stringOption(options, 'period') !== undefined) throw new CliError('--compare-periods names its own periods; leave out --period');
    const format = outputFormat(options, 'csv');
    const project = openProject(requireOption(options, 'project'));
    try {
      const request = { service: requireOption(options, 'service'), indicator: requireOption(options, 'indicator'), scheme: requireOption(options, 'scheme'), ...scopeRequest(options) };
      if (save !== undefined) {
        // Saving prints no counts: the baseline keeps exact figures inside the project only.
        const baseline = saveReviewBaseline(project, save, request);
        printJson(io, { saved: baseline.name, savedAt: baseline.savedAt, ...request, segments: baseline.profile.length, areas: baseline.areaUptake.length });
        return;
      }
      const rule = chooseDisclosureRule(project.db, stringOption(options, 'suppress'));
      if (rule.kind === 'none') io.stderr('warning: exact counts (--suppress none) are for the analyst only; do not share this output\n');
      const result = pair ? comparePeriods(project, [pair[0], pair[1]], request, rule) : compareWithReviewBaseline(project, compare!, request, rule);
      if (format === 'csv') printCsv(io, result.rows, [...REVIEW_COLUMNS]);
      else printJson(io, { ...result, rule, note: disclosureNote(rule) });
    } finally {
      project.close();
    }
  },
};
