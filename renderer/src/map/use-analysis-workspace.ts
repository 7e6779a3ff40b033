// Everything App needs for the analysis map in one hook: the analysis itself,
// placing and dragging what-if sites, and the extra data the map draws.
import { useCallback, useMemo, useState, type Dispatch } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { newSite } from '../components/AnalysisPanel';
import type { LayerAction } from '../layers/layer-state';
import type { LayerDef } from '../layers/types';
import type { LoadedProject } from '../project/types';
import { useAnalysis } from './use-analysis';
import { useProposedEditing } from './proposed-editing';
import { useSiteDrag } from './use-site-drag';
import { usePopulationBaseLayer } from './use-population-base';
import { areaPopulations, peopleServedBySite } from '../layers/site-labels';
import { useIndicatorLayers } from './use-indicator-layers';
import { useTransitIsochrones } from '../transit/use-transit-isochrones';

export function useAnalysisWorkspace(project: LoadedProject | null, map: MapLibreMap | null, presenting: boolean, layers: LayerDef[], dispatch: Dispatch<LayerAction>) {
  const view = useAnalysis(project, presenting, layers, dispatch);
  usePopulationBaseLayer(project, view.choice?.base, layers, dispatch);
  useIndicatorLayers(project, layers, dispatch);
  const transitIsochrones = useTransitIsochrones(project, view.choice?.service, layers, dispatch);
  const [placing, setPlacing] = useState(false);
  const drag = useSiteDrag(map, view.choice, layers, view.error);

  useProposedEditing(map, {
    placing,
    proposed: view.proposed,
    onPlace: (lon, lat) => {
      setPlacing(false);
      void view.saveProposed([...view.proposed, newSite(view.proposed.length, [lon, lat])]);
    },
    onDrag: (sites, done) => (done ? void view.saveProposed(sites) : drag.move(sites)),
    onDragStart: drag.start,
    onDragEnd: drag.end,
  });

  const mapCentre = useCallback((): [number, number] | null => {
    const c = map?.getCenter();
    return c ? [c.lng, c.lat] : null;
  }, [map]);

  // Which site labels win space: the people each site is nearest to in the coverage the map shows.
  const peopleServed = useMemo(() => (project ? peopleServedBySite(areaPopulations(project.areas), view.coverage) : undefined), [project, view.coverage]);
  const extraData = useMemo(
    () => ({ sites: view.sites, isochrones: view.isochrones, transitIsochrones, hexbins: view.hexbins, proposed: view.proposed, peopleServed }),
    [view.sites, view.isochrones, transitIsochrones, view.hexbins, view.proposed, peopleServed],
  );

  return { view, placing, setPlacing, mapCentre, extraData };
}
