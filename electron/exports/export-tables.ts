// The four tables an analyst shares (profile, bands, gaps, strata), built once
// with the disclosure rule applied, then written as CSV or set in the report.
// Which columns hold service-user counts, and what else could give one back:
//   profile: users (and users %, penetration, index derived from it) — disclosed
//            by shared/analysis/disclosure; base rounded under the NHS rule.
//   gaps:    users, and uptake ratio, intervals, significance, gap type,
//            unmet need and its rank, all from the protected count
//            (electron/analysis/area-results, shared/analysis/published-uptake).
//   strata:  no counts; proposals and their flags read the uptake as the gap
//            table publishes it (electron/analysis/strata-run), so a flag's
//            ratio × expected users gives only the protected count back.
//   bands:   population only (no users); bases rounded like every base.
import { leftOutSentence, segmentSourceSentence, usersLeftOut } from '../../shared/analysis/user-notes';
import { accessLabel, describeGapSettings, type GapSettings } from '../../shared/analysis/gaps';
import { disclose, disclosureNote, protectBase } from '../../shared/analysis/disclosure';
import { EXPORT_TABLES } from '../../shared/contract';
import type { DisclosureRule } from '../../shared/domain';
import { areaResults } from '../analysis/area-results';
import { chosenSegmentRows } from './chosen-segments';
import { projectGapSettings } from '../analysis/gap-settings';
import { gapTable, GAP_COLUMNS } from '../analysis/gap-table';
import { areaNames, projectScopeNotes, scopeNotes } from '../analysis/analysis-scope';
import { segmentNames } from '../analysis/inputs';
import { profileRecords, runProfile } from '../analysis/profile-run';
import { profileComparator } from '../analysis/profile-comparator';
import { COMPARATOR_COLUMNS } from '../../shared/analysis/comparator';
import { TOTAL_CODE } from '../../shared/analysis/profile';
import { runStrata, strataRecords } from '../analysis/strata-run';
import { hasRoadNetwork, projectTravelProfile } from '../analysis/travel-access';
import { scenarioAreaRows } from '../analysis/scenario-rows';
import { whatIfSentence } from '../../shared/analysis/what-if';
import { projectBands } from '../routing/project-bands';
import { departWords, transitColumnGroup, transitRowFor, type TransitColumnGroup } from '../transit/transit-bands';
import type { Project } from '../store/project';
import type { CsvValue } from './csv-writer';
import type { BandsParams, ExportParams, ProfileParams } from './params';
import { InputError } from '../../shared/errors';

export const TABLE_NAMES = EXPORT_TABLES;
export type TableName = (typeof TABLE_NAMES)[number];

export interface ExportColumn {
  key: string;
  label: string;
  /** Right-aligned in the report. */
  numeric?: boolean;
}

export interface ExportTable {
  /** The CSV table's name; the report's own tables (review) have theirs. */
  name: TableName | 'review-changes' | 'review-targets';
  title: string;
  columns: ExportColumn[];
  rows: Record<string, CsvValue>[];
  /** Footnotes: how counts are protected, how access was measured. */
  notes: string[];
  /** The gap thresholds the rows were judged by, for tables that depend on them (gaps, strata): every file of the table records them. */
  gapSettings?: GapSettings;
  /** Set when proposed sites were counted as open: the what-if sentence every file of the table carries. */
  whatIf?: string;
  /** Set when the band table has its public-transport columns: the day, the window and how journeys were modelled, carried by every file. */
  publicTransport?: string;
}

const col = (key: string, label: string, numeric = false): ExportColumn => ({ key, label, numeric });
const round = (n: number | null, dp: number) => (n === null ? null : Math.round(n * 10 ** dp) / 10 ** dp);

export function isTableName(name: string): name is TableName {
  return (TABLE_NAMES as readonly string[]).includes(name);
}

export function profileExport(project: Project, p: ProfileParams, rule: DisclosureRule): ExportTable {
  const result = runProfile(project.db, { service: p.service, scheme: p.scheme, segmentLevel: p.segmentLevel, base: p.base, period: p.period });
  const shown = disclose(result.table, rule);
  const leftOut = usersLeftOut(result.attributed, p.scheme, result.baseKind, rule);
  // The comparator's columns come after the study area's, as `cgm profile --comparator` prints them.
  const comparator = p.comparator ? profileComparator(project.db, p.comparator, p.scheme, p.segmentLevel, shown) : null;
  const rows = profileRecords(shown).map((r) => ({ ...r, ...(comparator?.get(r.segment_code === 'TOTAL' ? TOTAL_CODE : String(r.segment_code)) ?? {}) }));
  return {
    name: 'profile',
    title: `Service profile: ${p.service} by ${p.scheme} ${p.segmentLevel ?? 'segment'}${p.comparator ? `, against ${p.comparator}` : ''}`,
    columns: [
      col('segment_code', 'Segment'), col('segment_name', 'Name'), col('users', 'Users', true), col('users_pct', 'Users %', true),
      col('base', 'Base', true), col('base_pct', 'Base %', true), col('penetration', 'Penetration %', true), col('index', 'Index', true),
      ...(p.comparator ? comparatorColumns(p.comparator) : []),
    ],
    rows,
    notes: [
      ...(p.comparator ? [`${p.comparator}: the comparator base's share of each segment; index vs ${p.comparator} = users % ÷ ${p.comparator} % × 100; base index vs ${p.comparator} = base % ÷ ${p.comparator} % × 100.`] : []),
      shown.note, 'Index: users % ÷ base % × 100 (100 = users in proportion to the population).',
      `Base: ${result.baseKind}; ${segmentSourceSentence(result.attributed.bySource, rule)}.`,
      ...(leftOut ? [`${leftOutSentence(leftOut)}.`] : []),
      ...scopeNotes(result.scope, areaNames(project.db)),
    ],
  };
}

/** COMPARATOR_COLUMNS, named after the comparator in the report. */
function comparatorColumns(name: string): ExportColumn[] {
  const labels: Record<(typeof COMPARATOR_COLUMNS)[number], string> = {
    comparator_base: `${name} base`, comparator_pct: `${name} %`, index_vs_comparator: `Index vs ${name}`, base_index_vs_comparator: `Base index vs ${name}`,
  };
  return COMPARATOR_COLUMNS.map((k) => col(k, labels[k], true));
}

const GAP_LABELS: Record<(typeof GAP_COLUMNS)[number], string> = {
  area_code: 'Area', area_name: 'Name', base: 'Base', need: 'Need', need_index: 'Need index', users: 'Users',
  expected_users: 'Expected users', uptake_ratio: 'Uptake ratio', ci95_lower: '95% CI lower', ci95_upper: '95% CI upper',
  ci998_lower: '99.8% CI lower', ci998_upper: '99.8% CI upper', significance: 'Significance', unmet_need: 'Unmet need',
  unmet_rank: 'Rank', nearest_site: 'Nearest site', access: 'Access', hours_outside_office: 'Hours outside office',
  gap_type: 'Gap type', rule: 'Rule', gap_state: 'Not classified because',
};
const TEXT_GAP_COLUMNS = new Set(['area_code', 'area_name', 'significance', 'nearest_site', 'access', 'gap_type', 'rule', 'gap_state']);

export function gapsExport(project: Project, p: ExportParams, rule: DisclosureRule, level = p.level): ExportTable {
  // The same rows the map and the dock's gap table show, what-if sites counted when the export asks for them.
  const { analysis, rows, proposedSites } = scenarioAreaRows(project, {
    service: p.service, indicator: p.indicator, mode: p.mode, level, base: p.base, period: p.period, settings: p.gapSettings, rule, includeProposed: Boolean(p.includeProposed),
  });
  const whatIf = whatIfSentence(proposedSites);
  const access =
    analysis.accessMeasure === 'travel-time'
      ? `Access: travel time by ${p.mode} over the road network to the nearest site.`
      : 'Access: straight-line distance to the nearest site (no road network in the project).';
  return {
    name: 'gaps',
    title: `Gap analysis: ${p.service}, ${p.indicator}, ${analysis.level} areas ranked by unmet need${whatIf ? ' (what-if)' : ''}`,
    columns: GAP_COLUMNS.map((k) => col(k, GAP_LABELS[k], !TEXT_GAP_COLUMNS.has(k))),
    rows: gapTable(chosenSegmentRows(project, analysis, rows, p), accessLabel(analysis.settings.accessView, p.mode)),
    notes: [
      ...(whatIf ? [whatIf] : []),
      areaNote(rule),
      'Uptake ratio: users ÷ users expected from need; significance is low where the whole 95% interval is below 1, high where it is above 1.',
      access,
      ...scopeNotes(analysis.scope, areaNames(project.db)),
      ...usersNotes(analysis, rule),
      describeGapSettings(analysis.settings),
    ],
    gapSettings: analysis.settings,
    ...(whatIf ? { whatIf } : {}),
  };
}

/** The base, and the users left out of every level, as footnotes. */
function usersNotes(analysis: ReturnType<typeof scenarioAreaRows>['analysis'], rule: DisclosureRule): string[] {
  const leftOut = usersLeftOut(analysis.attributed, analysis.scheme, analysis.baseKind, rule);
  return [`Base: ${analysis.baseKind}.`, ...(leftOut ? [`${leftOutSentence(leftOut)}.`] : [])];
}

function areaNote(rule: DisclosureRule): string {
  return `${disclosureNote(rule)} Unmet need is expected users − users as shown.`;
}

export function bandsExport(project: Project, p: BandsParams, rule: DisclosureRule): ExportTable {
  if (!hasRoadNetwork(project)) throw new InputError('the band table needs a road network: import roads into the project first');
  // The same table `cgm bands` and the dock show, what-if sites counted when the export asks for them.
  const basis = { service: p.service, indicator: p.indicator, scheme: p.scheme, segmentLevel: p.segmentLevel, base: p.base, includeProposed: Boolean(p.includeProposed) };
  const { table, scheme, proposedSites } = projectBands(project, { ...basis, profile: projectTravelProfile(project, p.mode) });
  // The public-transport column group beside the road columns, as the dock shows it when a day and window are chosen.
  const transit = p.transit ? transitColumnGroup(project, basis, p.transit) : null;
  const transitBands = transit ? transit.labels.map((label, i) => ({ key: i < transit.limits.length ? `transit_pct_within_${transit.limits[i]}_min` : 'transit_pct_all', label: `Public transport: ${label} %` })) : [];
  const whatIf = p.includeProposed ? whatIfSentence(proposedSites) : null;
  const names = segmentNames(project.db, scheme);
  // Cumulative columns: % within each limit, then the whole base (reachable or not).
  const bands = table.labels.map((label, i) => ({ key: i < table.limits.length ? `pct_within_${table.limits[i]}_min` : 'pct_all', label: `${label} %` }));
  return {
    name: 'bands',
    title: `Travel-time bands: ${p.service}, by ${p.mode}${transit ? ' and by public transport' : ''}${whatIf ? ' (what-if)' : ''}`,
    columns: [
      col('rank', p.indicator ? 'Risk rank' : 'Rank by base', true), col('segment_code', 'Segment'), col('segment_name', 'Name'), col('base', 'Base', true),
      // Without an indicator there is no need: the column is left out, not written empty.
      ...(p.indicator ? [col('need', 'Need', true)] : []), ...bands.map((b) => col(b.key, b.label, true)), col('unreachable', 'Unreachable %', true),
      ...(transit ? [...transitBands.map((b) => col(b.key, b.label, true)), col('transit_unreachable', 'Public transport: unreachable %', true)] : []),
    ],
    rows: table.rows.map((r) => ({
      rank: r.rank,
      segment_code: r.segmentCode ?? 'ALL',
      segment_name: r.segmentCode ? (names.get(r.segmentCode) ?? r.segmentCode) : 'All population',
      base: protectBase(r.base, rule),
      ...(p.indicator ? { need: round(r.need, 1) } : {}),
      ...Object.fromEntries(bands.map((b, i) => [b.key, round(r.cumulativePct[i], 1)])),
      unreachable: round(r.unreachablePct, 1),
      ...(transit ? transitCells(transitRowFor(transit, r.segmentCode), transitBands) : {}),
    })),
    notes: [
      ...(whatIf ? [whatIf] : []),
      'Cumulative % of each segment’s population within each band of travel time to the nearest site; segments ranked by risk (prevalence, 1 = highest; equal rates share a rank); need summed up the segment hierarchy.',
      ...(rule.kind === 'nhs' ? ['Population bases rounded to the nearest 5.'] : []),
      ...(transit ? [transitSentence(transit)] : []),
    ],
    ...(whatIf ? { whatIf } : {}),
    ...(transit ? { publicTransport: transitSentence(transit) } : {}),
  };
}

const transitSentence = (t: TransitColumnGroup) => `Public transport on ${t.date}, leaving ${departWords(t.depart)}: ${t.assumptions}.`;

function transitCells(row: TransitColumnGroup['rows'][number] | null, bands: { key: string }[]): Record<string, number | null> {
  return {
    ...Object.fromEntries(bands.map((b, i) => [b.key, row ? round(row.cumulativePct[i], 1) : null])),
    transit_unreachable: row ? round(row.unreachablePct, 1) : null,
  };
}

export function strataExport(project: Project, p: ExportParams, rule: DisclosureRule): ExportTable {
  const rows = strataRecords(runStrata(project, { service: p.service, indicator: p.indicator, mode: p.mode, base: p.base, period: p.period, level: p.level }, rule), rule);
  return {
    name: 'strata',
    title: `Stratification: ${p.service}, ${p.indicator}`,
    columns: [
      col('area_code', 'Area'), col('area_name', 'Name'), col('proposed', 'Proposed'), col('flags', 'Flags'), col('escalation', 'Escalation'),
      col('decided', 'Decided'), col('reason', 'Reason'), col('decided_at', 'Decided at'), col('effective', 'Stratum'),
    ],
    rows,
    notes: [
      'Proposed from need index and uptake significance as published (from the protected counts); the analyst’s decisions are kept when the data change.',
      ...projectScopeNotes(project.db, p.scheme),
    ],
    // Proposals follow the uptake significance, judged at the project's significance level.
    gapSettings: projectGapSettings(project.db),
  };
}

export function buildExportTable(project: Project, name: TableName, p: ExportParams, rule: DisclosureRule): ExportTable {
  switch (name) {
    case 'profile':
      return profileExport(project, p, rule);
    case 'gaps':
      return gapsExport(project, p, rule);
    case 'bands':
      return bandsExport(project, p, rule);
    case 'strata':
      return strataExport(project, p, rule);
  }
}
