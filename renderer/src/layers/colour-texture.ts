// One RGBA texel per area (or per feature), read by index in a shader: the
// fills' colour lookup (feature-colour-extension.ts) and the national
// raster's (area-raster-layer.ts). A recolour writes n texels and nothing else.
import type { Device, Texture } from '@luma.gl/core';

export class ColourTexture {
  texture: Texture;
  /** Padded to whole texture rows, reused between recolours of the same size. */
  private staging: Uint8Array | null = null;

  constructor(
    private readonly device: Device,
    private readonly id: string,
  ) {
    this.texture = this.create(1, 1);
  }

  private create(width: number, height: number): Texture {
    return this.device.createTexture({ id: this.id, format: 'rgba8unorm', width, height, mipLevels: 1, sampler: { minFilter: 'nearest', magFilter: 'nearest' } });
  }

  /** Writes the colours (RGBA bytes by index); false when there are none. */
  write(colours: Uint8Array | null | undefined): boolean {
    if (!colours || colours.length === 0) return false;
    const count = colours.length >> 2;
    // Square-ish, so a national set stays far below any device's texture size limit.
    const width = Math.ceil(Math.sqrt(count));
    const height = Math.ceil(count / width);
    if (this.texture.width !== width || this.texture.height !== height) {
      this.texture.destroy();
      this.texture = this.create(width, height);
      this.staging = null;
    }
    let data = colours;
    if (colours.length !== width * height * 4) {
      this.staging ??= new Uint8Array(width * height * 4);
      this.staging.set(colours);
      data = this.staging;
    }
    this.texture.writeData(data, { width, height });
    return true;
  }

  destroy(): void {
    this.texture.destroy();
  }
}
