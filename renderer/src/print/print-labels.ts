// Site labels on a print, drawn once over the composed map image. Drawn by
// each tile's deck.gl pass, a label that straddles a tile seam came out up to
// a pixel apart in the two tiles (text is placed on whole pixels of each tile's
// own viewport), so its halves did not meet. Here every label is placed from
// the whole image's camera, and looks as the app's callout: the text right of
// the marker in a light box with a thin border (deck-layers.ts siteLabelLayer).
import type { Layer } from '@deck.gl/core';
import { LABEL_PADDING, LABEL_RADIUS, LABEL_SIZE } from '../layers/deck-layers';
import { projectPoint, type Camera } from './mercator';

type Rgba = [number, number, number, number];

export interface LabelImage {
  camera: Camera;
  /** The whole map image, device pixels. */
  width: number;
  height: number;
  scale: number;
}

/** The props of siteLabelLayer's TextLayer this reads. */
interface LabelProps {
  data: unknown[];
  visible: boolean;
  opacity: number;
  getPosition: unknown;
  getText: unknown;
  getPixelOffset: unknown;
  getColor: unknown;
  getBackgroundColor: unknown;
  getBorderColor: unknown;
  fontFamily: string;
  fontWeight: number | string;
}

/** A deck.gl accessor: a constant or a function of the datum. */
const read = <T>(accessor: unknown, d: unknown, index: number): T =>
  (typeof accessor === 'function' ? accessor(d, { index, data: [], target: [] }) : accessor) as T;
const rgba = ([r, g, b, a]: Rgba, opacity: number) => `rgba(${r}, ${g}, ${b}, ${((a ?? 255) / 255) * opacity})`;

export function drawSiteLabels(ctx: CanvasRenderingContext2D, layers: Layer[], image: LabelImage): void {
  const cssWidth = image.width / image.scale;
  const cssHeight = image.height / image.scale;
  const [padLeft, padTop, padRight, padBottom] = LABEL_PADDING;
  ctx.save();
  // Everything below in CSS pixels, as the app's map draws the labels.
  ctx.setTransform(image.scale, 0, 0, image.scale, 0, 0);
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  ctx.lineWidth = 1;
  for (const layer of layers) {
    const p = layer.props as unknown as LabelProps;
    if (!p.visible) continue;
    ctx.font = `${p.fontWeight} ${LABEL_SIZE}px ${p.fontFamily}`;
    p.data.forEach((d, i) => {
      const text = String(read<string>(p.getText, d, i) ?? '');
      if (!text) return;
      const [lon, lat] = read<[number, number]>(p.getPosition, d, i);
      const [ox, oy] = read<[number, number]>(p.getPixelOffset, d, i);
      const [x, y] = projectPoint(image.camera, cssWidth, cssHeight, lon, lat);
      const left = x + ox;
      const middle = y + oy;
      const box = {
        x: left - padLeft,
        y: middle - LABEL_SIZE / 2 - padTop,
        w: ctx.measureText(text).width + padLeft + padRight,
        h: LABEL_SIZE + padTop + padBottom,
      };
      ctx.beginPath();
      ctx.roundRect(box.x, box.y, box.w, box.h, LABEL_RADIUS);
      ctx.fillStyle = rgba(read<Rgba>(p.getBackgroundColor, d, i), p.opacity);
      ctx.fill();
      ctx.strokeStyle = rgba(read<Rgba>(p.getBorderColor, d, i), p.opacity);
      ctx.stroke();
      ctx.fillStyle = rgba(read<Rgba>(p.getColor, d, i), p.opacity);
      ctx.fillText(text, left, middle);
    });
  }
  ctx.restore();
}
