// `cgm review`: save a named baseline of a service's profile and uptake, or
// compare the current users extract with one (toolkit step 8).
import type { Command } from '../command';
import { CliError, requireOption, stringOption } from '../command';
import { outputFormat, printCsv, printJson } from '../output';
import { disclosureNote } from '../../../shared/analysis/disclosure';
import { chooseDisclosureRule } from '../../analysis/disclosure-rule';
import { compareWithReviewBaseline, REVIEW_COLUMNS, saveReviewBaseline } from '../../analysis/review-run';
import { openProject } from '../../store/project';

export const reviewCommand: Command = {
  name: 'review',
  summary: 'save a named baseline, or compare the current users with one (change in users, index, uptake)',
  options: {
    project: { description: 'project file', required: true },
    service: { description: 'service name', required: true },
    indicator: { description: 'need indicator (for expected users and uptake)', required: true },
    scheme: { description: 'segmentation scheme', required: true },
    save: { description: 'save the current figures as a baseline with this name' },
    compare: { description: 'compare the current figures with the baseline of this name' },
    suppress: { description: 'nhs | none | K for the comparison (default: the project rule)' },
    format: { description: 'csv | json (default csv)' },
  },
  async run(options, io) {
    const save = stringOption(options, 'save');
    const compare = stringOption(options, 'compare');
    if ((save === undefined) === (compare === undefined)) throw new CliError('give either --save NAME or --compare NAME');
    const format = outputFormat(options, 'csv');
    const project = openProject(requireOption(options, 'project'));
    try {
      const request = { service: requireOption(options, 'service'), indicator: requireOption(options, 'indicator'), scheme: requireOption(options, 'scheme') };
      if (save !== undefined) {
        // Saving prints no counts: the baseline keeps exact figures inside the project only.
        const baseline = saveReviewBaseline(project, save, request);
        printJson(io, { saved: baseline.name, savedAt: baseline.savedAt, ...request, segments: baseline.profile.length, areas: baseline.areaUptake.length });
        return;
      }
      const rule = chooseDisclosureRule(project.db, stringOption(options, 'suppress'));
      if (rule.kind === 'none') io.stderr('warning: exact counts (--suppress none) are for the analyst only; do not share this output\n');
      const result = compareWithReviewBaseline(project, compare!, request, rule);
      if (format === 'csv') printCsv(io, result.rows, [...REVIEW_COLUMNS]);
      else printJson(io, { ...result, rule, note: disclosureNote(rule) });
    } finally {
      project.close();
    }
  },
};
