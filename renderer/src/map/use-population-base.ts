// The population layer follows the base chosen in the Analysis panel: with a
// households base imported, choosing Households maps households per km²
// (classed on those figures), Persons or Default maps people. The layer keeps
// its place, visibility, opacity and classing; only the measure changes.
import { useEffect, useRef, type Dispatch } from 'react';
import { defaultBase, densityLayer, populationBases, type PopulationBase } from '../layers/catalogue';
import type { LayerAction } from '../layers/layer-state';
import type { LayerDef } from '../layers/types';
import type { LoadedProject } from '../project/types';

export function usePopulationBaseLayer(project: LoadedProject | null, chosen: PopulationBase | undefined, layers: LayerDef[], dispatch: Dispatch<LayerAction>): void {
  const latest = useRef(layers);
  latest.current = layers;
  const base = project ? (chosen && populationBases(project).includes(chosen) ? chosen : defaultBase(project)) : null;
  useEffect(() => {
    if (!project || !base) return;
    const current = latest.current.find((l) => l.id === 'density');
    if (!current || current.style.type !== 'graduated-fill') return;
    const next = densityLayer(project, base, current.style);
    if (next.style.type === 'graduated-fill' && next.style.measure === current.style.measure) return;
    dispatch({ type: 'upsert', layers: [{ def: { ...next, visible: current.visible, opacity: current.opacity }, placement: 'bottom' }] });
  }, [project, base, dispatch]);
}
