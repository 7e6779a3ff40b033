// Sequential colour ramps for graduated layers. ColorBrewer schemes come with
// hand-tuned steps for 3–9 classes; the perceptual ramps (viridis, cividis) are sampled.
import * as chromatic from 'd3-scale-chromatic';
import { cssToHex } from '../layers/palettes';

export interface Ramp {
  id: string;
  label: string;
  /** Safe for the common colour-vision deficiencies (ColorBrewer's own rating). */
  colourBlindSafe: boolean;
}

export const RAMPS: Ramp[] = [
  { id: 'YlGnBu', label: 'Yellow–green–blue', colourBlindSafe: true },
  { id: 'YlOrRd', label: 'Yellow–orange–red', colourBlindSafe: true },
  { id: 'PuBu', label: 'Purple–blue', colourBlindSafe: true },
  { id: 'BuPu', label: 'Blue–purple', colourBlindSafe: true },
  { id: 'OrRd', label: 'Orange–red', colourBlindSafe: true },
  { id: 'Blues', label: 'Blues', colourBlindSafe: true },
  { id: 'Greens', label: 'Greens', colourBlindSafe: true },
  { id: 'Purples', label: 'Purples', colourBlindSafe: true },
  { id: 'Viridis', label: 'Viridis', colourBlindSafe: true },
  { id: 'Cividis', label: 'Cividis', colourBlindSafe: true },
];

export const DEFAULT_RAMP = 'YlGnBu';

type SchemeTable = readonly (readonly string[])[];

export function rampColours(id: string, classCount: number): string[] {
  const n = Math.max(1, classCount);
  const table = (chromatic as unknown as Record<string, SchemeTable | undefined>)[`scheme${id}`];
  if (table && n >= 3 && table[n]) return [...table[n]];
  if (table && n < 3 && table[3]) return [...table[3]].slice(3 - n);
  const interpolate = (chromatic as unknown as Record<string, ((t: number) => string) | undefined>)[`interpolate${id}`];
  if (!interpolate) return rampColours(DEFAULT_RAMP, n);
  // Skip the darkest end so labels and outlines stay readable on the top class.
  // Light for low values, as readers expect of a choropleth, so the ramp runs backwards.
  return Array.from({ length: n }, (_, k) => cssToHex(interpolate(n === 1 ? 0.5 : 0.92 - (0.84 * k) / (n - 1))));
}
