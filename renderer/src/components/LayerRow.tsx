// One layer: visibility, opacity, drawing order and, for numeric layers, classification.
import { useId, useState, type Dispatch } from 'react';
import type { Feature } from 'geojson';
import type { LayerAction } from '../layers/layer-state';
import type { LayerDef } from '../layers/types';
import { ClassificationEditor } from '../classify/ClassificationEditor';
import { SwatchIcon } from '../legend/SwatchIcon';
import { legendFor } from '../legend/legend-model';

interface LayerRowProps {
  layer: LayerDef;
  dispatch: Dispatch<LayerAction>;
  features: Feature[];
  isTop: boolean;
  isBottom: boolean;
}

export function LayerRow({ layer, dispatch, features, isTop, isBottom }: LayerRowProps) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const preview = legendFor(layer).entries.slice(0, 1)[0];
  const canClassify = layer.style.type === 'graduated-fill';
  return (
    <li className={layer.visible ? 'layer-row' : 'layer-row layer-row--hidden'} data-layer-id={layer.id}>
      <div className="layer-row__main">
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
          <button type="button" className="icon-button" disabled={isTop} onClick={() => dispatch({ type: 'move', id: layer.id, by: 1 })} aria-label={`Move ${layer.title} up`} title="Move up">
            <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true"><path d="M2 8l4-4 4 4" fill="none" stroke="currentColor" strokeWidth="1.6" /></svg>
          </button>
          <button type="button" className="icon-button" disabled={isBottom} onClick={() => dispatch({ type: 'move', id: layer.id, by: -1 })} aria-label={`Move ${layer.title} down`} title="Move down">
            <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true"><path d="M2 4l4 4 4-4" fill="none" stroke="currentColor" strokeWidth="1.6" /></svg>
          </button>
        </div>
      </div>
      <div className="layer-row__controls">
        <label htmlFor={`${id}-opacity`} className="layer-row__opacity-label">
          Opacity
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
