// What the export dialog's form asks the services for. Pure: the dialog keeps
// the form, this turns it into one contract call (or says what is missing),
// so the rules are in one place and do not depend on React.
import type { MethodInput, ProjectReadiness } from '../../../shared/contract';
import { EXPORT_TABLES } from '../../../shared/contract';
import type { AnalysisName } from '../../../shared/analysis/readiness';

export type ExportTab = 'png' | 'table' | 'layer' | 'gpkg' | 'report' | 'review';
/** The review and what-if files: a baseline's changes or targets, the last suggestion, the proposed sites. */
export type ReviewExportKind = 'changes' | 'targets' | 'suggestions' | 'proposed';
export type ExportTableName = (typeof EXPORT_TABLES)[number];
export type PngSizeChoice = 'screen' | 'a4' | 'a3' | 'custom';

export const TABLE_LABELS: Record<ExportTableName, { label: string; hint: string }> = {
  profile: { label: 'Profile', hint: 'Users and population by segment, with penetration and index.' },
  bands: { label: 'Travel-time bands', hint: 'Cumulative % of each segment within 5 to 25 minutes of a site.' },
  gaps: { label: 'Gaps by area', hint: 'Uptake ratio with 95% and 99.8% intervals, unmet need and gap type per area.' },
  strata: { label: 'Strata', hint: 'Proposed and decided attention strata per area.' },
};

export const PNG_SIZES: Record<PngSizeChoice, string> = {
  screen: 'Screen (1920 × 1080)',
  a4: 'A4 landscape, 300 dpi (3508 × 2480)',
  a3: 'A3 landscape, 300 dpi (4961 × 3508)',
  custom: 'Custom size',
};

// The same limits as electron/exports/png/print-size.ts, checked here so the
// analyst hears about a wrong size before a long wait, not after.
export const PNG_MIN_EDGE = 480;
export const PNG_MAX_EDGE = 8000;
export const PNG_MAX_PIXELS = 48_000_000;

/** The analysis panel's choice, plus the scheme the map shows. */
export interface ExportChoice {
  service?: string;
  indicator?: string;
  mode?: 'walk' | 'drive';
  base?: 'persons' | 'households';
  period?: string;
  scheme?: string;
  /** The map's geography level: the gaps and strata tables and layers follow it. */
  level?: string;
  /** The scheme's level picked in the Analysis panel. */
  segmentLevel?: string;
  /** Count the proposed (what-if) sites as open, as the map and dock do. */
  includeProposed?: boolean;
  /** The band table's public-transport columns (and the transit isochrones), as the dock shows them. */
  transit?: { date: string; depart: string };
}

export interface ExportForm {
  png: {
    source: 'view' | 'layer';
    view: string;
    layer: string;
    size: PngSizeChoice;
    width: string;
    height: string;
    title: string;
    subtitle: string;
  };
  table: ExportTableName;
  layer: string;
  gpkgLayers: string[];
  report: 'pdf' | 'html';
  /** A comparator base for the profile table and the report's profile; '' = none. */
  comparator: string;
  review: { kind: ReviewExportKind; baseline: string; suggestion: MethodInput<'suggestSites'> | null };
}

export type ExportRequest =
  | { method: 'exportPng'; input: MethodInput<'exportPng'> }
  | { method: 'exportTable'; input: MethodInput<'exportTable'> }
  | { method: 'exportLayer'; input: MethodInput<'exportLayer'> }
  | { method: 'exportGeoPackage'; input: MethodInput<'exportGeoPackage'> }
  | { method: 'exportReport'; input: MethodInput<'exportReport'> }
  | { method: 'exportReview'; input: MethodInput<'exportReview'> }
  | { method: 'exportSuggestions'; input: MethodInput<'exportSuggestions'> };

export type BuiltRequest = { ok: true; request: ExportRequest } | { ok: false; problem: string };

export function emptyForm(): ExportForm {
  return {
    png: { source: 'layer', view: '', layer: '', size: 'screen', width: '1600', height: '1000', title: '', subtitle: '' },
    table: 'gaps',
    layer: '',
    gpkgLayers: [],
    report: 'pdf',
    comparator: '',
    review: { kind: 'changes', baseline: '', suggestion: null },
  };
}

/** The WIDTHxHEIGHT the contract takes, or why the numbers cannot be drawn. */
export function customSize(width: string, height: string): { size: string } | { problem: string } {
  const [w, h] = [Number(width), Number(height)];
  if (!Number.isInteger(w) || !Number.isInteger(h) || width.trim() === '' || height.trim() === '') return { problem: 'Width and height must be whole numbers of pixels.' };
  if (Math.min(w, h) < PNG_MIN_EDGE) return { problem: `Each side needs at least ${PNG_MIN_EDGE} pixels.` };
  if (Math.max(w, h) > PNG_MAX_EDGE) return { problem: `Each side can be at most ${PNG_MAX_EDGE} pixels.` };
  if (w * h > PNG_MAX_PIXELS) return { problem: `${w} × ${h} is more than ${PNG_MAX_PIXELS / 1e6} million pixels.` };
  return { size: `${w}x${h}` };
}

/** The analysis an exported table or layer is made by (the profile table, gaps, gaps_lsoa...), or null for stored layers. */
function exportAnalysis(name: string): AnalysisName | null {
  if (name === 'gaps' || name.startsWith('gaps_')) return 'gaps';
  return name === 'strata' || name === 'profile' || name === 'bands' ? name : null;
}

// The services make these only for a need indicator (params.ts resolveExportParams);
// the profile table, like the dock's profile, needs none (resolveProfileParams).
const NEEDS_INDICATOR = new Set(['gaps', 'strata']);

/**
 * Why a table or layer cannot be exported yet, or null when it can: what the
 * project still lacks (the readiness rule table, ANALYSIS_NEEDS), else the need
 * indicator the analysis panel has not chosen. The services would answer 422.
 */
export function exportWaiting(name: string, choice: ExportChoice, readiness: ProjectReadiness | null): string | null {
  const analysis = exportAnalysis(name);
  // Not known yet: the services will say, as they would anyway.
  if (!analysis || !readiness) return null;
  const state = readiness.analyses.find((a) => a.analysis === analysis);
  if (state && !state.ready) return state.message;
  if (!NEEDS_INDICATOR.has(analysis) || choice.indicator) return null;
  // With one indicator the services take it; with several, one must be chosen.
  const indicators = readiness.steps.find((st) => st.step === 'rates')?.count ?? 0;
  if (indicators === 0) return 'The export is waiting for risk rates (a need indicator): import them to make it.';
  if (indicators > 1) return 'Choose a need indicator in the Analysis panel to export it.';
  return null;
}

/** Only the choices that are set: the services default the rest to the project's only one. */
function choiceInput(choice: ExportChoice): ExportChoice {
  return Object.fromEntries(Object.entries(choice).filter(([, v]) => v !== undefined && v !== '')) as ExportChoice;
}

export function buildExportRequest(tab: ExportTab, form: ExportForm, choice: ExportChoice, readiness: ProjectReadiness | null = null): BuiltRequest {
  const chosen = choiceInput(choice);
  const compared = form.comparator ? { comparator: form.comparator } : {};
  const named = tab === 'table' ? [form.table] : tab === 'layer' ? [form.layer] : tab === 'gpkg' ? form.gpkgLayers : [];
  for (const name of named) {
    const waiting = exportWaiting(name, choice, readiness);
    if (waiting) return { ok: false, problem: waiting };
  }
  switch (tab) {
    case 'png': {
      const p = form.png;
      const named = p.source === 'view' ? p.view : p.layer;
      if (!named) return { ok: false, problem: p.source === 'view' ? 'Choose a saved view, or save this view first.' : 'Choose a layer.' };
      const size = p.size === 'custom' ? customSize(p.width, p.height) : { size: p.size };
      if ('problem' in size) return { ok: false, problem: size.problem };
      const text = { ...(p.title.trim() ? { title: p.title.trim() } : {}), ...(p.subtitle.trim() ? { subtitle: p.subtitle.trim() } : {}) };
      // A saved view keeps the analysis it was saved with; a single layer is drawn for the panel's choice.
      const { service, indicator, mode, transit } = chosen;
      const target = p.source === 'view' ? { view: named } : { layer: named, service, indicator, mode, ...(transit ? { transit } : {}) };
      return { ok: true, request: { method: 'exportPng', input: { ...target, size: size.size, ...text } } };
    }
    case 'table':
      return { ok: true, request: { method: 'exportTable', input: { table: form.table, ...chosen, ...(form.table === 'profile' ? compared : {}) } } };
    case 'layer':
      if (!form.layer) return { ok: false, problem: 'Choose a layer.' };
      return { ok: true, request: { method: 'exportLayer', input: { layer: form.layer, ...chosen } } };
    case 'gpkg':
      if (form.gpkgLayers.length === 0) return { ok: false, problem: 'Choose at least one layer.' };
      return { ok: true, request: { method: 'exportGeoPackage', input: { layers: form.gpkgLayers, ...chosen } } };
    case 'report':
      return { ok: true, request: { method: 'exportReport', input: { format: form.report, ...chosen, ...compared } } };
    case 'review':
      return reviewRequest(form.review, chosen);
  }
}

function reviewRequest(r: ExportForm['review'], chosen: ExportChoice): BuiltRequest {
  switch (r.kind) {
    case 'changes':
    case 'targets':
      // The baseline knows its service and indicator; the later users are the panel's period.
      if (!r.baseline) return { ok: false, problem: 'Choose a baseline, or save one in the workbook’s Review section first.' };
      return { ok: true, request: { method: 'exportReview', input: { name: r.baseline, table: r.kind, ...(chosen.period ? { period: chosen.period } : {}) } } };
    case 'suggestions':
      if (!r.suggestion) return { ok: false, problem: 'Run “Suggest sites” in the what-if panel first.' };
      return { ok: true, request: { method: 'exportSuggestions', input: r.suggestion } };
    case 'proposed':
      return { ok: true, request: { method: 'exportLayer', input: { layer: 'proposed_sites', ...(chosen.service ? { service: chosen.service } : {}) } } };
  }
}
