// `cgm review`: save a named baseline of a service's profile and uptake, or
// compare the current users extract with one (toolkit step 8).
import type { CliIO, Command } from '../command';
import { CliError, requireOption, stringOption } from '../command';
import { outputFormat, printCsv, printJson } from '../output';
import { disclosureNote } from '../../../shared/analysis/disclosure';
import { TARGET_COLUMNS, type TargetCheck } from '../../../shared/analysis/review-targets';
import { chooseDisclosureRule } from '../../analysis/disclosure-rule';
import { reviewAgainstBaseline } from '../../analysis/review-baselines';
import { comparePeriods, compareWithReviewBaseline, REVIEW_COLUMNS, saveReviewBaseline } from '../../analysis/review-run';
import { writeExport } from '../../exports/export-file';
import { REVIEW_TABLES, reviewCsv, type ReviewTableName } from '../../exports/review-export';
import { scopeOptions, scopeRequest } from './scope-options';
import { baseOptionSpec } from './base-option';
import { withProject } from '../with-project';

function reviewTable(value: string | undefined): ReviewTableName {
  if (value === undefined) return 'changes';
  if ((REVIEW_TABLES as readonly string[]).includes(value)) return value as ReviewTableName;
  throw new CliError(`--table must be ${REVIEW_TABLES.join(' or ')}, not "${value}"`);
}

const shownActual = (t: TargetCheck) => (t.actual === null ? (t.reason ?? 'no figure') : t.status === 'unknown' ? `${t.actual}, ${t.reason}` : String(t.actual));

function printTargetLines(io: CliIO, targets: TargetCheck[]): void {
  for (const t of targets) io.stderr(`target: ${t.target}: ${t.status} (${shownActual(t)})\n`);
}

export const reviewCommand: Command = {
  name: 'review',
  summary: 'save a named baseline, or compare the current users with one (change in users, index, uptake) and check its targets',
  options: {
    project: { description: 'project file', required: true },
    service: { description: 'service name (not with --baseline, which knows its own)' },
    indicator: { description: 'need indicator (for expected users and uptake)' },
    scheme: { description: 'segmentation scheme' },
    base: baseOptionSpec,
    save: { description: 'save the current figures as a baseline with this name' },
    compare: { description: 'compare the current figures with the baseline of this name' },
    baseline: { description: 'compare with this saved baseline for what it was saved for, and check its targets (cgm baseline target)' },
    table: { description: `with --baseline: ${REVIEW_TABLES.join(' | ')} (default changes)` },
    out: { description: 'with --baseline: write the table to this .csv file under the project disclosure rule' },
    'compare-periods': { description: 'compare two periods of one users import: FIRST,SECOND (e.g. 2024-Q1,2024-Q2)' },
    ...scopeOptions,
    suppress: { description: 'nhs | none | K for the comparison (default: the project rule)' },
    format: { description: 'csv | json (default csv)' },
  },
  async run(options, io) {
    const save = stringOption(options, 'save');
    const compare = stringOption(options, 'compare');
    const periods = stringOption(options, 'compare-periods');
    const baseline = stringOption(options, 'baseline');
    if ([save, compare, periods, baseline].filter((o) => o !== undefined).length !== 1) {
      throw new CliError('give one of --save NAME, --compare NAME, --baseline NAME or --compare-periods FIRST,SECOND');
    }
    const pair = periods?.split(',').map((p) => p.trim());
    if (pair && (pair.length !== 2 || !pair[0] || !pair[1])) throw new CliError(`--compare-periods takes two periods, FIRST,SECOND, not "${periods}"`);
    if (pair && stringOption(options, 'period') !== undefined) throw new CliError('--compare-periods names its own periods; leave out --period');
    if (baseline === undefined && (options.table !== undefined || options.out !== undefined)) throw new CliError('--table and --out go with --baseline NAME');
    const format = outputFormat(options, 'csv');
    return await withProject(requireOption(options, 'project'), async (project) => {
      if (baseline !== undefined) {
        for (const o of ['service', 'indicator', 'scheme'] as const) {
          if (options[o] !== undefined) throw new CliError(`--${o} comes from baseline "${baseline}"; leave it out`);
        }
        const table = reviewTable(stringOption(options, 'table'));
        const out = stringOption(options, 'out');
        if (out !== undefined) {
          if (!out.toLowerCase().endsWith('.csv')) throw new CliError(`--out must end in .csv, not "${out}"`);
          if (options.suppress !== undefined) throw new CliError('a file written with --out always follows the project disclosure rule; leave out --suppress');
          const file = reviewCsv(project, baseline, table, scopeRequest(options));
          printJson(io, { written: writeExport(out, file, project.path), bytes: file.bytes.length, mimeType: file.mimeType });
          return;
        }
        const rule = chooseDisclosureRule(project.db, stringOption(options, 'suppress'));
        if (rule.kind === 'none') io.stderr('warning: exact counts (--suppress none) are for the analyst only; do not share this output\n');
        const { comparison, targets } = reviewAgainstBaseline(project, baseline, scopeRequest(options), rule);
        if (format === 'json') printJson(io, { ...comparison, targets, rule, note: disclosureNote(rule) });
        else if (table === 'targets') printCsv(io, targets, [...TARGET_COLUMNS]);
        else {
          printTargetLines(io, targets);
          printCsv(io, comparison.rows, [...REVIEW_COLUMNS]);
        }
        return;
      }
      const request = { service: requireOption(options, 'service'), indicator: requireOption(options, 'indicator'), scheme: requireOption(options, 'scheme'), ...scopeRequest(options) };
      if (save !== undefined) {
        // Saving prints no counts: the baseline keeps exact figures inside the project only.
        const saved = saveReviewBaseline(project, save, request);
        printJson(io, { saved: saved.name, savedAt: saved.savedAt, ...request, segments: saved.profile.length, areas: saved.areaUptake.length });
        return;
      }
      const rule = chooseDisclosureRule(project.db, stringOption(options, 'suppress'));
      if (rule.kind === 'none') io.stderr('warning: exact counts (--suppress none) are for the analyst only; do not share this output\n');
      const result = pair ? comparePeriods(project, [pair[0], pair[1]], request, rule) : compareWithReviewBaseline(project, compare!, request, rule);
      if (format === 'csv') printCsv(io, result.rows, [...REVIEW_COLUMNS]);
      else printJson(io, { ...result, rule, note: disclosureNote(rule) });
    });
  },
};
