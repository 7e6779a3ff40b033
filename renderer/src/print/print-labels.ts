// Site labels on a print, drawn once over the composed map image. Drawn by
// each tile's deck.gl pass, a label that straddles a tile seam came out up to
// a pixel apart in the two tiles (text is placed on whole pixels of each tile's
// own viewport), so its halves did not meet. Here every label is placed from
// the whole image's camera, and looks as the app's callout: the text right of
// the marker in a light box with a thin border (deck-layers.ts siteLabelsLayer).
import type { Layer } from '@deck.gl/core';
import { LABEL_PADDING, LABEL_RADIUS, labelFont, placeSiteLabels, type SiteLabelsProps } from '../layers/site-labels';
import { projectPoint, type Camera } from './mercator';

type Rgba = [number, number, number, number];

export interface LabelImage {
  camera: Camera;
  /** The whole map image, device pixels. */
  width: number;
  height: number;
  scale: number;
}

/** The props of siteLabelsLayer's SiteLabelsLayer this reads, with the layer's own. */
type LabelProps = SiteLabelsProps & { visible: boolean };

const rgba = ([r, g, b, a]: Rgba, opacity: number) => `rgba(${r}, ${g}, ${b}, ${((a ?? 255) / 255) * opacity})`;

/** A label as drawn on the print: its group (`<layer>:labels`), text and box in the map image's device pixels. */
export interface PrintedLabel {
  group: string;
  text: string;
  box: { x: number; y: number; width: number; height: number };
}

/** Draws every site label once over the composed image; returns what it drew, so tests read the print's labels without OCR. */
export function drawSiteLabels(ctx: CanvasRenderingContext2D, layers: Layer[], image: LabelImage): PrintedLabel[] {
  const drawn: PrintedLabel[] = [];
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
    // The same placement as the app's map (every group in one pass), from the whole image's camera.
    const measure = (t: string, look: { weight: number }) => {
      ctx.font = labelFont(look, p.fontFamily);
      return ctx.measureText(t).width;
    };
    const placed = placeSiteLabels(p.groups, (lon, lat) => projectPoint(image.camera, cssWidth, cssHeight, lon, lat), measure, p.peopleServed);
    const groups = new Map(p.groups.map((g) => [g.id, g]));
    for (const { text, box, group } of placed) {
      const { look, opacity } = groups.get(group)!;
      ctx.font = labelFont(look, p.fontFamily);
      ctx.beginPath();
      ctx.roundRect(box.x, box.y, box.width, box.height, LABEL_RADIUS);
      ctx.fillStyle = rgba(look.background, opacity);
      ctx.fill();
      ctx.strokeStyle = rgba(look.border, opacity);
      ctx.stroke();
      ctx.fillStyle = rgba(look.colour, opacity);
      ctx.fillText(text, box.x + padLeft, box.y + box.height / 2);
      const s = image.scale;
      drawn.push({ group, text, box: { x: box.x * s, y: box.y * s, width: box.width * s, height: box.height * s } });
    }
  }
  ctx.restore();
  return drawn;
}
