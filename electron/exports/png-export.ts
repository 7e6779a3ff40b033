// PNG maps: the renderer's print page (renderer/print.html) composes title,
// map, the app's legend, scale bar, north arrow, data date, sources and the
// disclosure note; this drives it. The project is served on a loopback server
// of its own (the same handlers as browser mode, with a fresh token) and a
// PngRenderer captures the page: headless Chromium here and in the CLI, an
// offscreen Electron window in the app. Poster sizes are drawn by the page in
// map tiles (renderer/src/print/tiles.ts), so no WebGL buffer limit applies.
// The server also serves the project's base-map tile file, if it names one, so
// a print draws the same base map as the screen.
import type { Project } from '../store/project';
import { startBrowserServer } from '../server/browser-server';
import { basemapTilesFor } from '../services/basemap-handlers';
import { ProjectSession } from '../services/project-session';
import { safeFilename, type ExportFile } from './export-file';
import { chromiumPngRenderer } from './png/chromium-png';
import { pngDimensions, type PngRenderer, type PrintedMap } from './png/print-job';
import { parsePrintSize, printScale, type PrintSize } from './png/print-size';
import { InputError } from '../../shared/errors';
import { requireSavedView } from '../analysis/inputs';
import { ensureRendererBuilt } from '../app/renderer-build';

export interface PngRequest {
  /** A saved view by name, or one layer by id (segments, density, uptake, gap-type...). */
  view?: string;
  layer?: string;
  /** screen | a4 | a3 | WIDTHxHEIGHT (default a4). */
  size?: string;
  title?: string;
  subtitle?: string;
  /** The analysis an analysis layer is drawn for; a saved view keeps the one it was saved with. */
  service?: string;
  indicator?: string;
  mode?: 'walk' | 'drive';
  /** The transit isochrones' day and departure window. */
  transit?: { date: string; depart: string };
  /** false: real sites only (a baseline report's maps); absent or true: proposed sites counted, as the map shows them. */
  includeProposed?: boolean;
  /** Aborts when the analyst cancels the export. */
  signal?: AbortSignal;
  /** Longest map tile edge in device pixels; smaller forces tiling (tests compare seams). */
  tileEdge?: number;
  timeoutMs?: number;
  /** Where to say that the renderer is being built (its first use after install); default stderr. */
  note?: (message: string) => void;
}

/** A poster takes about a minute on two cores with software WebGL; a stuck page should not take forever. */
export const DEFAULT_TIMEOUT_MS = 300_000;

export interface PrintResult extends PrintedMap {
  size: PrintSize;
  millis: number;
}

/** The handlers serve this session's project without opening the file a second time. */
class BorrowedSession extends ProjectSession {
  constructor(private readonly borrowed: Project) {
    super();
  }
  override get project(): Project {
    return this.borrowed;
  }
  override close(): void {
    /* The caller owns the project. */
  }
}

function printUrl(origin: string, token: string, size: PrintSize, scale: number, request: PngRequest): string {
  const url = new URL('/print.html', origin);
  const q = url.searchParams;
  q.set('token', token);
  const { view, layer, title, subtitle, service, indicator, mode } = request;
  for (const [key, value] of Object.entries({ view, layer, title, subtitle, service, indicator, mode })) {
    if (value) q.set(key, value);
  }
  if (request.includeProposed === false) q.set('proposed', '0');
  if (request.transit) (q.set('transitDate', request.transit.date), q.set('transitDepart', request.transit.depart));
  q.set('w', String(size.width));
  q.set('h', String(size.height));
  q.set('s', String(scale));
  if (request.tileEdge) q.set('tile', String(request.tileEdge));
  return url.toString();
}

/** Draws the map and returns the PNG with the page's report (boxes, tiles, composed text). */
export async function printMap(project: Project, request: PngRequest, renderer: PngRenderer = chromiumPngRenderer): Promise<PrintResult> {
  if ((request.view === undefined) === (request.layer === undefined)) throw new InputError('name a saved view or a layer to export as PNG, not both');
  const size = parsePrintSize(request.size ?? 'a4');
  if (request.view !== undefined) requireSavedView(project.db, request.view);
  const scale = printScale(size);
  // Built on first use after install (npm install builds nothing), before anything is opened that would need closing.
  const staticDir = await ensureRendererBuilt({ log: request.note ?? ((m) => process.stderr.write(`${m}\n`)) });
  const started = Date.now();
  // Imported lazily: the handlers include this module's own contract method.
  const { createHandlers } = await import('../services/handlers');
  const session = new BorrowedSession(project);
  // The same reader the handlers' getBasemapInfo uses (one per session), behind the same token as the API.
  const tiles = basemapTilesFor(session);
  const server = await startBrowserServer({ handlers: createHandlers(session), staticDir, tiles });
  try {
    const url = printUrl(`http://127.0.0.1:${server.port}`, server.token, size, scale, request);
    const printed = await renderer({ url, width: size.width, height: size.height, scale, timeoutMs: request.timeoutMs ?? DEFAULT_TIMEOUT_MS, signal: request.signal });
    const got = pngDimensions(printed.png);
    if (got.width !== size.width || got.height !== size.height) throw new Error(`the map came back ${got.width}×${got.height}, not ${size.width}×${size.height}`);
    return { ...printed, size, millis: Date.now() - started };
  } finally {
    await server.close();
    // The tile file is this print's to close; the project stays the caller's.
    tiles.close();
  }
}

export async function exportPng(project: Project, request: PngRequest, renderer?: PngRenderer): Promise<ExportFile> {
  const { png, size } = await printMap(project, request, renderer);
  const stem = safeFilename(`${request.view ?? request.layer} ${size.name === 'custom' ? `${size.width}x${size.height}` : size.name}`, '.png');
  return { filename: stem, mimeType: 'image/png', bytes: png };
}
