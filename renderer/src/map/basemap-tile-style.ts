// Style layers for a user's offline tile file. Raster tiles draw as they are;
// vector tiles need a style, and we have no glyphs offline, so symbol layers
// are never made (place labels stay with deck.gl's TextLayer).
import type { LayerSpecification, SourceSpecification, StyleSpecification } from 'maplibre-gl';
import type { BasemapInfo } from '../../../shared/contract';

export const TILE_SOURCE_ID = 'basemap-tiles';
/** Every style layer made here starts with this, so they can be found and removed together. */
export const TILE_LAYER_PREFIX = 'basemap-tiles:';

export interface TileBasemap {
  info: BasemapInfo;
  /** Tile URL template with {z}/{x}/{y}, on the app's own origin. */
  url: string;
}

// OS Open Zoomstack's vector layer names (OS's Light style uses the same ones).
const ZOOMSTACK_LAYERS = ['sea', 'land', 'national_parks', 'urban_areas', 'greenspace', 'greenspaces', 'woodland', 'surfacewater', 'foreshore', 'waterlines', 'buildings', 'local_buildings', 'district_buildings', 'roads', 'rail', 'boundaries', 'sites', 'names'];

const LIGHT = {
  water: '#d3dbde',
  land: '#f3f2ef',
  urban: '#ebe9e4',
  green: '#e4e9de',
  wood: '#dde4d7',
  building: '#e2e0db',
  site: '#efebe4',
  foreshore: '#ecebe6',
  roadCasing: '#d6d3cd',
  road: '#ffffff',
  rail: '#c4c4c4',
  boundary: '#c6c0cc',
  genericFill: '#e8e7e3',
  genericLine: '#cdcbc6',
};

export function looksLikeZoomstack(info: BasemapInfo): boolean {
  const ids = new Set(info.vectorLayers.map((l) => l.id));
  return ZOOMSTACK_LAYERS.filter((id) => ids.has(id)).length >= 5 && ids.has('roads');
}

function widths(stops: [number, number][]): unknown {
  return ['interpolate', ['exponential', 1.5], ['zoom'], ...stops.flat()];
}

function zoomstackLayers(info: BasemapInfo): LayerSpecification[] {
  const source = TILE_SOURCE_ID;
  const has = new Set(info.vectorLayers.map((l) => l.id));
  const fill = (layer: string, colour: string, extra: Partial<LayerSpecification> = {}): LayerSpecification[] =>
    has.has(layer) ? [{ id: `${TILE_LAYER_PREFIX}${layer}`, type: 'fill', source, 'source-layer': layer, paint: { 'fill-color': colour }, ...extra } as LayerSpecification] : [];
  const line = (id: string, layer: string, paint: Record<string, unknown>, extra: Record<string, unknown> = {}): LayerSpecification[] =>
    has.has(layer) ? [{ id: `${TILE_LAYER_PREFIX}${id}`, type: 'line', source, 'source-layer': layer, layout: { 'line-join': 'round' }, paint, ...extra } as LayerSpecification] : [];
  const major = ['Motorway', 'Primary', 'A Road'];
  const roadWidth = ['match', ['get', 'type'], major, 1.6, ['B Road', 'Minor'], 1.1, 0.7];
  return [
    ...fill('land', LIGHT.land),
    ...fill('sea', LIGHT.water),
    ...fill('national_parks', LIGHT.green, { maxzoom: 12, paint: { 'fill-color': LIGHT.green, 'fill-opacity': 0.5 } } as Partial<LayerSpecification>),
    ...fill('urban_areas', LIGHT.urban, { maxzoom: 12 } as Partial<LayerSpecification>),
    ...fill('sites', LIGHT.site),
    ...fill('greenspace', LIGHT.green),
    ...fill('greenspaces', LIGHT.green),
    ...fill('woodland', LIGHT.wood),
    ...fill('foreshore', LIGHT.foreshore),
    ...fill('surfacewater', LIGHT.water),
    ...line('waterlines', 'waterlines', { 'line-color': LIGHT.water, 'line-width': 1 }),
    ...fill('buildings', LIGHT.building, { minzoom: 13 } as Partial<LayerSpecification>),
    ...fill('local_buildings', LIGHT.building, { minzoom: 13 } as Partial<LayerSpecification>),
    ...fill('district_buildings', LIGHT.building, { maxzoom: 13 } as Partial<LayerSpecification>),
    ...line('rail', 'rail', { 'line-color': LIGHT.rail, 'line-width': 1 }),
    // Casings under all roads, then the fills: the usual two-pass road drawing.
    ...line('roads:casing', 'roads', { 'line-color': LIGHT.roadCasing, 'line-width': ['*', roadWidth, widths([[8, 1.2], [12, 3], [16, 12]])] }, { minzoom: 8 }),
    ...line('roads', 'roads', { 'line-color': LIGHT.road, 'line-width': ['*', roadWidth, widths([[8, 0.6], [12, 2], [16, 10]])] }, { minzoom: 8 }),
    ...line('boundaries', 'boundaries', { 'line-color': LIGHT.boundary, 'line-width': 1, 'line-dasharray': [3, 2] }),
  ];
}

/** Any other vector tiles: polygons as pale fills, every line and outline in light grey. */
function genericLayers(info: BasemapInfo): LayerSpecification[] {
  return info.vectorLayers.flatMap((l): LayerSpecification[] => [
    {
      id: `${TILE_LAYER_PREFIX}${l.id}:fill`,
      type: 'fill',
      source: TILE_SOURCE_ID,
      'source-layer': l.id,
      filter: ['==', ['geometry-type'], 'Polygon'],
      paint: { 'fill-color': LIGHT.genericFill, 'fill-opacity': 0.6 },
    },
    {
      id: `${TILE_LAYER_PREFIX}${l.id}:line`,
      type: 'line',
      source: TILE_SOURCE_ID,
      'source-layer': l.id,
      filter: ['!=', ['geometry-type'], 'Point'],
      paint: { 'line-color': LIGHT.genericLine, 'line-width': 0.6 },
    },
  ]);
}

export function tileBasemapStyle({ info, url }: TileBasemap): { source: SourceSpecification; layers: LayerSpecification[] } {
  const common = { tiles: [url], minzoom: info.minzoom, maxzoom: info.maxzoom, bounds: info.bounds, ...(info.attribution ? { attribution: info.attribution } : {}) };
  if (info.format !== 'pbf') {
    return {
      // The archive's own tile size: 512-px tiles drawn as 256 would show every label and line at half size.
      source: { type: 'raster', tileSize: info.tileSize ?? 256, ...common },
      layers: [{ id: `${TILE_LAYER_PREFIX}raster`, type: 'raster', source: TILE_SOURCE_ID, paint: { 'raster-fade-duration': 0 } }],
    };
  }
  return { source: { type: 'vector', ...common }, layers: looksLikeZoomstack(info) ? zoomstackLayers(info) : genericLayers(info) };
}

/**
 * The one placement rule for the tile layers, on the live map and in print alike:
 * straight above the background, so the project's outlines, roads and deck.gl
 * layers all draw over them. The id of the layer they go before; undefined: on top.
 */
export function tileLayersBefore(layers: readonly { id: string; type: string }[]): string | undefined {
  return layers.find((l) => l.type !== 'background')?.id;
}

/** A style with the tile file already in place, for a map made from it (the print page makes one per print). */
export function withTileBasemap(style: StyleSpecification, tiles: TileBasemap | null): StyleSpecification {
  if (!tiles) return style;
  const { source, layers } = tileBasemapStyle(tiles);
  const before = tileLayersBefore(style.layers);
  const at = before === undefined ? style.layers.length : style.layers.findIndex((l) => l.id === before);
  return { ...style, sources: { ...style.sources, [TILE_SOURCE_ID]: source }, layers: [...style.layers.slice(0, at), ...layers, ...style.layers.slice(at)] };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', copy: '©' };

/**
 * The file's attribution as a printed credit. TileJSON attributions are HTML
 * (usually a link round "© OpenStreetMap contributors"); a print has no links,
 * so only the words are kept. Null when the file names no one.
 */
export function tileCredit(info: BasemapInfo): string | null {
  if (!info.attribution) return null;
  const text = info.attribution
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] !== '#') return ENTITIES[name.toLowerCase()] ?? whole;
      const code = name[1].toLowerCase() === 'x' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    })
    .replace(/\s+/g, ' ')
    // A tag became a space so words either side stay apart; none belongs before punctuation.
    .replace(/ ([,.;:)])/g, '$1')
    .trim();
  return text || null;
}
