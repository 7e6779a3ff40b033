// Keeps the map's transit isochrone layer in step with the public-transport
// choice: asked of the services when a day and window are chosen, its layer
// upserted under the sites (the legend and layer list read the same def), and
// hidden when public transport is switched off.
import { useEffect, useRef, useState, type Dispatch } from 'react';
import { api } from '../api/client';
import type { LayerAction } from '../layers/layer-state';
import { TRANSIT_ISOCHRONE_ID, transitIsochroneDef, type TransitIsochrones } from '../layers/transit-isochrone-layer';
import type { LayerDef } from '../layers/types';
import type { LoadedProject } from '../project/types';
import { activeTransit, useTransitChoice } from './transit-choice';

export function useTransitIsochrones(project: LoadedProject | null, service: string | undefined, layers: LayerDef[], dispatch: Dispatch<LayerAction>): TransitIsochrones | null {
  const choice = activeTransit(useTransitChoice());
  const [iso, setIso] = useState<TransitIsochrones | null>(null);
  const layersRef = useRef(layers);
  layersRef.current = layers;
  const roads = project?.info.layers.some((l) => l.table === 'roads') ?? false;
  const key = project?.info.transit && roads && service && choice ? JSON.stringify([service, choice.date, choice.depart]) : null;

  useEffect(() => {
    if (!key) {
      if (layersRef.current.some((l) => l.id === TRANSIT_ISOCHRONE_ID && l.visible)) dispatch({ type: 'toggle', id: TRANSIT_ISOCHRONE_ID, visible: false });
      return;
    }
    const [svc, date, depart] = JSON.parse(key) as [string, string, string];
    let cancelled = false;
    // A refused day (no buses) is said by the band table's request; the map keeps no stale bands.
    api.call('getTransitIsochrones', { service: svc, date, depart }).then(
      (result) => {
        if (cancelled) return;
        setIso(result);
        const previous = layersRef.current.find((l) => l.id === TRANSIT_ISOCHRONE_ID);
        dispatch({ type: 'upsert', layers: [{ def: transitIsochroneDef(result, previous), placement: 'below-sites' }] });
      },
      () => !cancelled && setIso(null),
    );
    return () => {
      cancelled = true;
    };
  }, [key, dispatch, project]);
  return iso;
}
