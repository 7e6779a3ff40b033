// Every change to the layer list goes through this reducer, so the panel, the
// map, the legend and saved views all see one consistent list (bottom to top).
import { AREA_FILL_TYPES, type LayerDef, type LayerStyle } from './types';

/** Where a new layer goes: under everything (area fills), under the sites, or on top. */
export type Placement = 'bottom' | 'below-sites' | 'top';

export type LayerAction =
  | { type: 'reset'; layers: LayerDef[] }
  | { type: 'toggle'; id: string; visible?: boolean }
  | { type: 'opacity'; id: string; opacity: number }
  /** +1 moves a layer up the drawing order (towards the top of the map). */
  | { type: 'move'; id: string; by: 1 | -1 }
  /** Puts a layer at `index` of the bottom-to-top list (its index once moved; clamped to the list). */
  | { type: 'moveTo'; id: string; index: number }
  | { type: 'style'; id: string; style: LayerStyle }
  | { type: 'visibility'; visible: Record<string, boolean> }
  /** Replaces layers by id (keeping where they are) and adds new ones at their placement. */
  | { type: 'upsert'; layers: { def: LayerDef; placement: Placement }[] };

const isAreaFill = (l: LayerDef) => AREA_FILL_TYPES.includes(l.style.type);

/** Where a dragged layer lands, as a `moveTo` index: just above or just below `targetId` on the map. */
export function dropIndex(layers: LayerDef[], id: string, targetId: string, side: 'above' | 'below'): number | null {
  if (!layers.some((l) => l.id === id)) return null;
  const rest = layers.filter((l) => l.id !== id);
  const t = rest.findIndex((l) => l.id === targetId);
  // Dropped on itself: where it already is.
  if (t < 0) return targetId === id ? layers.findIndex((l) => l.id === id) : null;
  // The list is bottom to top, so "above" is after the target.
  return side === 'above' ? t + 1 : t;
}

/** The one way to reorder: the same array back when nothing moves (or the id is unknown). */
function moveTo(layers: LayerDef[], id: string, index: number): LayerDef[] {
  const i = layers.findIndex((l) => l.id === id);
  if (i < 0 || !Number.isFinite(index)) return layers;
  const j = Math.min(layers.length - 1, Math.max(0, Math.trunc(index)));
  if (i === j) return layers;
  const next = [...layers];
  const [moved] = next.splice(i, 1);
  next.splice(j, 0, moved);
  return next;
}

function upsert(layers: LayerDef[], items: { def: LayerDef; placement: Placement }[]): LayerDef[] {
  const next = [...layers];
  for (const { def, placement } of items) {
    const i = next.findIndex((l) => l.id === def.id);
    if (i >= 0) {
      // The analyst's switches win over whatever the rebuilt definition says.
      next[i] = { ...def, visible: next[i].visible, opacity: next[i].opacity };
      continue;
    }
    if (placement === 'bottom') next.unshift(def);
    else if (placement === 'top') next.push(def);
    else {
      const sites = next.findIndex((l) => l.style.type === 'site-symbols');
      next.splice(sites < 0 ? next.length : sites, 0, def);
    }
  }
  return next;
}

export function layersReducer(layers: LayerDef[], action: LayerAction): LayerDef[] {
  switch (action.type) {
    case 'reset':
      return action.layers;
    case 'toggle': {
      const target = layers.find((l) => l.id === action.id);
      if (!target) return layers;
      const visible = action.visible ?? !target.visible;
      // Two area fills over each other read as neither: switching one on switches the others off.
      const exclusive = visible && isAreaFill(target);
      return layers.map((l) => (l.id === action.id ? { ...l, visible } : exclusive && l.visible && isAreaFill(l) ? { ...l, visible: false } : l));
    }
    case 'upsert':
      return upsert(layers, action.layers);
    case 'opacity':
      return layers.map((l) => (l.id === action.id ? { ...l, opacity: Math.min(1, Math.max(0, action.opacity)) } : l));
    case 'style':
      return layers.map((l) => (l.id === action.id ? { ...l, style: action.style } : l));
    case 'visibility':
      return layers.map((l) => (l.id in action.visible ? { ...l, visible: action.visible[l.id] } : l));
    case 'move': {
      const i = layers.findIndex((l) => l.id === action.id);
      const j = i + action.by;
      // Past either end is no move at all (not a clamp onto the same place).
      if (i < 0 || j < 0 || j >= layers.length) return layers;
      return moveTo(layers, action.id, j);
    }
    case 'moveTo':
      return moveTo(layers, action.id, action.index);
  }
}
