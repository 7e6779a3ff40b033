// One layer: visibility, opacity, drawing order and, for numeric layers, classification.
import { useId, useLayoutEffect, useRef, useState, type Dispatch, type DragEvent, type KeyboardEvent } from 'react';
import type { Feature } from 'geojson';
import type { LayerAction } from '../layers/layer-state';
import type { LayerDef } from '../layers/types';
import { ClassificationEditor } from '../classify/ClassificationEditor';
import { SwatchIcon } from '../legend/SwatchIcon';
import { legendFor } from '../legend/legend-model';

/** The actions that change the drawing order (the panel announces where the layer went). */
export type ReorderAction = Extract<LayerAction, { type: 'move' | 'moveTo' }>;

interface LayerRowProps {
  layer: LayerDef;
  dispatch: Dispatch<LayerAction>;
  /** Whether the layer moved. */
  onReorder(action: ReorderAction): boolean;
  features: Feature[];
  isTop: boolean;
  isBottom: boolean;
  /** This row is being dragged. */
  dragging: boolean;
  /** Where the insertion line shows if the dragged row is dropped here. */
  dropSide: 'above' | 'below' | null;
  onDragStart(id: string, e: DragEvent<HTMLElement>, row: HTMLElement | null): void;
  onDragEnd(): void;
}

/** Alt+↑ / Alt+↓ move the row from its own controls, not from a select (Alt+↓ opens it) or text. */
function reorderKey(e: KeyboardEvent): 1 | -1 | null {
  if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return null;
  if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return null;
  const el = e.target as HTMLElement;
  if (el.closest('.layer-row__style, select, textarea') || (el instanceof HTMLInputElement && el.type !== 'checkbox' && el.type !== 'range')) return null;
  return e.key === 'ArrowUp' ? 1 : -1;
}

export function LayerRow({ layer, dispatch, onReorder, features, isTop, isBottom, dragging, dropSide, onDragStart, onDragEnd }: LayerRowProps) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const row = useRef<HTMLLIElement>(null);
  const upButton = useRef<HTMLButtonElement>(null);
  const downButton = useRef<HTMLButtonElement>(null);
  // Reordering moves list items in the DOM, which drops focus: put it back where it was.
  const refocus = useRef<HTMLElement | null>(null);
  useLayoutEffect(() => {
    const el = refocus.current;
    refocus.current = null;
    if (!el || !el.isConnected) return;
    // At the top or bottom that button is now disabled: the other one keeps focus in the row.
    const next = el instanceof HTMLButtonElement && el.disabled ? (el === upButton.current ? downButton.current : upButton.current) : el;
    if (next && !(next instanceof HTMLButtonElement && next.disabled) && document.activeElement !== next) next.focus();
  });
  const move = (by: 1 | -1, from: HTMLElement) => {
    // Set before the re-render this schedules; never left behind for a later one.
    if (onReorder({ type: 'move', id: layer.id, by })) refocus.current = from;
  };
  const onKeyDown = (e: KeyboardEvent<HTMLLIElement>) => {
    const by = reorderKey(e);
    if (by === null) return;
    e.preventDefault();
    move(by, e.target as HTMLElement);
  };
  const preview = legendFor(layer).entries.slice(0, 1)[0];
  const canClassify = layer.style.type === 'graduated-fill';
  const className = ['layer-row', !layer.visible && 'layer-row--hidden', dragging && 'layer-row--dragging', dropSide && `layer-row--drop-${dropSide}`].filter(Boolean).join(' ');
  return (
    <li ref={row} className={className} data-layer-id={layer.id} onKeyDown={onKeyDown}>
      <div className="layer-row__main">
        <span
          className="layer-row__grip"
          draggable
          aria-hidden="true"
          title="Drag to change the drawing order (or Alt+↑ / Alt+↓)"
          onDragStart={(e) => onDragStart(layer.id, e, row.current)}
          onDragEnd={onDragEnd}
        >
          <svg width="8" height="14" viewBox="0 0 8 14" aria-hidden="true">
            <g fill="currentColor">
              <circle cx="2" cy="2" r="1.2" /><circle cx="6" cy="2" r="1.2" />
              <circle cx="2" cy="7" r="1.2" /><circle cx="6" cy="7" r="1.2" />
              <circle cx="2" cy="12" r="1.2" /><circle cx="6" cy="12" r="1.2" />
            </g>
          </svg>
        </span>
        <input
          id={`${id}-visible`}
          type="checkbox"
          className="layer-row__check"
          checked={layer.visible}
          onChange={() => dispatch({ type: 'toggle', id: layer.id })}
        />
        <label htmlFor={`${id}-visible`} className="layer-row__label">
          <span className="layer-row__icon">{preview && <SwatchIcon swatch={preview.swatch} />}</span>
          <span className="layer-row__text">
            <span className="layer-row__title">{layer.title}</span>
            <span className="layer-row__subtitle">{layer.subtitle}</span>
          </span>
        </label>
        <div className="layer-row__order" role="group" aria-label={`Drawing order of ${layer.title}`}>
          <button ref={upButton} type="button" className="icon-button" disabled={isTop} onClick={(e) => move(1, e.currentTarget)} aria-label={`Move ${layer.title} up`} aria-keyshortcuts="Alt+ArrowUp" title="Move up (Alt+↑)">
            <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true"><path d="M2 8l4-4 4 4" fill="none" stroke="currentColor" strokeWidth="1.6" /></svg>
          </button>
          <button ref={downButton} type="button" className="icon-button" disabled={isBottom} onClick={(e) => move(-1, e.currentTarget)} aria-label={`Move ${layer.title} down`} aria-keyshortcuts="Alt+ArrowDown" title="Move down (Alt+↓)">
            <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true"><path d="M2 4l4 4 4-4" fill="none" stroke="currentColor" strokeWidth="1.6" /></svg>
          </button>
        </div>
      </div>
      <div className="layer-row__controls">
        <label htmlFor={`${id}-opacity`} className="layer-row__opacity-label">
          Opacity<span className="visually-hidden"> of {layer.title}</span>
        </label>
        <input
          id={`${id}-opacity`}
          type="range"
          min={0}
          max={100}
          step={5}
          value={Math.round(layer.opacity * 100)}
          onChange={(e) => dispatch({ type: 'opacity', id: layer.id, opacity: Number(e.target.value) / 100 })}
          aria-valuetext={`${Math.round(layer.opacity * 100)}%`}
        />
        <output htmlFor={`${id}-opacity`} className="layer-row__opacity-value">
          {Math.round(layer.opacity * 100)}%
        </output>
        {canClassify && (
          <button type="button" className="text-button" aria-expanded={open} aria-controls={`${id}-style`} onClick={() => setOpen(!open)}>
            {open ? 'Hide style' : 'Style…'}
            {/* Named after the layer for a screen reader, as every control in the row is. */}
            <span className="visually-hidden"> ({layer.title})</span>
          </button>
        )}
      </div>
      {canClassify && open && layer.style.type === 'graduated-fill' && (
        <div id={`${id}-style`} className="layer-row__style">
          <ClassificationEditor style={layer.style} features={features} onChange={(style) => dispatch({ type: 'style', id: layer.id, style })} />
        </div>
      )}
    </li>
  );
}
