// The layer list: top of the map first, like every desktop GIS. Each row is
// plain form controls, so Tab, Space and arrow keys work without extra code.
import type { Dispatch } from 'react';
import type { LayerAction } from '../layers/layer-state';
import type { LayerDef } from '../layers/types';
import { LayerRow } from './LayerRow';

export interface LayerPanelProps {
  layers: LayerDef[];
  dispatch: Dispatch<LayerAction>;
  features: import('geojson').Feature[];
}

export function LayerPanel({ layers, dispatch, features }: LayerPanelProps) {
  const topFirst = [...layers].reverse();
  return (
    <section className="panel layer-panel" aria-labelledby="layers-heading">
      <h2 id="layers-heading" className="panel__heading">
        Layers
      </h2>
      <ol className="layer-list">
        {topFirst.map((layer, index) => (
          <LayerRow
            key={layer.id}
            layer={layer}
            dispatch={dispatch}
            features={features}
            isTop={index === 0}
            isBottom={index === topFirst.length - 1}
          />
        ))}
      </ol>
    </section>
  );
}
