// While a what-if site is dragged, its bands and every deck layer above them
// move to a canvas of their own (drag-split.ts), drawn from getDragBands' flat
// arrays: each vertex takes its polygon's band colour from the layer's style.
import { describe, expect, it } from 'vitest';
import type { DragBands } from '../../shared/contract/drag-bands';
import { bandVertexColours } from '../../renderer/src/layers/drag-bands-layer';
import type { IsochroneStyle, LayerDef } from '../../renderer/src/layers/types';
import { liftedLayerIds } from '../../renderer/src/map/drag-split';

const style: IsochroneStyle = {
  type: 'isochrone-bands', mode: 'walk',
  bands: [{ minutes: 5, fromMinutes: 0, colour: '#ff0000' }, { minutes: 10, fromMinutes: 5, colour: '#00ff00' }],
};

describe('drag bands', () => {
  it('colours each vertex by its polygon’s band: a 10-minute square (4 vertices) then a 5-minute triangle (3)', () => {
    const bands = {
      minutes: [5, 10],
      positions: new Float64Array(14),
      polygonStarts: Uint32Array.from([0, 4, 7]),
      polygonBand: Uint32Array.from([1, 0]),
    } as unknown as DragBands;
    const green = [0, 255, 0, 255], red = [255, 0, 0, 255];
    expect([...bandVertexColours(bands, style)]).toEqual([...green, ...green, ...green, ...green, ...red, ...red, ...red]);
  });

  it('lifts the bands and the deck layers above them, not the base-map ones; nothing while the bands are hidden', () => {
    const layer = (id: string, drawnBy: 'deck' | 'basemap', visible = true) => ({ id, drawnBy, visible }) as LayerDef;
    const layers = [layer('segments', 'deck'), layer('roads', 'basemap'), layer('isochrones', 'deck'), layer('boundaries-OA', 'basemap'), layer('sites', 'deck'), layer('proposed-sites', 'deck', false)];
    expect([...liftedLayerIds(layers)!]).toEqual(['isochrones', 'sites', 'proposed-sites']);
    expect(liftedLayerIds(layers.map((l) => (l.id === 'isochrones' ? { ...l, visible: false } : l)))).toBeNull();
    expect(liftedLayerIds(layers.filter((l) => l.id !== 'isochrones'))).toBeNull();
  });
});
