// The layer list: top of the map first, like every desktop GIS. Each row is
// plain form controls, so Tab, Space and arrow keys work without extra code.
// A row's grip drags it to a new place in the drawing order (native HTML5
// drag and drop; Escape cancels); Move up / Move down and Alt+↑ / Alt+↓ do
// the same from the keyboard, and the new position is announced.
import { useRef, useState, type Dispatch, type DragEvent } from 'react';
import { dropIndex, layersReducer, type LayerAction } from '../layers/layer-state';
import type { LayerDef } from '../layers/types';
import { LayerRow, type ReorderAction } from './LayerRow';

export interface LayerPanelProps {
  layers: LayerDef[];
  dispatch: Dispatch<LayerAction>;
  features: import('geojson').Feature[];
}

/** The drag's own data type: other drags (files, text, another window's rows) are not dropped here. */
const LAYER_DRAG_TYPE = 'application/x-cgm-layer';

export interface DropTarget {
  targetId: string;
  side: 'above' | 'below';
}

export function LayerPanel({ layers, dispatch, features }: LayerPanelProps) {
  const topFirst = [...layers].reverse();
  const list = useRef<HTMLOListElement>(null);
  // Read by the drag handlers at once; the state copy only styles the row being dragged.
  const dragged = useRef<string | null>(null);
  const [draggedId, setDraggedId] = useState<string | null>(null);
  const [drop, setDrop] = useState<DropTarget | null>(null);
  const [status, setStatus] = useState({ text: '', n: 0 });

  const reorder = (action: ReorderAction): boolean => {
    const next = layersReducer(layers, action);
    if (next === layers) return false;
    dispatch(action);
    const i = next.findIndex((l) => l.id === action.id);
    setStatus((s) => ({ text: `${next[i].title} moved to position ${next.length - i} of ${next.length}`, n: s.n + 1 }));
    return true;
  };

  /** The row under the pointer (or the next one, from the gap above it) and which half of it. */
  const targetAt = (clientY: number): DropTarget | null => {
    const rows = Array.from(list.current?.querySelectorAll<HTMLElement>(':scope > .layer-row') ?? []);
    for (const row of rows) {
      const rect = row.getBoundingClientRect();
      if (clientY < rect.bottom) return { targetId: row.dataset.layerId!, side: clientY < rect.top + rect.height / 2 ? 'above' : 'below' };
    }
    const last = rows[rows.length - 1];
    return last ? { targetId: last.dataset.layerId!, side: 'below' } : null;
  };

  /** The `moveTo` index of a drop, or null where the layer would stay where it is. */
  const indexOf = (target: DropTarget | null): number | null => {
    const id = dragged.current;
    if (!id || !target) return null;
    const index = dropIndex(layers, id, target.targetId, target.side);
    return index === null || index === layers.findIndex((l) => l.id === id) ? null : index;
  };

  const ours = (e: DragEvent) => dragged.current !== null && Array.from(e.dataTransfer.types).includes(LAYER_DRAG_TYPE);

  const endDrag = () => {
    dragged.current = null;
    setDraggedId(null);
    setDrop(null);
  };

  const onDragStart = (id: string, e: DragEvent<HTMLElement>, row: HTMLElement | null) => {
    dragged.current = id;
    e.dataTransfer.effectAllowed = 'move';
    e.dataTransfer.setData(LAYER_DRAG_TYPE, id);
    if (row) {
      const rect = row.getBoundingClientRect();
      e.dataTransfer.setDragImage(row, e.clientX - rect.left, e.clientY - rect.top);
    }
    // Restyling the source inside dragstart can cancel the drag in Chromium: do it just after.
    setTimeout(() => {
      if (dragged.current === id) setDraggedId(id);
    }, 0);
  };

  const onDragOver = (e: DragEvent<HTMLOListElement>) => {
    if (!ours(e)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'move';
    const target = targetAt(e.clientY);
    const shown = indexOf(target) === null ? null : target;
    setDrop((d) => (d?.targetId === shown?.targetId && d?.side === shown?.side ? d : shown));
  };

  const onDragLeave = (e: DragEvent<HTMLOListElement>) => {
    if (!ours(e)) return;
    const rect = list.current?.getBoundingClientRect();
    const inside = rect && e.clientX >= rect.left && e.clientX <= rect.right && e.clientY >= rect.top && e.clientY <= rect.bottom;
    if (!inside) setDrop(null);
  };

  const onDrop = (e: DragEvent<HTMLOListElement>) => {
    if (!ours(e)) return;
    e.preventDefault();
    const id = dragged.current!;
    const index = indexOf(targetAt(e.clientY));
    endDrag();
    if (index !== null) reorder({ type: 'moveTo', id, index });
  };

  return (
    <section className="panel layer-panel" aria-labelledby="layers-heading">
      <h2 id="layers-heading" className="panel__heading">
        Layers
      </h2>
      <ol ref={list} className="layer-list" onDragOver={onDragOver} onDragLeave={onDragLeave} onDrop={onDrop}>
        {topFirst.map((layer, index) => (
          <LayerRow
            key={layer.id}
            layer={layer}
            dispatch={dispatch}
            onReorder={reorder}
            features={features}
            isTop={index === 0}
            isBottom={index === topFirst.length - 1}
            dragging={draggedId === layer.id}
            dropSide={drop?.targetId === layer.id ? drop.side : null}
            onDragStart={onDragStart}
            onDragEnd={endDrag}
          />
        ))}
      </ol>
      <p className="visually-hidden" role="status" aria-live="polite">
        <span key={status.n}>{status.text}</span>
      </p>
    </section>
  );
}
