// Every change to the layer list goes through this reducer, so the panel, the
// map, the legend and saved views all see one consistent list (bottom to top).
import type { LayerDef, LayerStyle } from './types';

export type LayerAction =
  | { type: 'reset'; layers: LayerDef[] }
  | { type: 'toggle'; id: string; visible?: boolean }
  | { type: 'opacity'; id: string; opacity: number }
  /** +1 moves a layer up the drawing order (towards the top of the map). */
  | { type: 'move'; id: string; by: 1 | -1 }
  | { type: 'style'; id: string; style: LayerStyle }
  | { type: 'visibility'; visible: Record<string, boolean> };

export function layersReducer(layers: LayerDef[], action: LayerAction): LayerDef[] {
  switch (action.type) {
    case 'reset':
      return action.layers;
    case 'toggle':
      return layers.map((l) => (l.id === action.id ? { ...l, visible: action.visible ?? !l.visible } : l));
    case 'opacity':
      return layers.map((l) => (l.id === action.id ? { ...l, opacity: Math.min(1, Math.max(0, action.opacity)) } : l));
    case 'style':
      return layers.map((l) => (l.id === action.id ? { ...l, style: action.style } : l));
    case 'visibility':
      return layers.map((l) => (l.id in action.visible ? { ...l, visible: action.visible[l.id] } : l));
    case 'move': {
      const i = layers.findIndex((l) => l.id === action.id);
      const j = i + action.by;
      if (i < 0 || j < 0 || j >= layers.length) return layers;
      const next = [...layers];
      [next[i], next[j]] = [next[j], next[i]];
      return next;
    }
  }
}
