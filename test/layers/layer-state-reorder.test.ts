// Reordering the layer list (bottom to top): one pure way to move a layer, used
// by the Move up / Move down buttons, Alt+↑ / Alt+↓ and drag and drop.
import { describe, expect, it } from 'vitest';
import { dropIndex, layersReducer } from '../../renderer/src/layers/layer-state';
import type { LayerDef } from '../../renderer/src/layers/types';

function layer(id: string): LayerDef {
  return {
    id,
    title: id,
    subtitle: '',
    source: { method: 'getSites', input: {} },
    style: { type: 'outline', colour: '#000000', width: 1, label: id },
    drawnBy: 'deck',
    visible: true,
    opacity: 1,
    interactive: false,
  };
}

/** Bottom to top, as the reducer keeps them: `a` is drawn first, `e` on top. */
const layers = ['a', 'b', 'c', 'd', 'e'].map(layer);
const ids = (list: LayerDef[]) => list.map((l) => l.id).join('');

describe("the 'moveTo' action", () => {
  it('moves a layer up the drawing order', () => {
    expect(ids(layersReducer(layers, { type: 'moveTo', id: 'b', index: 3 }))).toBe('acdbe');
  });

  it('moves a layer down the drawing order', () => {
    expect(ids(layersReducer(layers, { type: 'moveTo', id: 'd', index: 1 }))).toBe('adbce');
  });

  it('moves a layer to the top and to the bottom', () => {
    expect(ids(layersReducer(layers, { type: 'moveTo', id: 'a', index: 4 }))).toBe('bcdea');
    expect(ids(layersReducer(layers, { type: 'moveTo', id: 'e', index: 0 }))).toBe('eabcd');
  });

  it('clamps an index past either end', () => {
    expect(ids(layersReducer(layers, { type: 'moveTo', id: 'b', index: 99 }))).toBe('acdeb');
    expect(ids(layersReducer(layers, { type: 'moveTo', id: 'd', index: -3 }))).toBe('dabce');
  });

  it('returns the same list when nothing moves or the id is unknown', () => {
    expect(layersReducer(layers, { type: 'moveTo', id: 'c', index: 2 })).toBe(layers);
    expect(layersReducer(layers, { type: 'moveTo', id: 'e', index: 7 })).toBe(layers);
    expect(layersReducer(layers, { type: 'moveTo', id: 'nope', index: 1 })).toBe(layers);
    expect(layersReducer(layers, { type: 'moveTo', id: 'c', index: Number.NaN })).toBe(layers);
  });

  it('keeps every layer object and leaves the input alone', () => {
    const before = ids(layers);
    const next = layersReducer(layers, { type: 'moveTo', id: 'a', index: 2 });
    expect(ids(layers)).toBe(before);
    expect(new Set(next)).toEqual(new Set(layers));
  });
});

describe("the 'move' action (one step, through 'moveTo')", () => {
  it('+1 moves towards the top of the map, -1 towards the bottom', () => {
    expect(ids(layersReducer(layers, { type: 'move', id: 'b', by: 1 }))).toBe('acbde');
    expect(ids(layersReducer(layers, { type: 'move', id: 'b', by: -1 }))).toBe('bacde');
  });

  it('is a no-op past either end or for an unknown id', () => {
    expect(layersReducer(layers, { type: 'move', id: 'e', by: 1 })).toBe(layers);
    expect(layersReducer(layers, { type: 'move', id: 'a', by: -1 })).toBe(layers);
    expect(layersReducer(layers, { type: 'move', id: 'nope', by: 1 })).toBe(layers);
  });
});

describe('dropIndex: where a dragged layer lands', () => {
  const moveNextTo = (id: string, target: string, side: 'above' | 'below') => {
    const index = dropIndex(layers, id, target, side);
    return index === null ? null : ids(layersReducer(layers, { type: 'moveTo', id, index }));
  };

  it('drops just above or just below the target on the map, dragging up or down', () => {
    // Dragged up (towards the top of the panel and of the map).
    expect(moveNextTo('b', 'd', 'above')).toBe('acdbe');
    expect(moveNextTo('b', 'd', 'below')).toBe('acbde');
    // Dragged down.
    expect(moveNextTo('d', 'b', 'below')).toBe('adbce');
    expect(moveNextTo('d', 'b', 'above')).toBe('abdce');
  });

  it('drops on the top and the bottom', () => {
    expect(moveNextTo('a', 'e', 'above')).toBe('bcdea');
    expect(moveNextTo('e', 'a', 'below')).toBe('eabcd');
  });

  it('gives the current place for a drop next to itself or on itself', () => {
    expect(dropIndex(layers, 'c', 'b', 'above')).toBe(2);
    expect(dropIndex(layers, 'c', 'd', 'below')).toBe(2);
    expect(dropIndex(layers, 'c', 'c', 'above')).toBe(2);
  });

  it('gives null for an unknown layer or target', () => {
    expect(dropIndex(layers, 'nope', 'b', 'above')).toBeNull();
    expect(dropIndex(layers, 'b', 'nope', 'above')).toBeNull();
  });
});
