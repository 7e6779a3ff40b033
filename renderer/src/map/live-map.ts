// What the workspace map draws now — the layer list with its classifications,
// the analysis data and the base-map tiles — for other views of the same map
// (the workbook's embedded map views), so they stay in step with the screen.
import { createContext, useContext } from 'react';
import type { DeckLayerData } from '../layers/deck-layers';
import type { LayerDef } from '../layers/types';
import type { LoadedProject } from '../project/types';
import type { TileBasemap } from './basemap-tile-style';

export interface LiveMap {
  project: LoadedProject;
  /** Bottom to top, as the layer panel holds them. */
  layers: LayerDef[];
  data: DeckLayerData;
  /** Bumped when analysis values are written onto the areas. */
  dataVersion: number;
  basemapTiles: TileBasemap | null;
}

export const LiveMapContext = createContext<LiveMap | null>(null);

export function useLiveMap(): LiveMap | null {
  return useContext(LiveMapContext);
}
