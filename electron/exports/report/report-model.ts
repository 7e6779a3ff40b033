// What the report says, before it is set as HTML: the workbook's sections with
// the analyst's text, or a placeholder asking for it, and the generated tables
// (profile, ranked gaps, travel bands, strata summary), all disclosed with the
// project rule. Tables come from export-tables, so the report and the CSV
// exports can never disagree.
import type { DisclosureRule } from '../../../shared/domain';
import { segmentNames } from '../../analysis/inputs';
import { indicatorRates } from '../../routing/project-population';
import { getMeta } from '../../store/meta';
import { serviceSites } from '../../routing/project-inputs';
import { whatIfSentence } from '../../../shared/analysis/what-if';
import type { Project } from '../../store/project';
import { disclosureNote } from '../../../shared/analysis/disclosure';
import { datasetUses, exportAttributions } from '../attributions';
import { formatDataDate } from '../../../shared/import/data-date';
import { bandsExport, gapsExport, profileExport, strataExport, type ExportTable } from '../export-tables';
import type { ExportParams } from '../params';
import { WORKBOOK_SECTIONS, type EmbedTable, type WorkbookSectionDef } from '../../../shared/workbook/sections';
import type { WorkbookContent } from '../../../shared/contract';
import { paragraphs, readWorkbook } from './workbook';
import { reviewBlocks } from './report-review';

export type ReportBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'text'; paragraphs: string[] }
  /** A saved map view: its PNG (base64) once drawn by png/report-maps, else why it could not be. */
  | { kind: 'map'; view: string; png?: string; problem?: string }
  | { kind: 'placeholder'; text: string }
  | { kind: 'table'; table: ExportTable }
  | { kind: 'note'; text: string };

export interface ReportSection {
  id: string;
  title: string;
  blocks: ReportBlock[];
}

export interface ReportModel {
  title: string;
  projectName: string;
  facts: [string, string][];
  disclosureNote: string;
  attributions: string[];
  sections: ReportSection[];
  /** Proposed sites counted as open in the tables, so the report's maps count them too (or leave them out). */
  includeProposed: boolean;
}

function newestDataDate(db: Project['db']): string {
  const dates = datasetUses(db).flatMap((d) => (d.dataDate ? [d.dataDate] : []));
  return dates.length ? formatDataDate(dates.reduce((a, b) => (b > a ? b : a))) : 'not recorded';
}

/** Rows of the gap table shown in the report; the CSV export has every area. */
export const REPORT_GAP_ROWS = 25;
const interval = (lower: unknown, upper: unknown) =>
  lower === '*' || upper === '*' ? '*' : lower === null || upper === null ? null : `${String(lower)}–${String(upper)}`;

/** The gap table narrowed to what fits an A4 page; figures as disclosed in the full table. */
function rankedGaps(full: ExportTable): ExportTable {
  const ranked = full.rows.filter((r) => r.unmet_rank !== null).slice(0, REPORT_GAP_ROWS);
  const named = ranked.some((r) => r.area_name);
  return {
    ...full,
    title: `${full.title} (top ${ranked.length})`,
    columns: [
      { key: 'unmet_rank', label: 'Rank', numeric: true }, { key: 'area_code', label: 'Area' },
      ...(named ? [{ key: 'area_name', label: 'Name' }] : []),
      { key: 'need_index', label: 'Need index', numeric: true }, { key: 'users', label: 'Users', numeric: true },
      { key: 'expected_users', label: 'Expected users', numeric: true }, { key: 'uptake_ratio', label: 'Uptake ratio', numeric: true },
      { key: 'ci95', label: '95% CI', numeric: true }, { key: 'significance', label: 'Significance' },
      { key: 'unmet_need', label: 'Unmet need', numeric: true }, { key: 'nearest_site', label: 'Nearest site' },
      { key: 'access', label: 'Access' }, { key: 'gap_type', label: 'Gap type' },
    ],
    rows: ranked.map((r) => ({
      ...r,
      ci95: interval(r.ci95_lower, r.ci95_upper),
      significance: r.significance === 'not significant' ? 'none' : r.significance,
      // The mode is in the report's facts; dropping it lets the column fit A4.
      access: typeof r.access === 'string' ? r.access.replace(/ (by )?(walk|drive)$/, '') : r.access,
    })),
    notes: [...full.notes, `The ${ranked.length} areas with the largest unmet need; the CSV export (cgm export csv --table gaps) lists every area.`],
  };
}

function strataSummary(full: ExportTable): ExportTable {
  const order = ['Priority', 'Moderate', 'Basic', 'Self-care'];
  const rows = order.map((s) => ({
    stratum: s,
    proposed: full.rows.filter((r) => r.proposed === s).length,
    decided: full.rows.filter((r) => r.decided === s).length,
    effective: full.rows.filter((r) => r.effective === s).length,
  }));
  return {
    ...full,
    title: 'Areas by stratum',
    columns: [
      { key: 'stratum', label: 'Stratum' }, { key: 'proposed', label: 'Areas proposed', numeric: true },
      { key: 'decided', label: 'Areas decided by the analyst', numeric: true }, { key: 'effective', label: 'Areas in stratum', numeric: true },
    ],
    rows,
    notes: ['Counts of areas, not of people. ' + full.notes.join(' ')],
  };
}

function keySegments(project: Project, p: ExportParams, profile: ExportTable): ExportTable {
  const { rates, scheme } = indicatorRates(project.db, p.indicator);
  const byCode = new Map(profile.rows.map((r) => [String(r.segment_code), r]));
  // Names from the scheme: the profile table may be at another segment level than the rates.
  const names = segmentNames(project.db, scheme);
  const rows = [...rates]
    .sort((a, b) => b.prevalence - a.prevalence || a.segmentCode.localeCompare(b.segmentCode))
    .map((r) => ({
      segment_code: r.segmentCode,
      segment_name: names.get(r.segmentCode) ?? r.segmentCode,
      prevalence: Math.round(r.prevalence * 1000) / 10,
      index: byCode.get(r.segmentCode)?.index ?? null,
    }));
  return {
    name: 'profile',
    title: `Need by segment: ${p.indicator}`,
    columns: [
      { key: 'segment_code', label: 'Segment' }, { key: 'segment_name', label: 'Name' },
      { key: 'prevalence', label: 'Prevalence %', numeric: true }, { key: 'index', label: 'Profile index', numeric: true },
    ],
    rows,
    notes: ['Segments with high prevalence and a low profile index are the ones the service reaches least for their need.'],
  };
}

/** A table the project cannot make (no road network...) becomes a note, not a failed report. */
function attempt(make: () => ExportTable): ReportBlock {
  try {
    return { kind: 'table', table: make() };
  } catch (err) {
    return { kind: 'note', text: `Not available: ${(err as Error).message}.` };
  }
}

function actionsTable(content: WorkbookContent): ExportTable {
  return {
    name: 'strata',
    title: 'Actions',
    columns: [{ key: 'action', label: 'Action' }, { key: 'timescale', label: 'Timescale' }, { key: 'responsible', label: 'Responsible' }],
    rows: content.actions.map((a) => ({ ...a })),
    notes: [],
  };
}

/** The analyst's boxes, or a placeholder per box still to write (the section's guidance once, when none is written). */
function writtenBlocks(def: WorkbookSectionDef, content: WorkbookContent | undefined): ReportBlock[] {
  if (def.actions) {
    return content?.actions.length ? [{ kind: 'table', table: actionsTable(content) }] : [{ kind: 'placeholder', text: def.guidance }];
  }
  const anyText = def.fields.some((f) => paragraphs(content?.fields[f.key] ?? '').length > 0);
  const boxes = def.fields.flatMap((f): ReportBlock[] => {
    const text = paragraphs(content?.fields[f.key] ?? '');
    const body: ReportBlock = text.length ? { kind: 'text', paragraphs: text } : { kind: 'placeholder', text: f.guidance ?? '' };
    return [{ kind: 'heading', text: f.label }, body];
  });
  return anyText ? boxes : [{ kind: 'note', text: def.guidance }, ...boxes];
}

/** The what-if, named among the report's facts when proposed sites are counted in its tables and maps. */
function whatIfFact(project: Project, p: ExportParams): [string, string][] {
  const sentence = p.includeProposed ? whatIfSentence(serviceSites(project, p.service).filter((s) => s.proposed).length) : null;
  return sentence ? [['What-if', sentence.replace(/^What-if: /, '')]] : [];
}

export function buildReportModel(project: Project, p: ExportParams, rule: DisclosureRule, generatedAt = new Date()): ReportModel {
  const { db } = project;
  const profile = profileExport(project, p, rule);
  const tables: Record<EmbedTable, () => ReportBlock[]> = {
    profile: () => [{ kind: 'table', table: profile }],
    gaps: () => [attempt(() => rankedGaps(gapsExport(project, p, rule)))],
    bands: () => [attempt(() => bandsExport(project, p, rule))],
    strata: () => [attempt(() => strataSummary(strataExport(project, p, rule)))],
  };
  // What an unwritten workbook shows: the tables the toolkit's sections are built on.
  const generated: Record<string, () => ReportBlock[]> = {
    'key-segments': () => [attempt(() => keySegments(project, p, profile))],
    'service-profile': tables.profile,
    'gap-analysis': () => [...tables.gaps(), ...tables.bands()],
    stratification: tables.strata,
  };
  const written = readWorkbook(db);
  const sections = WORKBOOK_SECTIONS.map((def): ReportSection => {
    const content = written.get(def.id);
    const embeds = content
      ? content.embeds.flatMap((e): ReportBlock[] => (e.kind === 'table' ? tables[e.table]() : [{ kind: 'map', view: e.name }]))
      : (generated[def.id]?.() ?? []);
    // The review section compares with a saved baseline whatever the analyst wrote, as the workbook's Review panel does.
    const review = def.id === 'review' ? reviewBlocks(project, p, rule) : [];
    return { id: def.id, title: def.title, blocks: [...writtenBlocks(def, content), ...embeds, ...review] };
  });
  const projectName = getMeta(db, 'name') ?? 'Catchment Gap Mapper project';
  return {
    title: `${p.service}: service profile and gap analysis`,
    projectName,
    facts: [
      ['Project', projectName],
      ['Service', p.service],
      ['Need indicator', p.indicator],
      ['Segmentation', p.scheme],
      ['Travel mode', p.mode],
      ...whatIfFact(project, p),
      // The data's own date (the newest recorded at import or by the analyst), beside the day the report was made.
      ['Data as of', newestDataDate(db)],
      ['Produced', generatedAt.toISOString().slice(0, 10)],
    ],
    disclosureNote: disclosureNote(rule),
    attributions: exportAttributions(db),
    sections,
    includeProposed: Boolean(p.includeProposed),
  };
}
