// Site labels on a print, drawn once over the composed map image. Drawn by
// each tile's deck.gl pass, a label that straddles a tile seam came out up to
// a pixel apart in the two tiles (text is placed on whole pixels of each tile's
// own viewport), so its halves did not meet. Here every label is placed from
// the whole image's camera, and looks as the app's callout: the text right of
// the marker in a light box with a thin border (deck-layers.ts siteLabelLayer).
import type { Layer } from '@deck.gl/core';
import { LABEL_PADDING, LABEL_RADIUS, LABEL_SIZE, placeSiteLabels, type SiteLabelsProps } from '../layers/site-labels';
import { projectPoint, type Camera } from './mercator';

type Rgba = [number, number, number, number];

export interface LabelImage {
  camera: Camera;
  /** The whole map image, device pixels. */
  width: number;
  height: number;
  scale: number;
}

/** The props of siteLabelLayer's SiteLabelsLayer this reads, with the layer's own. */
type LabelProps = SiteLabelsProps & { visible: boolean; opacity: number };

const rgba = ([r, g, b, a]: Rgba, opacity: number) => `rgba(${r}, ${g}, ${b}, ${((a ?? 255) / 255) * opacity})`;

export function drawSiteLabels(ctx: CanvasRenderingContext2D, layers: Layer[], image: LabelImage): void {
  const cssWidth = image.width / image.scale;
  const cssHeight = image.height / image.scale;
  const [padLeft] = LABEL_PADDING;
  ctx.save();
  // Everything below in CSS pixels, as the app's map draws the labels.
  ctx.setTransform(image.scale, 0, 0, image.scale, 0, 0);
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  ctx.lineWidth = 1;
  for (const layer of layers) {
    const p = layer.props as unknown as LabelProps;
    if (!p.visible) continue;
    const { look } = p;
    ctx.font = `${look.weight} ${LABEL_SIZE}px ${p.fontFamily}`;
    // The same placement as the app's map, from the whole image's camera.
    const placed = placeSiteLabels(p.data, look, (lon, lat) => projectPoint(image.camera, cssWidth, cssHeight, lon, lat), (t) => ctx.measureText(t).width, p.priority);
    for (const { text, box } of placed) {
      ctx.beginPath();
      ctx.roundRect(box.x, box.y, box.width, box.height, LABEL_RADIUS);
      ctx.fillStyle = rgba(look.background, p.opacity);
      ctx.fill();
      ctx.strokeStyle = rgba(look.border, p.opacity);
      ctx.stroke();
      ctx.fillStyle = rgba(look.colour, p.opacity);
      ctx.fillText(text, box.x + padLeft, box.y + box.height / 2);
    }
  }
  ctx.restore();
}
