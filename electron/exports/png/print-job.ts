// One map to print, as the print page (renderer/print.html) is asked for it,
// and what comes back. A PngRenderer is whatever browser engine loads the page
// and captures it: headless Chromium here, an offscreen Electron window in the app.

export interface PrintJob {
  /** The print page on the loopback server, token and parameters included. */
  url: string;
  /** The finished PNG, device pixels. */
  width: number;
  height: number;
  /** devicePixelRatio the page must be given. */
  scale: number;
  timeoutMs: number;
  /** Aborts when the analyst cancels: the renderer closes its browser or window at once. */
  signal?: AbortSignal;
}

/** window.__cgmPrint as it crosses into Node (its project() function stays behind). */
export interface PrintReport {
  width: number;
  height: number;
  scale: number;
  mapBox: { x: number; y: number; width: number; height: number };
  camera: { center: [number, number]; zoom: number };
  legendBox: { x: number; y: number; width: number; height: number };
  tiles: { x: number; y: number; width: number; height: number; variance: number }[];
  /** Site labels as drawn: group (`<layer>:labels`), text, box in the PNG's pixels. */
  labels: { group: string; text: string; box: { x: number; y: number; width: number; height: number } }[];
  text: { title: string; subtitle: string; attributions: string[]; disclosure: string; dataDate: string | null; footer: string };
  layers: string[];
  /** The project's tile file drawn under the layers, or null; and why one set on the project was not drawn. */
  basemap: { tileFile: string | null; problem: string | null };
  timings: { dataMs: number; mapMs: number };
}

export interface PrintedMap {
  png: Buffer;
  report: PrintReport;
}

export type PngRenderer = (job: PrintJob) => Promise<PrintedMap>;

/** Width and height from a PNG's IHDR chunk, without decoding it. */
export function pngDimensions(png: Buffer): { width: number; height: number } {
  if (png.length < 24 || png.toString('latin1', 12, 16) !== 'IHDR') throw new Error('not a PNG image');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}
