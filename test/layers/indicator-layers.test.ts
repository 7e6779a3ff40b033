// An area indicator's map layer is a graduated fill like the others: the
// legend lists its classes with counts and states the level method as its
// note, the hover card shows the area's value, and the analyst's classing
// survives a re-read. Values here are made up for the arithmetic.
import type { Feature, FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import { layerDetail } from '../../renderer/src/components/hover-text';
import { applyIndicator, indicatorLayer, indicatorStubLayer, type IndicatorLayerData } from '../../renderer/src/layers/indicator-layers';
import { legendFor } from '../../renderer/src/legend/legend-model';

const areas = (n: number): FeatureCollection => ({
  type: 'FeatureCollection',
  features: Array.from({ length: n }, (_, i): Feature => ({ type: 'Feature', geometry: null as never, properties: { code: `A${i + 1}` } })),
});
const data = (name: string, kind: IndicatorLayerData['indicator']['kind'], values: number[], method = `${name} (${kind}) at LSOA: as imported at LSOA`): IndicatorLayerData => ({
  indicator: { name, level: 'LSOA', kind, note: null }, level: 'LSOA', method, problem: null,
  values: values.map((value, i) => ({ code: `A${i + 1}`, value })),
});

describe('indicator layers', () => {
  it('draws deciles in five classes of two, with the method as the legend note', () => {
    // Eleven areas, the eleventh without a value: deciles 1..10 → two in each class.
    const fc = areas(11);
    const d = data('imd_decile', 'decile', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    applyIndicator(fc, d);
    expect(fc.features[10].properties!['indicator:imd_decile']).toBeNull();
    const layer = indicatorLayer(fc.features, d, undefined);
    expect(layer.id).toBe('indicator:imd_decile');
    expect(layer.source).toEqual({ method: 'getAreaIndicatorLayer', input: { indicator: 'imd_decile', level: 'LSOA' } });
    const legend = legendFor({ ...layer, visible: true });
    expect(legend.entries.map((e) => [e.label, e.count])).toEqual([['1 to under 3', 2], ['3 to under 5', 2], ['5 to under 7', 2], ['7 to under 9', 2], ['9 and over', 2]]);
    expect(legend.notice).toBe('imd_decile (decile) at LSOA: as imported at LSOA');
    expect(legend.subtitle).toBe('Decile · Manual breaks');
  });

  it('shows a share with its decimals on hover, and keeps the analyst\'s classes when the values are read again', () => {
    const fc = areas(4);
    const d = data('households_without_car_pct', 'rate', [6.069, 3.5, 12.25, 20]);
    applyIndicator(fc, d);
    const layer = indicatorLayer(fc.features, d, undefined);
    expect(layerDetail(layer, fc.features[0].properties!)).toBe('6.07 %');
    expect(layerDetail(layer, {})).toBe('No value');
    const manual = { ...layer, visible: true, style: { ...(layer.style as Extract<typeof layer.style, { type: 'graduated-fill' }>), method: 'manual' as const, breaks: [10] } };
    const again = indicatorLayer(fc.features, d, manual);
    expect(again.visible).toBe(true);
    expect(again.style.type === 'graduated-fill' && [again.style.method, again.style.breaks, again.style.counts]).toEqual(['manual', [10], [2, 2]]);
  });
});

describe('indicator layers before and without values', () => {
  it('lists a layer before its values are read, and says why a level has none', () => {
    const fc = areas(3);
    const indicator = { name: 'made_up_decile', level: 'OA', kind: 'decile' as const, note: null };
    const stub = indicatorStubLayer(fc.features, indicator, 'LSOA');
    expect(stub.id).toBe('indicator:made_up_decile');
    expect(legendFor({ ...stub, visible: true }).entries.map((e) => e.label)).toEqual(['No values']);
    expect(stub.notice).toBe('Reading the values…');
    const none = { indicator, level: 'LSOA', method: 'made_up_decile (decile) at LSOA: deciles are not averaged', problem: 'deciles are not averaged, so there is no LSOA value; use the score at LSOA instead', values: [] };
    applyIndicator(fc, none);
    const empty = indicatorLayer(fc.features, none, stub);
    expect(legendFor({ ...empty, visible: true }).notice).toBe('No values: deciles are not averaged, so there is no LSOA value; use the score at LSOA instead');
    expect(layerDetail(empty, fc.features[0].properties!)).toBe('No value');
  });
});

describe('reading the values of a listed layer', () => {
  it('classes them afresh: the listed layer\'s empty classes are not kept', () => {
    const fc = areas(10);
    const d = data('imd_decile', 'decile', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const stub = indicatorStubLayer(fc.features, d.indicator, 'LSOA');
    applyIndicator(fc, d);
    const loaded = indicatorLayer(fc.features, d, { ...stub, visible: true });
    expect(loaded.visible).toBe(true);
    expect(loaded.style.type === 'graduated-fill' && loaded.style.counts).toEqual([2, 2, 2, 2, 2]);
  });
});
