// Area fills drawn straight from getAreaGeometry's typed arrays: positions
// and the main process's triangles go to the GPU as they are (no GeoJSON
// feature walk, no tessellation in the page), so a national level draws in
// the time it takes to upload its buffers. Colours stay one texel per area
// (FeatureColourExtension); here a texel per polygon, since deck.gl numbers
// the rows of binary data by polygon and an area may have several.
import { SolidPolygonLayer } from '@deck.gl/layers';
import type { Layer, PickingInfo } from '@deck.gl/core';
import type { FeatureCollection } from 'geojson';
import type { AreaGeometry } from '../../../shared/contract/area-geometry';
import { isManyPolygons } from '../project/area-index';
import { coarseAreas } from '../../../shared/cartography/coarse-areas';
import { areaRasterOf, type AreaDrawing } from './area-drawing';
import { AreaRasterLayer } from './area-raster-layer';

export interface BinaryFillProps {
  id: string;
  beforeId?: string;
  visible: boolean;
  opacity: number;
  pickable: boolean;
  /** RGBA per area, in the areas' order. */
  colours: Uint8Array;
  extensions: unknown[];
  onHover?: (info: PickingInfo) => void;
  onClick?: (info: PickingInfo) => void;
  /** What a national level is drawn from at the map's zoom (area-drawing.ts); absent: its polygons as they are. */
  drawing?: AreaDrawing;
}

/** Web Mercator radians: 0.94 px at zoom 8 (a pixel is 2π / 2^16 there), less further out. */
const COARSE_TOLERANCE = 9e-5;
const coarseCache = new WeakMap<AreaGeometry, AreaGeometry>();
/** The geometry drawn: a national level's coarse copy while zoomed out, built on first use and kept. */
function drawn(g: AreaGeometry, drawing: AreaDrawing): AreaGeometry {
  if (drawing !== 'coarse' || !isManyPolygons(g)) return g;
  let coarse = coarseCache.get(g);
  if (!coarse) coarseCache.set(g, (coarse = coarseAreas(g, COARSE_TOLERANCE)));
  return coarse;
}

const OPAQUE_WHITE = [255, 255, 255, 255];

// One data object per geometry, so deck.gl sees the same data and never re-uploads it.
const dataCache = new WeakMap<AreaGeometry, object>();
function binaryData(g: AreaGeometry): object {
  let data = dataCache.get(g);
  if (!data) {
    data = {
      length: g.polygonArea.length,
      startIndices: g.polygonStarts,
      attributes: { getPolygon: { value: g.positions, size: 2 }, indices: g.triangles },
    };
    dataCache.set(g, data);
  }
  return data;
}

// Per-polygon colours, kept while the per-area array is the same (so a re-render uploads nothing).
const polygonColourCache = new WeakMap<Uint8Array, Uint8Array>();
export function polygonColours(g: AreaGeometry, colours: Uint8Array): Uint8Array {
  const areas = new Uint32Array(colours.buffer, colours.byteOffset, colours.byteLength >> 2);
  let out = polygonColourCache.get(colours);
  if (!out) {
    const polygons = g.polygonArea.length;
    out = new Uint8Array(polygons * 4);
    const view = new Uint32Array(out.buffer);
    for (let p = 0; p < polygons; p++) view[p] = areas[g.polygonArea[p]];
    polygonColourCache.set(colours, out);
  }
  return out;
}

/** The picked polygon's area as the picked object, as a GeoJSON layer would give it. */
function withArea(areas: FeatureCollection, g: AreaGeometry, handler?: (info: PickingInfo) => void) {
  if (!handler) return undefined;
  return (info: PickingInfo) => {
    const area = info.index >= 0 && info.index < g.polygonArea.length ? areas.features[g.polygonArea[info.index]] : undefined;
    handler({ ...info, object: area ?? null, index: area ? g.polygonArea[info.index] : -1 });
  };
}

export function binaryAreaFill(areas: FeatureCollection, g: AreaGeometry, props: BinaryFillProps): Layer {
  const drawing = props.drawing ?? 'full';
  if (drawing === 'raster' && isManyPolygons(g)) {
    // Its own id: deck.gl must not hand a polygon layer's state to the image layer when the zoom crosses over.
    return new AreaRasterLayer({
      id: `${props.id}:raster`, beforeId: props.beforeId, visible: props.visible, opacity: props.opacity, pickable: false,
      raster: areaRasterOf(g), colours: props.colours, bounds: areaRasterOf(g).bounds,
    } as never);
  }
  return new SolidPolygonLayer({
    id: props.id,
    beforeId: props.beforeId,
    data: binaryData(drawn(g, drawing)),
    _normalize: false,
    positionFormat: 'XY',
    visible: props.visible,
    opacity: props.opacity,
    filled: true,
    extruded: false,
    // A national level is picked in the page (map/pick-in-page.ts): deck.gl's picking pass redraws every polygon.
    pickable: props.pickable && !isManyPolygons(g),
    autoHighlight: true,
    highlightColor: [255, 255, 255, 90],
    getFillColor: OPAQUE_WHITE,
    extensions: props.extensions,
    featureColours: polygonColours(g, props.colours),
    onHover: withArea(areas, g, props.onHover),
    onClick: withArea(areas, g, props.onClick),
  } as never);
}
