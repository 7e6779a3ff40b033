// The name a saved view is offered: what the map shows (the topmost visible
// area layer, the need layer by its indicator) and the level, never replacing
// a view already saved.
import { describe, expect, it } from 'vitest';
import { defaultViewName, viewSubject } from '../../renderer/src/presentation/view-name';
import type { LayerDef, LayerStyle } from '../../renderer/src/layers/types';

const INDICATOR = 'Smoking prevalence (illustrative)';

function layer(id: string, title: string, style: LayerStyle, visible = true, drawnBy: LayerDef['drawnBy'] = 'deck'): LayerDef {
  const source: LayerDef['source'] = id === 'need'
    ? { method: 'getScenarioAnalysis', input: { service: 'Stop smoking service', indicator: INDICATOR, mode: 'walk', presentation: false, includeProposed: false } }
    : { method: 'getSites', input: {} };
  return { id, title, subtitle: '', source, style, drawnBy, visible, opacity: 1, interactive: false };
}

const categorical: LayerStyle = { type: 'categorical-fill', field: 'segment', categories: [], otherColour: '#ccc', otherCount: 0 } as unknown as LayerStyle;
const graduated = { type: 'graduated-fill' } as unknown as LayerStyle;
const diverging = { type: 'diverging-fill' } as unknown as LayerStyle;
const sites = { type: 'site-symbols', categories: [], radius: 6 } as unknown as LayerStyle;
const isochrones = { type: 'isochrone-bands', bands: [] } as unknown as LayerStyle;
const roads = { type: 'road-lines', classes: [] } as unknown as LayerStyle;

/** Bottom to top, as the layer list keeps them. */
const segments = layer('segments', 'Geodemographic segment', categorical);
const need = layer('need', 'Need prevalence', graduated, false);
const uptake = layer('uptake', 'Uptake ratio', diverging, false);
const iso = layer('isochrones', 'Travel time to a site', isochrones, false);
const siteLayer = layer('sites', 'Service sites', sites);
const road = layer('roads', 'Roads', roads, true, 'basemap');

describe('the view a name is offered for', () => {
  it('is the segments when they are the only area layer shown, not the sites drawn over them', () => {
    expect(viewSubject([road, segments, need, uptake, iso, siteLayer])).toBe('Geodemographic segment');
  });

  it('is the uptake ratio over the segments: any area fill counts, not only categorical and graduated ones', () => {
    // The old naming looked only at categorical and graduated fills, so this view was named after the segments under it.
    expect(viewSubject([road, segments, need, { ...uptake, visible: true }, iso, siteLayer])).toBe('Uptake ratio');
  });

  it('names the need layer by its indicator', () => {
    expect(viewSubject([road, segments, { ...need, visible: true }, uptake, iso, siteLayer])).toBe(INDICATOR);
  });

  it('falls back to another thematic layer, then the sites, then the base map', () => {
    expect(viewSubject([road, { ...segments, visible: false }, need, uptake, { ...iso, visible: true }, siteLayer])).toBe('Travel time to a site');
    expect(viewSubject([road, { ...segments, visible: false }, need, uptake, iso, siteLayer])).toBe('Service sites');
    expect(viewSubject([road])).toBe('Base map');
  });
});

describe('the default name', () => {
  it('is "<what is shown> — <level>"', () => {
    expect(defaultViewName([segments, siteLayer], 'LSOA', [])).toBe('Geodemographic segment — LSOA');
  });

  it('is numbered past the names already saved, so accepting it never replaces a view', () => {
    const taken = ['Geodemographic segment — OA', 'Geodemographic segment — OA (2)'];
    expect(defaultViewName([segments], 'OA', taken)).toBe('Geodemographic segment — OA (3)');
    expect(defaultViewName([segments], 'LSOA', taken)).toBe('Geodemographic segment — LSOA');
  });
});
