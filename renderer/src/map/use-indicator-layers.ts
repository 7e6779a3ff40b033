// One map layer per area indicator the project holds, at the map's level:
// listed whenever the project is (re)loaded, so an indicator imported in the
// app appears without a reopen; off until switched on, and its values read
// then (each indicator at a national level is ~190k values: only those shown
// are asked for).
import { useEffect, useRef, type Dispatch } from 'react';
import { api } from '../api/client';
import { applyIndicator, INDICATOR_LAYER_PREFIX, indicatorLayer, indicatorStubLayer } from '../layers/indicator-layers';
import type { LayerAction } from '../layers/layer-state';
import type { LayerDef } from '../layers/types';
import type { LoadedProject } from '../project/types';

/** The named indicators' layers at the project's level, their values written on the areas. */
export async function loadIndicatorLayers(project: LoadedProject, names: string[], previous: Map<string, LayerDef>): Promise<LayerDef[]> {
  const all = await Promise.all(names.map((indicator) => api.call('getAreaIndicatorLayer', { indicator, level: project.level })));
  return all.map((data) => {
    applyIndicator(project.areas, data);
    return indicatorLayer(project.areas.features, data, previous.get(`${INDICATOR_LAYER_PREFIX}${data.indicator.name}`));
  });
}

export function useIndicatorLayers(project: LoadedProject | null, layers: LayerDef[], dispatch: Dispatch<LayerAction>): void {
  // Layer ids whose values were asked for, for this project load.
  const asked = useRef(new Set<string>());
  const latest = useRef(layers);
  latest.current = layers;
  // An answer for an earlier load (another level) is not drawn over this one's areas.
  const projectRef = useRef(project);
  projectRef.current = project;

  useEffect(() => {
    if (!project) return;
    asked.current = new Set();
    let cancelled = false;
    api.call('getAreaContext', {})
      .then(({ indicators }) => {
        const have = new Set(latest.current.map((l) => l.id));
        const stubs = indicators.filter((i) => !have.has(`${INDICATOR_LAYER_PREFIX}${i.name}`)).map((i) => indicatorStubLayer(project.areas.features, i, project.level));
        if (!cancelled && stubs.length) dispatch({ type: 'upsert', layers: stubs.map((def) => ({ def, placement: 'bottom' as const })) });
      })
      // A project without indicators (or a failed read) simply has no indicator layers.
      .catch(() => {});
    return () => {
      cancelled = true;
    };
  }, [project, dispatch]);

  useEffect(() => {
    if (!project) return;
    const wanted = layers.filter((l) => l.visible && l.id.startsWith(INDICATOR_LAYER_PREFIX) && !asked.current.has(l.id));
    if (wanted.length === 0) return;
    for (const l of wanted) asked.current.add(l.id);
    const previous = new Map(latest.current.map((l) => [l.id, l]));
    loadIndicatorLayers(project, wanted.map((l) => l.id.slice(INDICATOR_LAYER_PREFIX.length)), previous)
      // Upserted over the listed layer: the reducer keeps its place, switch and opacity.
      .then((defs) => project === projectRef.current && dispatch({ type: 'upsert', layers: defs.map((def) => ({ def, placement: 'bottom' as const })) }))
      .catch(() => {
        for (const l of wanted) asked.current.delete(l.id);
      });
  }, [project, layers, dispatch]);
}
