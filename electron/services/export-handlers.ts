// Contract handlers for exports: the same export service as `cgm export`,
// returning the bytes for the renderer to download. PDF printing is injected
// so the Electron shell can hand in its printToPDF; browser mode uses Chromium.
import type { CallContext, Handlers } from '../../shared/contract';
import type { ExportFile } from '../exports/export-file';
import { listExportLayers } from '../exports/export-layers';
import { draftReport, exportGeoPackage, exportLayerGeoJson, exportTableCsv, finishReport, type ReportDraft } from '../exports/export-service';
import type { ExportParamsRequest } from '../exports/params';
import { chromiumPdfPrinter, type PdfPrinter } from '../exports/report/pdf-printer';
import { exportPng } from '../exports/png-export';
import { mapCredits } from '../exports/png/map-credits';
import type { PngRenderer } from '../exports/png/print-job';
import type { ProjectSession } from './project-session';

type Methods = 'listExportLayers' | 'exportTable' | 'exportLayer' | 'exportGeoPackage' | 'exportReport' | 'exportPng' | 'getMapCredits';

const sent = (f: ExportFile) => ({ filename: f.filename, mimeType: f.mimeType, dataBase64: f.bytes.toString('base64'), sizeBytes: f.bytes.length });

/** Works out a report's figures and text: here by default; the app hands in its worker thread (analysis-thread.ts). */
export type ReportDrafter = (asked: ExportParamsRequest, ctx: CallContext) => Promise<ReportDraft>;

export function exportHandlers(
  session: ProjectSession,
  printer: PdfPrinter = chromiumPdfPrinter,
  pngRenderer?: PngRenderer,
  drafter: ReportDrafter = async (asked) => draftReport(session.project, asked),
): Pick<Handlers, Methods> {
  return {
    async listExportLayers() {
      return listExportLayers(session.project);
    },
    async exportTable({ table, ...choice }) {
      return sent(exportTableCsv(session.project, table, choice));
    },
    async exportLayer({ layer, ...choice }) {
      return sent(exportLayerGeoJson(session.project, layer, choice));
    },
    async exportGeoPackage({ layers, ...choice }) {
      return sent(exportGeoPackage(session.project, layers, choice));
    },
    async exportReport({ format, ...choice }, ctx) {
      ctx.progress(format === 'pdf' ? 'Printing the report' : 'Writing the report', null);
      const draft = await drafter(choice, ctx);
      return sent(await finishReport(session.project, format, draft, { printer, renderer: pngRenderer, signal: ctx.signal }));
    },
    async exportPng(request, ctx) {
      ctx.progress('Drawing the map', null);
      return sent(await exportPng(session.project, { ...request, signal: ctx.signal }, pngRenderer));
    },
    async getMapCredits({ sources }) {
      return mapCredits(session.project.db, sources);
    },
  };
}
