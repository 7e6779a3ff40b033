// The services behind the contract. Electron IPC, browser mode and tests all
// call these same functions; none of them knows which transport is in use.
import { transitSummary } from '../store/transit';
import { basename } from 'node:path';
import type { Handlers } from '../../shared/contract';
import { hasFeatureTable, listFeatureTables, readFeatures } from '../store/gpkg';
import { SCHEMA_VERSION } from '../store/schema';
import { areaColumns } from './area-columns';
import { areaGeometryBuiltBy } from './area-geometry';
import { areaLayer, geographies } from './area-layer';
import { InputError } from '../../shared/errors';
import { projectHoldings, requireScheme, requireService, schemeSegments, serviceSites } from '../analysis/inputs';
import { projectReadiness } from '../../shared/analysis/readiness';
import { segmentProfileOf } from './analysis-edits';
import { accessHandlers } from './access-handlers';
import { transitHandlers } from './transit-handlers';
import { analysisHandlers } from './analysis-handlers';
import { contextHandlers } from './context-handlers';
import { basemapHandlers } from './basemap-handlers';
import { exportHandlers } from './export-handlers';
import { findHandlers } from './find-handlers';
import type { PdfPrinter } from '../exports/report/pdf-printer';
import type { PngRenderer } from '../exports/png/print-job';
import { importHandlers } from './import-handlers';
import { mapHandlers } from './map-handlers';
import { routingThreadHandlers } from './routing-thread';
import { analysisThreadHandlers, threadedGeometryBuilder, threadedReportDrafter } from './analysis-thread';
import { warmThreadHandlers } from './warm-threads';
import { tableHandlers } from './table-handlers';
import type { ProjectSession } from './project-session';
import { ProjectLibrary } from '../app/project-library';
import { appDataDir } from '../app/paths';
import { projectFileHandlers } from './project-handlers';
import { viewHandlers } from './view-handlers';
import { workbookHandlers } from './workbook-handlers';
import { reviewHandlers } from './review-handlers';
import { datasetHandlers } from './dataset-handlers';

function layerKind(table: string): 'areas' | 'roads' | 'sites' | 'other' {
  if (table.startsWith('area_')) return 'areas';
  if (table === 'roads') return 'roads';
  if (table === 'service_sites') return 'sites';
  return 'other';
}

function metaValue(db: import('better-sqlite3').Database, key: string): string | null {
  const row = db.prepare('SELECT value FROM cgm_meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

/** How exports print: the Electron shell hands in its own windows; elsewhere headless Chromium. */
export interface ExportPrinters {
  pdf?: PdfPrinter;
  png?: PngRenderer;
}

export function createHandlers(session: ProjectSession, printers: ExportPrinters = {}, library = new ProjectLibrary(appDataDir())): Handlers {
  return {
    ...analysisHandlers(session),
    ...accessHandlers(session),
    ...transitHandlers(session),
    ...importHandlers(session),
    ...mapHandlers(session),
    ...workbookHandlers(session),
    ...exportHandlers(session, printers.pdf, printers.png, threadedReportDrafter(session)),
    ...basemapHandlers(session),
    ...projectFileHandlers(session, library),
    ...viewHandlers(session),
    ...findHandlers(session),
    ...reviewHandlers(session),
    ...datasetHandlers(session),
    ...contextHandlers(session),
    // Routing (bands, band tables) in a worker thread, so a national route never holds up other requests.
    ...routingThreadHandlers(session),
    // The long analyses and the non-PNG exports in worker threads too, with progress and cancel.
    ...analysisThreadHandlers(session),
    // Started when the page's first map is drawn.
    ...warmThreadHandlers(),

    async getProjectInfo() {
      const { db, path } = session.project;
      const layers = listFeatureTables(db).map((t) => ({
        table: t.table,
        title: t.title ?? t.table,
        kind: layerKind(t.table),
        geometryType: t.geometryType,
        featureCount: t.featureCount,
        bbox: t.bbox,
      }));
      const schemes = db
        .prepare('SELECT s.name AS name, COUNT(g.code) AS n FROM cgm_schemes s LEFT JOIN cgm_segments g ON g.scheme = s.name GROUP BY s.name ORDER BY s.name')
        .all() as { name: string; n: number }[];
      const services = db.prepare('SELECT name FROM cgm_services ORDER BY name').all() as { name: string }[];
      const indicators = db.prepare('SELECT name FROM cgm_indicators ORDER BY name').all() as { name: string }[];
      const attributions = metaValue(db, 'attributions');
      return {
        path,
        name: metaValue(db, 'name') ?? basename(path),
        schemaVersion: SCHEMA_VERSION,
        layers,
        levels: geographies(db).map((g) => ({ level: g.level, table: g.table_name, parentLevel: g.parent_level })),
        schemes: schemes.map((s) => ({ name: s.name, segmentCount: s.n })),
        services: services.map((s) => s.name),
        indicators: indicators.map((i) => i.name),
        attributions: attributions ? (JSON.parse(attributions) as string[]) : [],
        transit: transitSummary(db),
      };
    },

    async getProjectReadiness() {
      return projectReadiness(projectHoldings(session.project.db));
    },

    async getAreaLayer({ level, scheme, segmentLevel, geometry }) {
      return areaLayer(session.project.db, level, scheme, segmentLevel, geometry !== false) as never;
    },

    async getAreaColumns({ level, scheme, segmentLevel }) {
      return areaColumns(session.project.db, level, scheme, segmentLevel);
    },

    async getAreaGeometry({ level }, ctx) {
      return areaGeometryBuiltBy(session.project.db, level, threadedGeometryBuilder(session, ctx));
    },

    async getLayerFeatures({ table, bbox }) {
      const { db } = session.project;
      if (!hasFeatureTable(db, table)) throw new InputError(`The project has no layer "${table}".`);
      return readFeatures(db, table, bbox ? { bbox } : undefined) as never;
    },

    async getSegments({ scheme }) {
      requireScheme(session.project.db, scheme);
      return schemeSegments(session.project.db, scheme).map(({ attributes, ...segment }) => ({ ...segment, profile: segmentProfileOf(attributes) }));
    },

    async getSites({ service }) {
      if (service !== undefined) requireService(session.project.db, service);
      return serviceSites(session.project.db, service, true);
    },
  };
}
