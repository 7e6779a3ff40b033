// The national map's colours reach its id-image layer as one RGBA array per
// colouring (deck-layers.ts keeps the same array while nothing changes), so the
// layer must tell a new colouring by the array's identity. deck.gl's
// `compare: true` on an object prop walks it through Object.keys instead: for
// England's 190k areas that listed 760k keys and cost ~45 ms every recolour.
import { describe, expect, it } from 'vitest';
import { _compareProps as compareProps } from '@deck.gl/core';
import { AreaRasterLayer } from '../../renderer/src/layers/area-raster-layer';
import type { AreaRaster } from '../../shared/cartography/area-raster';

const PROP_TYPES = Symbol.for('propTypes');

function layer(raster: AreaRaster, colours: Uint8Array) {
  return new AreaRasterLayer({ id: 'density:raster', raster, colours, bounds: raster.bounds } as never);
}

describe('the id-image layer', () => {
  const raster = { width: 2, height: 1, ids: Uint32Array.from([1, 2]), bounds: [0, 0, 1, 1] } as unknown as AreaRaster;
  const colours = Uint8Array.from([1, 2, 3, 255, 4, 5, 6, 255]);

  it('takes a new colour array as a change without reading it', () => {
    // Same content, new array: a deep comparison would call it unchanged, and would have to read every element to say so.
    const unread = new Proxy(new Uint8Array(colours), {
      ownKeys: () => {
        throw new Error('the colour array was walked');
      },
    });
    const before = layer(raster, colours);
    const after = layer(raster, unread as Uint8Array);
    const propTypes = (after.props as unknown as Record<symbol, object>)[PROP_TYPES];
    expect(compareProps({ newProps: after.props, oldProps: before.props, propTypes } as never)).toMatch(/^props\.colours changed/);
  });

  it('takes the same arrays as no change', () => {
    const before = layer(raster, colours);
    const after = layer(raster, colours);
    const propTypes = (after.props as unknown as Record<symbol, object>)[PROP_TYPES];
    expect(compareProps({ newProps: after.props, oldProps: before.props, propTypes } as never)).toBe(false);
  });
});
