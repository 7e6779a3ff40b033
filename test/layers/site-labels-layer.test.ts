// Every layer change rebuilds the deck layer list, the site label layer with it
// (drawLayers): a recolour of the national map's 190k areas gave it new but
// equal groups, and it placed every label again (projecting and measuring
// each site's, 300 in a project) before the recoloured frame. It now keeps its
// places unless the view, its sites, their look or opacity, the font or the
// priorities changed.
import { describe, expect, it } from 'vitest';
import type { Layer } from '@deck.gl/core';
import { siteLabelGroup, siteLabelsLayer, type DeckLayerData } from '../../renderer/src/layers/deck-layers';
import type { LayerDef } from '../../renderer/src/layers/types';
import type { Site } from '../../renderer/src/project/types';

const sites = [
  { id: 1, code: 'A1', name: 'Oakham Surgery', lon: -0.73, lat: 52.67, type: 'gp' },
  { id: 2, code: 'A2', name: 'Uppingham Surgery', lon: -0.72, lat: 52.59, type: 'gp' },
] as unknown as Site[];
const data = { sites, isochrones: null, hexbins: null, peopleServed: new Map([[1, 100]]) } as unknown as DeckLayerData;

function def(patch: Partial<LayerDef> = {}): LayerDef {
  return {
    id: 'sites',
    title: 'Sites',
    subtitle: '',
    source: { kind: 'sites' },
    style: { type: 'site-symbols', field: 'type', categories: [], radius: 6, labels: true },
    drawnBy: 'deck',
    visible: true,
    opacity: 1,
    interactive: true,
    ...patch,
  } as LayerDef;
}

/** The label layer as drawLayers builds it, for these layer definitions and data. */
const labels = (defs: LayerDef[], d = data) => siteLabelsLayer(defs.flatMap((x) => siteLabelGroup(x, d) ?? []), d);

/** Whether `next`, matched with `previous` on a change of props alone (the view unchanged), places its labels again. */
function replaces(previous: Layer, next: Layer): boolean {
  const changeFlags = { somethingChanged: true, propsChanged: 'props.groups changed shallowly', propsOrDataChanged: true, dataChanged: false, viewportChanged: false, stateChanged: false, updateTriggersChanged: false, extensionsChanged: false };
  return (next as unknown as { shouldUpdateState(p: object): boolean }).shouldUpdateState({ changeFlags, props: next.props, oldProps: previous.props, context: {} });
}

describe('the site label layer across layer changes', () => {
  it('keeps its places when rebuilt with equal labels (another layer recoloured)', () => {
    const before = labels([def()]);
    const after = labels([def()]);
    // New group and look objects each build: an identity check would always say "changed".
    expect((after.props as unknown as { groups: unknown[] }).groups[0]).not.toBe((before.props as unknown as { groups: unknown[] }).groups[0]);
    expect(replaces(before, after)).toBe(false);
  });

  it('places them again when the sites, their look, opacity, priorities, the groups or the view change', () => {
    const before = labels([def()]);
    expect(replaces(before, labels([def({ opacity: 0.5 })]))).toBe(true);
    expect(replaces(before, labels([def({ style: { type: 'site-symbols', field: 'type', categories: [], radius: 9, labels: true } })]))).toBe(true);
    expect(replaces(before, labels([def()], { ...data, sites: [...sites] }))).toBe(true);
    expect(replaces(before, labels([def()], { ...data, peopleServed: new Map([[2, 100]]) }))).toBe(true);
    expect(replaces(before, labels([]))).toBe(true);
    const after = labels([def()]);
    const moved = { somethingChanged: true, viewportChanged: true, propsChanged: false, dataChanged: false, stateChanged: false, updateTriggersChanged: false, extensionsChanged: false };
    expect((after as unknown as { shouldUpdateState(p: object): boolean }).shouldUpdateState({ changeFlags: moved, props: after.props, oldProps: before.props })).toBe(true);
  });
});
