// The pixel sizes a PNG map can be: the screen, A4 and A3 landscape at 300 dpi,
// or any width × height up to a poster. The page is laid out in CSS pixels
// about 1,600 across and scaled by a devicePixelRatio that is a whole number
// of eighths, so map tiles are whole device pixels (see renderer print/tiles.ts).

import { InputError } from '../../../shared/errors';

export interface PrintSize {
  /** screen | a4 | a3 | custom */
  name: string;
  width: number;
  height: number;
}

export const PRINT_SIZES: Record<string, PrintSize> = {
  screen: { name: 'screen', width: 1920, height: 1080 },
  // ISO 216 landscape at 300 dots per inch: 297 × 210 mm and 420 × 297 mm.
  a4: { name: 'a4', width: 3508, height: 2480 },
  a3: { name: 'a3', width: 4961, height: 3508 },
};

export const MIN_EDGE = 480;
/** A side Chromium's compositor and a 2D canvas hold everywhere (GPU textures are often 8192). */
export const MAX_EDGE = 8000;
export const MAX_PIXELS = 48_000_000;
/** The composition's longer side in CSS pixels: title, legend and notes are sized for it. */
export const DESIGN_LONG_EDGE = 1600;

export function parsePrintSize(text: string): PrintSize {
  const key = text.trim().toLowerCase();
  if (PRINT_SIZES[key]) return PRINT_SIZES[key];
  const m = /^(\d+)\s*x\s*(\d+)$/.exec(key);
  if (!m) throw new InputError(`size must be screen, a4, a3 or WIDTHxHEIGHT in pixels, not "${text}"`);
  const [width, height] = [Number(m[1]), Number(m[2])];
  if (Math.min(width, height) < MIN_EDGE) throw new InputError(`a PNG map needs at least ${MIN_EDGE} pixels a side, not ${width}×${height}`);
  if (Math.max(width, height) > MAX_EDGE || width * height > MAX_PIXELS) {
    throw new InputError(`${width}×${height} is larger than the largest poster (${MAX_EDGE} pixels a side, ${MAX_PIXELS / 1e6} megapixels)`);
  }
  return { name: 'custom', width, height };
}

/** Device pixels per CSS pixel: at least 1, in eighths. */
export function printScale(size: PrintSize): number {
  return Math.max(1, Math.round((8 * Math.max(size.width, size.height)) / DESIGN_LONG_EDGE) / 8);
}
