// A national level drawn from its id image (area-drawing.ts): one quad over
// the image's bounds whose fragment shader reads the area id under each
// pixel and that area's colour from a texel per area. A frame costs a texture
// lookup a pixel however many areas there are, and a recolour rewrites the
// colour texels (190k for England) and draws one such frame. It is BitmapLayer
// (its quad, bounds and Web Mercator texture coordinates) with this shader and
// textures; never picked by deck.gl (the page reads the image: pick-in-page.ts).
import { BitmapLayer, type BitmapLayerProps } from '@deck.gl/layers';
import type { DefaultProps, UpdateParameters } from '@deck.gl/core';
import type { Device, Texture } from '@luma.gl/core';
import type { AreaRaster } from '../../../shared/cartography/area-raster';
import { ColourTexture } from './colour-texture';

export interface AreaRasterLayerProps {
  raster: AreaRaster;
  /** RGBA per area, in the areas' order (id - 1). */
  colours: Uint8Array;
}

// The ids are the image's bytes as they lie in memory: a little-endian Uint32
// id is r + 256 g + 65536 b (a is 0 below 16.7M areas). 0 is no area.
const fs = /* glsl */ `\
#version 300 es
#define SHADER_NAME area-raster-fragment-shader
precision highp float;
precision highp int;

uniform sampler2D bitmapTexture;
uniform sampler2D areaColours;

in vec2 vTexCoord;
in vec2 vTexPos;

out vec4 fragColor;

void main(void) {
  ivec2 size = textureSize(bitmapTexture, 0);
  ivec2 pixel = clamp(ivec2(floor(vTexCoord * vec2(size))), ivec2(0), size - 1);
  ivec4 b = ivec4(texelFetch(bitmapTexture, pixel, 0) * 255.0 + 0.5);
  int id = b.r + b.g * 256 + b.b * 65536;
  ivec2 grid = textureSize(areaColours, 0);
  if (id == 0 || id > grid.x * grid.y) discard;
  int i = id - 1;
  vec4 colour = texelFetch(areaColours, ivec2(i % grid.x, i / grid.x), 0);
  fragColor = vec4(colour.rgb, colour.a * layer.opacity);
  geometry.uv = vTexCoord;
  DECKGL_FILTER_COLOR(fragColor, geometry);
}
`;

// One id texture per image and device, however many fill layers draw it (each
// area fill of the level is a layer): 38 MB for England, freed with the last.
const idTextures = new WeakMap<Device, Map<AreaRaster, { texture: Texture; users: number }>>();

function acquireIds(device: Device, raster: AreaRaster): Texture {
  let byRaster = idTextures.get(device);
  if (!byRaster) idTextures.set(device, (byRaster = new Map()));
  let held = byRaster.get(raster);
  if (!held) {
    const texture = device.createTexture({ id: 'area-ids', format: 'rgba8unorm', width: raster.width, height: raster.height, mipLevels: 1, sampler: { minFilter: 'nearest', magFilter: 'nearest' } });
    texture.writeData(new Uint8Array(raster.ids.buffer, raster.ids.byteOffset, raster.ids.byteLength), { width: raster.width, height: raster.height });
    byRaster.set(raster, (held = { texture, users: 0 }));
  }
  held.users++;
  return held.texture;
}

function releaseIds(device: Device, raster: AreaRaster): void {
  const byRaster = idTextures.get(device);
  const held = byRaster?.get(raster);
  if (!held || --held.users > 0) return;
  held.texture.destroy();
  byRaster!.delete(raster);
}

interface RasterState {
  colours: ColourTexture;
  /** The image whose id texture this layer holds (taken on first draw, so a hidden layer holds none). */
  held: AreaRaster | null;
  ids: Texture | null;
}

type Props = AreaRasterLayerProps & BitmapLayerProps;

export class AreaRasterLayer extends BitmapLayer<Props> {
  static override layerName = 'AreaRasterLayer';
  // Compared by identity: deck.gl's `compare: true` deep-compares an object prop through Object.keys,
  // which for a typed array lists every element (190k areas' colours: 760k keys, ~45 ms a recolour).
  static override defaultProps: DefaultProps<Props> = {
    raster: { type: 'object', value: null as never, compare: false },
    colours: { type: 'object', value: null as never, compare: false },
  } as never;

  private get raster(): RasterState {
    return (this.state as unknown as { raster: RasterState }).raster;
  }

  override getShaders() {
    return { ...super.getShaders(), fs };
  }

  override initializeState(): void {
    super.initializeState();
    this.setState({ raster: { colours: new ColourTexture(this.context.device, `${this.id}-area-colours`), held: null, ids: null } satisfies RasterState });
  }

  override updateState(params: UpdateParameters<this>): void {
    super.updateState(params);
    const { props, oldProps } = params;
    // Identity is the signal: the layer builders keep one colour array per colouring.
    if (props.colours !== oldProps.colours) this.raster.colours.write(props.colours);
  }

  override draw(opts: { shaderModuleProps: { picking: { isActive?: boolean } } }): void {
    const { model } = this.state as unknown as { model?: { shaderInputs: { setProps(p: object): void }; setBindings(b: object): void; draw(pass: unknown): void } };
    if (!model || opts.shaderModuleProps.picking.isActive) return;
    const state = this.raster;
    if (state.held !== this.props.raster) {
      if (state.held) releaseIds(this.context.device, state.held);
      state.ids = acquireIds(this.context.device, this.props.raster);
      state.held = this.props.raster;
    }
    model.shaderInputs.setProps({ bitmap: { bitmapTexture: state.ids, bounds: [0, 0, 0, 0], coordinateConversion: 0, desaturate: 0, tintColor: [1, 1, 1], transparentColor: [0, 0, 0, 0] } });
    model.setBindings({ areaColours: state.colours.texture });
    model.draw(this.context.renderPass);
  }

  override finalizeState(context: Parameters<BitmapLayer['finalizeState']>[0]): void {
    const state = this.raster;
    if (state?.held) releaseIds(this.context.device, state.held);
    state?.colours.destroy();
    super.finalizeState(context);
  }
}
