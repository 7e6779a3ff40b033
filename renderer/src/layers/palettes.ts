// Fixed colours of the base map and of categories that carry no colour of their own.

/** Okabe–Ito: distinguishable with the common colour-vision deficiencies. */
export const OKABE_ITO = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#F0E442', '#000000'];

/** Used when a scheme's segment has no colour: Tableau 10, muted enough for fills. */
export const FALLBACK_CATEGORICAL = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

export const NO_DATA_COLOUR = '#d9d9d6';

export const BASEMAP = {
  background: '#f3f2ef',
  text: '#1f2933',
  halo: '#ffffff',
};

export function hexToRgb(hex: string): [number, number, number] {
  const h = hex.replace('#', '');
  const full = h.length === 3 ? h.split('').map((c) => c + c).join('') : h.slice(0, 6);
  const n = parseInt(full, 16);
  return Number.isNaN(n) ? [128, 128, 128] : [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** d3-scale-chromatic gives `rgb(r, g, b)` from interpolators; the legend wants hex. */
export function cssToHex(colour: string): string {
  if (colour.startsWith('#')) return colour;
  const m = colour.match(/rgba?\((\d+),\s*(\d+),\s*(\d+)/);
  if (!m) return colour;
  return '#' + [m[1], m[2], m[3]].map((v) => Number(v).toString(16).padStart(2, '0')).join('');
}
