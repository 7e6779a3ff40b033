// The maplibre layers made for a tile file: raster as is, Zoomstack-like vector
// tiles with a light style, anything else in greys — and never a symbol layer,
// since labels would need glyphs from the network. Then where they go in a style
// (one rule for the live map and the print page) and how a print credits them.
import { describe, expect, it } from 'vitest';
import type { BasemapInfo } from '../../shared/contract';
import type { StyleSpecification } from 'maplibre-gl';
import { looksLikeZoomstack, TILE_SOURCE_ID, tileBasemapStyle, tileCredit, tileLayersBefore, withTileBasemap } from '../../renderer/src/map/basemap-tile-style';

const base: BasemapInfo = { kind: 'mbtiles', path: '/m.mbtiles', name: 'm', format: 'png', bounds: [-2, 50, 1, 55], minzoom: 0, maxzoom: 14, attribution: null, vectorLayers: [], tileSize: 256, version: 'abc' };
const url = 'http://127.0.0.1:1/tiles/{z}/{x}/{y}.png?token=t&v=abc';

describe('tile base-map style', () => {
  it('draws raster tiles as one raster layer on the app origin, within the file bounds and zooms', () => {
    const { source, layers } = tileBasemapStyle({ info: base, url });
    expect(source).toMatchObject({ type: 'raster', tiles: [url], bounds: [-2, 50, 1, 55], minzoom: 0, maxzoom: 14 });
    expect(layers.map((l) => l.type)).toEqual(['raster']);
  });

  it("gives maplibre the archive's own raster tile size, so 512-px tiles are not drawn at half scale", () => {
    expect(tileBasemapStyle({ info: base, url }).source).toMatchObject({ type: 'raster', tileSize: 256 });
    expect(tileBasemapStyle({ info: { ...base, tileSize: 512 }, url }).source).toMatchObject({ type: 'raster', tileSize: 512 });
    expect(tileBasemapStyle({ info: { ...base, format: 'webp', tileSize: 512 }, url }).source).toMatchObject({ type: 'raster', tileSize: 512 });
    // An older main process (or none measured): maplibre's raster default.
    expect(tileBasemapStyle({ info: { ...base, tileSize: null }, url }).source).toMatchObject({ type: 'raster', tileSize: 256 });
  });

  it('recognises OS Open Zoomstack and styles its layers without symbols', () => {
    const ids = ['sea', 'national_parks', 'urban_areas', 'greenspace', 'woodland', 'surfacewater', 'waterlines', 'roads', 'rail', 'buildings', 'names', 'boundaries'];
    const info: BasemapInfo = { ...base, format: 'pbf', vectorLayers: ids.map((id) => ({ id })) };
    expect(looksLikeZoomstack(info)).toBe(true);
    const { source, layers } = tileBasemapStyle({ info, url });
    expect(source.type).toBe('vector');
    expect(layers.some((l) => l.type === 'symbol')).toBe(false);
    const used = new Set(layers.map((l) => (l as { 'source-layer'?: string })['source-layer']));
    for (const id of ['sea', 'woodland', 'roads', 'buildings']) expect(used.has(id)).toBe(true);
    expect(used.has('names')).toBe(false);
  });

  it('draws any other vector tiles as grey fills and lines, one pair per layer', () => {
    const info: BasemapInfo = { ...base, format: 'pbf', vectorLayers: [{ id: 'water' }, { id: 'transportation' }, { id: 'place' }] };
    expect(looksLikeZoomstack(info)).toBe(false);
    const { layers } = tileBasemapStyle({ info, url });
    expect(layers).toHaveLength(6);
    expect(new Set(layers.map((l) => l.type))).toEqual(new Set(['fill', 'line']));
  });
});

describe('tile base map in a composed style (the print page)', () => {
  const style: StyleSpecification = {
    version: 8,
    sources: { roads: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } } },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#f3f2ef' } },
      { id: 'roads:casing:major', type: 'line', source: 'roads' },
      { id: 'roads:major', type: 'line', source: 'roads' },
    ],
  };

  it('puts the tile layers straight above the background, under everything the project draws', () => {
    const composed = withTileBasemap(style, { info: base, url });
    expect(composed.layers.map((l) => l.id)).toEqual(['background', 'basemap-tiles:raster', 'roads:casing:major', 'roads:major']);
    expect(composed.sources[TILE_SOURCE_ID]).toMatchObject({ type: 'raster', tiles: [url], tileSize: 256 });
    expect(composed.sources.roads).toBe(style.sources.roads);
    // The style it was given is left as it was.
    expect(style.layers).toHaveLength(3);
    expect(withTileBasemap(style, null)).toBe(style);
  });

  it('shares its placement rule with the live map: before the first layer that is not a background', () => {
    expect(tileLayersBefore(style.layers)).toBe('roads:casing:major');
    expect(tileLayersBefore([{ id: 'background', type: 'background' }, { id: 'deck-segments', type: 'custom' }])).toBe('deck-segments');
    expect(tileLayersBefore([{ id: 'background', type: 'background' }])).toBeUndefined();
    const onlyBackground = withTileBasemap({ ...style, layers: [style.layers[0]] }, { info: base, url });
    expect(onlyBackground.layers.map((l) => l.id)).toEqual(['background', 'basemap-tiles:raster']);
  });

  it('credits the file with the words of its HTML attribution', () => {
    expect(tileCredit(base)).toBeNull();
    expect(tileCredit({ ...base, attribution: '<a href="https://www.openstreetmap.org/copyright">&copy; OpenStreetMap contributors</a>, <b>OS</b> &#169; &amp; &#xA9; Crown' })).toBe(
      '© OpenStreetMap contributors, OS © & © Crown',
    );
    expect(tileCredit({ ...base, attribution: '<span> </span>' })).toBeNull();
    expect(tileCredit({ ...base, attribution: 'Tiles &bogus; here' })).toBe('Tiles &bogus; here');
  });
});
