// Per-feature fill colours from a small texture instead of a per-vertex
// colour buffer. 190k Output Areas have ~7.8M vertices: refilling and
// uploading a colour for each vertex on every recolour costs tens of ms,
// while one RGBA texel per feature is 760 KB for all of Great Britain.
//
// deck.gl 9.4's SolidPolygonLayer already carries, per vertex, the index of
// the source feature (`rowIndexes`, which also drives picking), built once
// with the tessellation. The shader looks the colour up by that index, so a
// recolour is one texture write and never touches a vertex attribute.
import { LayerExtension, type Layer, type UpdateParameters } from '@deck.gl/core';
import type { Texture } from '@luma.gl/core';
import type { ShaderModule } from '@luma.gl/shadertools';
import { ColourTexture } from './colour-texture';

export interface FeatureColourProps {
  /** RGBA bytes per feature, in the order of the layer's features; null draws getFillColor. */
  featureColours?: Uint8Array | null;
}

type ModuleProps = { texture?: Texture; enabled?: boolean };

// Runs at the end of the vertex shader's main(), where both SolidPolygonLayer's
// `rowIndexes` attribute and its `vColor` output are in scope (hook functions
// are declared before the layer's own attributes, so they could not read it).
// getFillColor is a constant opaque white, so vColor.a is the layer opacity.
const vs = /* glsl */ `\
uniform sampler2D featureColours_texture;
layout(std140) uniform featureColoursUniforms {
  bool enabled;
} featureColours;

vec4 featureColours_apply(float row, vec4 color) {
  if (!featureColours.enabled) return color;
  ivec2 size = textureSize(featureColours_texture, 0);
  int i = int(row + 0.5);
  if (i >= size.x * size.y) return color;
  vec4 texel = texelFetch(featureColours_texture, ivec2(i % size.x, i / size.x), 0);
  return vec4(texel.rgb, texel.a * color.a);
}
`;

const featureColourModule = {
  name: 'featureColours',
  vs,
  inject: { 'vs:#main-end': '  vColor = featureColours_apply(rowIndexes, vColor);\n' },
  uniformTypes: { enabled: 'i32' },
  getUniforms: (opts: ModuleProps = {}) => ({
    enabled: Boolean(opts.enabled),
    ...(opts.texture ? { featureColours_texture: opts.texture } : {}),
  }),
} as unknown as ShaderModule<ModuleProps>;

interface ColourState {
  colours: ColourTexture;
  enabled: boolean;
}

const STATE_KEY = 'featureColourState';

/** Only SolidPolygonLayer (GeoJsonLayer's fill) has the per-vertex feature index. */
function applies(layer: Layer): boolean {
  return Boolean(layer.getAttributeManager()?.attributes.rowIndexes);
}

function stateOf(layer: Layer): ColourState | undefined {
  return (layer.state as Record<string, unknown>)[STATE_KEY] as ColourState | undefined;
}

export class FeatureColourExtension extends LayerExtension {
  static override extensionName = 'FeatureColourExtension';
  static override defaultProps = { featureColours: { type: 'object', value: null, compare: false } };

  override getShaders(this: Layer): unknown {
    return applies(this) ? { modules: [featureColourModule] } : null;
  }

  override initializeState(this: Layer): void {
    if (!applies(this)) return;
    const state: ColourState = { colours: new ColourTexture(this.context.device, `${this.id}-feature-colours`), enabled: false };
    this.setState({ [STATE_KEY]: state });
  }

  override updateState(this: Layer<FeatureColourProps>, { props, oldProps, changeFlags }: UpdateParameters<Layer<FeatureColourProps>>): void {
    const state = stateOf(this);
    if (!state) return;
    // Identity is the signal: the layer builders keep one array per colouring.
    if (props.featureColours !== oldProps.featureColours || changeFlags.dataChanged) state.enabled = state.colours.write(props.featureColours);
  }

  // deck.gl keeps `rowIndexes` per vertex only while a layer needs a picking
  // buffer; a layer that cannot be clicked (the PNG export's) still needs it here.
  override getNeedsPickingBuffer(this: Layer<FeatureColourProps>): boolean {
    return Boolean(this.props.featureColours);
  }

  override draw(this: Layer): void {
    const state = stateOf(this);
    if (state) this.setShaderModuleProps({ featureColours: { texture: state.colours.texture, enabled: state.enabled } });
  }

  override finalizeState(this: Layer): void {
    stateOf(this)?.colours.destroy();
  }
}
