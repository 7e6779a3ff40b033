// One map layer per area indicator the project holds, at the map's level:
// asked for whenever the project is (re)loaded, so an indicator imported in
// the app appears in the layer list without a reopen. Off until switched on.
import { useEffect, useRef, type Dispatch } from 'react';
import { api } from '../api/client';
import { applyIndicator, indicatorLayer } from '../layers/indicator-layers';
import type { LayerAction } from '../layers/layer-state';
import type { LayerDef } from '../layers/types';
import type { LoadedProject } from '../project/types';

/**
 * Each indicator's layer at the project's level, its values written on the areas.
 * An indicator with no value at this level (a decile cannot be averaged up; no
 * population to share a count by) gets no layer: the area panel says why on hover.
 */
export async function loadIndicatorLayers(project: LoadedProject, previous: Map<string, LayerDef>): Promise<LayerDef[]> {
  const { indicators } = await api.call('getAreaContext', {});
  const all = await Promise.all(indicators.map((i) => api.call('getAreaIndicatorLayer', { indicator: i.name, level: project.level })));
  return all
    .filter((data) => data.values.length > 0)
    .map((data) => {
      applyIndicator(project.areas, data);
      return indicatorLayer(project.areas.features, data, previous.get(`indicator:${data.indicator.name}`));
    });
}

export function useIndicatorLayers(project: LoadedProject | null, layers: LayerDef[], dispatch: Dispatch<LayerAction>): void {
  const latest = useRef(layers);
  latest.current = layers;
  useEffect(() => {
    if (!project) return;
    let cancelled = false;
    loadIndicatorLayers(project, new Map(latest.current.map((l) => [l.id, l])))
      .then((defs) => !cancelled && defs.length > 0 && dispatch({ type: 'upsert', layers: defs.map((def) => ({ def, placement: 'bottom' as const })) }))
      // A project without indicators (or a failed read) simply has no indicator layers.
      .catch(() => {});
    return () => {
      cancelled = true;
    };
  }, [project, dispatch]);
}
