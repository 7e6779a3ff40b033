// Where a presented view may go: right of the title-and-legend column, above
// the controls, and never squeezed to nothing on a small window.
import { describe, expect, it } from 'vitest';
import { boundsOf, clearPadding } from '../../renderer/src/presentation/fit-view';

// A 1366×768 screen in presentation: the map fills it.
const map = { left: 0, top: 0, right: 1366, bottom: 768 };

describe('the padding a view is fitted inside', () => {
  it('starts right of the title and legend column and ends above the controls', () => {
    // Column 28–348 px wide (a 320 px legend); controls 42 px high, 24 px off the bottom.
    const side = { left: 28, top: 24, right: 348, bottom: 744 };
    const controls = { left: 1098, top: 702, right: 1338, bottom: 744 };
    // left: 348 + 16; bottom: 768 − 702 + 16.
    expect(clearPadding(map, { side, controls })).toEqual({ top: 16, right: 16, bottom: 82, left: 364 });
  });

  it('measures from the map’s own box, wherever it sits on the page', () => {
    const shifted = { left: 100, top: 50, right: 1100, bottom: 650 };
    const side = { left: 128, top: 74, right: 428, bottom: 626 };
    expect(clearPadding(shifted, { side }).left).toBe(428 - 100 + 16);
  });

  it('leaves at least half the map to fit into when the column is very wide', () => {
    const narrow = { left: 0, top: 0, right: 800, bottom: 600 };
    const side = { left: 28, top: 24, right: 700, bottom: 576 };
    // Capped at 800 / 2 − 16.
    expect(clearPadding(narrow, { side }).left).toBe(384);
  });

  it('is a plain margin with nothing over the map', () => {
    expect(clearPadding(map, {})).toEqual({ top: 16, right: 16, bottom: 16, left: 16 });
  });
});

describe('the bounds kept with a saved view', () => {
  it('are read when they are four numbers, west < east and south < north', () => {
    expect(boundsOf({ bounds: [-0.8, 52.6, -0.7, 52.7] })).toEqual([-0.8, 52.6, -0.7, 52.7]);
  });

  it('are ignored when missing or malformed (older views fly to their centre and zoom)', () => {
    expect(boundsOf({})).toBeUndefined();
    expect(boundsOf({ bounds: [1, 2, 3] })).toBeUndefined();
    expect(boundsOf({ bounds: [-0.7, 52.6, -0.8, 52.7] })).toBeUndefined();
    expect(boundsOf({ bounds: ['a', 1, 2, 3] })).toBeUndefined();
  });
});
