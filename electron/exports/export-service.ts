// Every export as bytes plus a suggested file name: the CLI writes them to
// --out, the app's handlers send them to the renderer, which downloads them
// (a Blob in browser mode, Electron's save dialog on its download). Disclosure
// is applied here, by the project rule (never "none"), for every caller alike.
import { exportAttributions } from './attributions';
import { exportFile, safeFilename, type ExportFile } from './export-file';
import { buildExportLayer, type ExportLayer } from './export-layers';
import { bandsExport, buildExportTable, isTableName, profileExport, TABLE_NAMES } from './export-tables';
import { tableCsv } from './table-csv';
import { toRfc7946 } from './geojson-writer';
import { geoPackageBytes, type ExportNote } from './gpkg-export';
import { sharingDisclosureRule } from '../analysis/disclosure-rule';
import { resolveBandsParams, resolveExportParams, resolveProfileParams, type ExportParamsRequest } from './params';
import { chromiumPdfPrinter, type PdfPrinter } from './report/pdf-printer';
import { renderReportHtml } from './report/report-html';
import { buildReportModel, type ReportModel } from './report/report-model';
import { drawReportMaps } from './png/report-maps';
import type { PngRenderer } from './png/print-job';
import { disclosureNote } from '../../shared/analysis/disclosure';
import type { Project } from '../store/project';
import { projectScopeNotes } from '../analysis/analysis-scope';
import { InputError } from '../../shared/errors';

export function exportTableCsv(project: Project, table: string, asked: ExportParamsRequest = {}): ExportFile {
  if (!isTableName(table)) throw new InputError(`no table "${table}" to export (choose from ${TABLE_NAMES.join(', ')})`);
  const rule = sharingDisclosureRule(project.db);
  // The band and profile tables need no indicator (access-only projects, as in the dock); the gap and strata tables do.
  const t =
    table === 'bands' ? bandsExport(project, resolveBandsParams(project.db, asked), rule)
    : table === 'profile' ? profileExport(project, resolveProfileParams(project.db, asked), rule)
    : buildExportTable(project, table, resolveExportParams(project.db, asked), rule);
  // A what-if file says so in its name too, so it is not mistaken for the real picture once saved.
  return exportFile(safeFilename(t.whatIf ? `${table} what-if` : table, '.csv'), tableCsv(t));
}

/** Excluded areas and communal residents, for files of analysis layers (which always have a scheme to resolve). */
function scopeNote(project: Project, asked: ExportParamsRequest): string | null {
  const notes = projectScopeNotes(project.db, resolveExportParams(project.db, asked).scheme);
  return notes.length ? notes.join('; ') : null;
}

function layerNotes(project: Project, layer: ExportLayer, asked: ExportParamsRequest): Record<string, string> {
  const notes: Record<string, string> = {};
  if (layer.disclosed) notes.disclosure = disclosureNote(sharingDisclosureRule(project.db));
  const scope = layer.disclosed ? scopeNote(project, asked) : null;
  if (scope) notes.exclusions = scope;
  const attributions = exportAttributions(project.db, layer.sources);
  if (attributions.length) notes.attribution = attributions.join('; ');
  return { ...notes, ...layer.notes };
}

function layer(project: Project, name: string, asked: ExportParamsRequest): ExportLayer {
  return buildExportLayer(project, name, asked, sharingDisclosureRule(project.db));
}

export function exportLayerGeoJson(project: Project, name: string, asked: ExportParamsRequest = {}): ExportFile {
  const l = layer(project, name, asked);
  return exportFile(safeFilename(l.notes?.what_if ? `${name} what-if` : name, '.geojson'), toRfc7946(l.collection, { name: l.name, notes: layerNotes(project, l, asked) }));
}

export function exportGeoPackage(project: Project, names: string[], asked: ExportParamsRequest = {}): ExportFile {
  if (names.length === 0) throw new InputError('choose at least one layer to export');
  const layers = names.map((n) => layer(project, n, asked));
  const notes: ExportNote[] = [];
  if (layers.some((l) => l.disclosed)) notes.push({ topic: 'disclosure control', text: disclosureNote(sharingDisclosureRule(project.db)) });
  const scope = layers.some((l) => l.disclosed) ? scopeNote(project, asked) : null;
  if (scope) notes.push({ topic: 'exclusions', text: scope });
  for (const a of exportAttributions(project.db, [...new Set(layers.flatMap((l) => l.sources))])) notes.push({ topic: 'attribution', text: a });
  for (const l of layers) for (const [topic, text] of Object.entries(l.notes ?? {})) notes.push({ topic: `${l.name}: ${topic.replace(/_/g, ' ')}`, text });
  notes.push({ topic: 'file', text: 'Exported from Catchment Gap Mapper. Layers are in WGS 84 (EPSG:4326).' });
  const stem = names.length === 1 ? names[0] : 'layers';
  return exportFile(safeFilename(layers.some((l) => l.notes?.what_if) ? `${stem} what-if` : stem, '.gpkg'), geoPackageBytes(layers, notes));
}

export type ReportFormat = 'html' | 'pdf';

export interface ReportEngines {
  /** Prints the PDF (headless Chromium, or Electron's printToPDF in the app). */
  printer?: PdfPrinter;
  /** Draws the embedded map views (headless Chromium, or an offscreen Electron window in the app). */
  renderer?: PngRenderer;
  signal?: AbortSignal;
}

/** The report's figures and text before its maps are drawn: the long part, which the app works out off its main thread. */
export interface ReportDraft {
  model: ReportModel;
  /** The file name without its extension. */
  stem: string;
}

export function draftReport(project: Project, asked: ExportParamsRequest = {}): ReportDraft {
  const params = resolveExportParams(project.db, asked);
  return { model: buildReportModel(project, params, sharingDisclosureRule(project.db)), stem: safeFilename(`${params.service} report`, '') };
}

/** Draws the draft's maps (a browser, or the app's own windows) and sets it as HTML or prints it. */
export async function finishReport(project: Project, format: ReportFormat, { model, stem }: ReportDraft, engines: ReportEngines = {}): Promise<ExportFile> {
  const { printer = chromiumPdfPrinter, renderer, signal } = engines;
  await drawReportMaps(project, model, renderer, signal);
  const html = renderReportHtml(model);
  return format === 'html' ? exportFile(`${stem}.html`, html) : exportFile(`${stem}.pdf`, await printer(html, signal));
}

export async function exportReport(project: Project, format: ReportFormat, asked: ExportParamsRequest = {}, engines: ReportEngines = {}): Promise<ExportFile> {
  return finishReport(project, format, draftReport(project, asked), engines);
}
