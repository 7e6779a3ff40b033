// What the print page exposes to the PNG exporter and its tests: where things
// landed in device pixels, the composed text (so tests need no OCR), and a
// projection from lon/lat to PNG pixels.
import { InputError } from '../../../shared/errors';
import type { Camera } from './mercator';
import type { TileReport } from './tile-render';
import type { PrintedLabel } from './print-labels';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PrintInfo {
  width: number;
  height: number;
  scale: number;
  mapBox: Box;
  /** The camera of the whole map box (CSS pixels, Web Mercator as maplibre). */
  camera: Camera;
  legendBox: Box;
  tiles: TileReport[];
  /** Site labels (real and what-if, placed in one pass as on screen): group, text and box in the PNG's device pixels. */
  labels: PrintedLabel[];
  text: { title: string; subtitle: string; attributions: string[]; disclosure: string; dataDate: string | null; footer: string };
  /** Layers drawn, bottom to top. */
  layers: string[];
  /** The tile file drawn under the layers (its path), or null; and why one set on the project was not drawn. */
  basemap: { tileFile: string | null; problem: string | null };
  timings: { dataMs: number; mapMs: number };
  /** Device pixel of lon/lat in the finished PNG. */
  project(lon: number, lat: number): [number, number];
}

declare global {
  interface Window {
    __cgmPrint?: PrintInfo;
  }
}

export function publish(info: PrintInfo): void {
  window.__cgmPrint = info;
  document.body.dataset.printReady = '1';
}

export function publishError(error: unknown): void {
  document.body.dataset.printError = error instanceof Error ? error.message : String(error);
  // The request's own mistake (a layer or view the project lacks): the export answers it as the analyst's, not a failure.
  if (error instanceof InputError) document.body.dataset.printErrorInput = '1';
}

/** Snaps a CSS box to the device pixels wholly inside it. */
export function deviceBox(rect: DOMRect, scale: number): Box {
  const x = Math.ceil(rect.left * scale - 1e-6);
  const y = Math.ceil(rect.top * scale - 1e-6);
  return { x, y, width: Math.floor(rect.right * scale + 1e-6) - x, height: Math.floor(rect.bottom * scale + 1e-6) - y };
}
