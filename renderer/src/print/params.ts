// What the print page is asked to draw, read once from its URL. The main
// process builds the URL (electron/exports/png-export.ts); the page never
// guesses a size, so the PNG is exactly the pixels that were asked for.

export interface PrintParams {
  /** A saved view (cgm_views) by name: its camera and which layers are on. */
  view: string | null;
  /** Or one layer by id (segments, density, uptake, gap-type...), over the project's extent. */
  layer: string | null;
  title: string | null;
  subtitle: string | null;
  /** The analysis an analysis layer is drawn for; null: the view's, else the project's first (walking). */
  service: string | null;
  indicator: string | null;
  mode: 'walk' | 'drive' | null;
  /** The transit isochrones' day and departure window; null when not asked for. */
  transit: { date: string; depart: string } | null;
  /** Count proposed (what-if) sites as open, as the map does; false only when the export asks for real sites only. */
  includeProposed: boolean;
  /** The finished image in device pixels. */
  width: number;
  height: number;
  /** Device pixels per CSS pixel (the page's devicePixelRatio). */
  scale: number;
  /** Longest edge of one map tile in device pixels: larger maps are drawn in tiles. */
  tileEdge: number;
}

/**
 * A4 and A3 at 300 dpi (3508 and 4961 pixels across) fit one WebGL buffer under SwiftShader and
 * most GPUs, so they are drawn once, not in tiles; a card that cannot hold it falls back to smaller tiles.
 */
export const DEFAULT_TILE_EDGE = 5120;

function positive(value: string | null, name: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`The print page needs a positive "${name}", not "${value}".`);
  return n;
}

export function readPrintParams(search: string): PrintParams {
  const q = new URLSearchParams(search);
  const view = q.get('view');
  const layer = q.get('layer');
  const mode = q.get('mode');
  if (!view && !layer) throw new Error('The print page needs a saved view or a layer to draw.');
  return {
    view,
    layer,
    title: q.get('title'),
    subtitle: q.get('subtitle'),
    service: q.get('service'),
    indicator: q.get('indicator'),
    mode: mode === null || mode === 'walk' || mode === 'drive' ? mode : null,
    transit: q.get('transitDate') ? { date: q.get('transitDate')!, depart: q.get('transitDepart') ?? '08:00-09:00' } : null,
    includeProposed: q.get('proposed') !== '0',
    width: Math.round(positive(q.get('w'), 'w')),
    height: Math.round(positive(q.get('h'), 'h')),
    scale: positive(q.get('s'), 's'),
    tileEdge: q.has('tile') ? Math.max(256, Math.round(positive(q.get('tile'), 'tile'))) : DEFAULT_TILE_EDGE,
  };
}
