// Draws the map into a 2D canvas, one WebGL tile at a time (see tiles.ts).
// One maplibre map the size of a tile, with the deck.gl layers interleaved as
// on screen, is moved from tile to tile; each tile is copied once maplibre is
// idle and one more frame has painted the deck layers. Site labels are then
// drawn once over the whole image, so none is cut by a seam.
import * as maplibregl from 'maplibre-gl';
import { MapLibreOverlay } from '@deck.gl/maplibre';
import type { Layer } from '@deck.gl/core';
import type { StyleSpecification } from 'maplibre-gl';
import { offsetCamera, type Camera } from './mercator';
import { drawSiteLabels, type PrintedLabel } from './print-labels';
import { planTiles, type TilePlan } from './tiles';
import { holdPainting, type PaintGate } from './paint-gate';

export interface TileReport {
  x: number;
  y: number;
  width: number;
  height: number;
  /** Variance of the tile's sampled luminance: 0 means one flat colour (a blank tile). */
  variance: number;
}

export interface MapImageJob {
  style: StyleSpecification;
  deckLayers: Layer[];
  /** Site labels, drawn once over the composed tiles (print-labels.ts), never by a tile. */
  labelLayers: Layer[];
  /** Camera of the whole map image, centred on it. */
  camera: Camera;
  /** The whole map image, device pixels. */
  width: number;
  height: number;
  scale: number;
  maxTileEdge: number;
  /** Where the offscreen tile map lives while it draws. */
  host: HTMLElement;
  target: HTMLCanvasElement;
}

const IDLE_TIMEOUT_MS = 120_000;

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} in ${IDLE_TIMEOUT_MS / 1000} s.`)), IDLE_TIMEOUT_MS)));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

function once(map: maplibregl.Map, event: 'idle' | 'render' | 'load', timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The map did not finish drawing (no "${event}" in ${timeoutMs / 1000} s).`)), timeoutMs);
    map.once(event, () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** The next animation frame: deck.gl updates its layers in its own frame loop. */
const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/** Settling again after this many idles means something keeps asking for frames: paint what there is. */
const MAX_SETTLES = 5;

/**
 * Loaded and idle (sources tiled, nothing moving, deck.gl's layers updated),
 * without painting while it settles; then the one frame the tile keeps.
 */
async function settledThenPaint(map: maplibregl.Map, gate: PaintGate): Promise<void> {
  let frames = 0;
  const counted = () => frames++;
  map.on('render', counted);
  try {
    for (let settles = 0; settles < MAX_SETTLES; settles++) {
      const idle = once(map, 'idle', IDLE_TIMEOUT_MS);
      map.triggerRepaint();
      await idle;
      frames = 0;
      // Two frames: deck.gl's loop runs in one and asks maplibre for a frame, drawn in the next.
      await nextFrame();
      await nextFrame();
      if (frames === 0 && map.loaded()) break;
    }
  } finally {
    map.off('render', counted);
  }
  gate.paintOnce();
}

function drawingBufferFits(canvas: HTMLCanvasElement): boolean {
  const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext | null;
  return !gl || (gl.drawingBufferWidth === canvas.width && gl.drawingBufferHeight === canvas.height);
}

function tileVariance(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number): number {
  const data = ctx.getImageData(x, y, w, h).data;
  const stride = Math.max(1, Math.floor((w * h) / 40_000));
  let n = 0;
  let sum = 0;
  let sum2 = 0;
  for (let p = 0; p < w * h; p += stride) {
    const l = 0.299 * data[p * 4] + 0.587 * data[p * 4 + 1] + 0.114 * data[p * 4 + 2];
    n++;
    sum += l;
    sum2 += l * l;
  }
  return n ? sum2 / n - (sum / n) ** 2 : 0;
}

async function drawTiles(job: MapImageJob, plan: TilePlan, ctx: CanvasRenderingContext2D): Promise<TileReport[] | null> {
  const container = document.createElement('div');
  container.className = 'print-tile-map';
  container.style.width = `${plan.cssWidth}px`;
  container.style.height = `${plan.cssHeight}px`;
  job.host.appendChild(container);
  const map = new maplibregl.Map({
    container,
    style: job.style,
    center: job.camera.center,
    zoom: job.camera.zoom,
    pixelRatio: job.scale,
    interactive: false,
    attributionControl: false,
    fadeDuration: 0,
    renderWorldCopies: false,
    maxZoom: 24,
    // Kept so each finished frame can be copied out after it was presented.
    canvasContextAttributes: { preserveDrawingBuffer: true, antialias: true },
  });
  const gate = holdPainting(map);
  let deckReady!: () => void;
  const deckLoaded = new Promise<void>((resolve) => (deckReady = resolve));
  const overlay = new MapLibreOverlay({ interleaved: true, layers: [], onLoad: () => deckReady() });
  try {
    map.addControl(overlay);
    await once(map, 'load', IDLE_TIMEOUT_MS);
    // A GPU that cannot hold this tile silently shrinks its buffer: try smaller tiles instead.
    if (!drawingBufferFits(map.getCanvas())) return null;
    overlay.setProps({ layers: job.deckLayers });
    // deck.gl sets up its WebGL device asynchronously; a frame painted before would lack its layers.
    await withTimeout(deckLoaded, 'deck.gl did not start');
    const reports: TileReport[] = [];
    for (const tile of plan.tiles) {
      const dx = (tile.x + plan.width / 2 - job.width / 2) / job.scale;
      const dy = (tile.y + plan.height / 2 - job.height / 2) / job.scale;
      map.jumpTo(offsetCamera(job.camera, dx, dy));
      await settledThenPaint(map, gate);
      ctx.drawImage(map.getCanvas(), tile.x, tile.y);
      const w = Math.min(plan.width, job.width - tile.x);
      const h = Math.min(plan.height, job.height - tile.y);
      reports.push({ x: tile.x, y: tile.y, width: w, height: h, variance: tileVariance(ctx, tile.x, tile.y, w, h) });
    }
    return reports;
  } finally {
    map.removeControl(overlay);
    map.remove();
    container.remove();
  }
}

export interface MapImageReport {
  tiles: TileReport[];
  /** The site labels drawn over the tiles, in the map image's device pixels. */
  labels: PrintedLabel[];
}

/** Draws the whole map image into `job.target` and reports each tile and label. */
export async function renderMapImage(job: MapImageJob): Promise<MapImageReport> {
  job.target.width = job.width;
  job.target.height = job.height;
  const ctx = job.target.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('This browser has no 2D canvas to compose the map on.');
  for (let edge = job.maxTileEdge; edge >= 256; edge = Math.floor(edge / 2)) {
    const reports = await drawTiles(job, planTiles(job.width, job.height, job.scale, edge), ctx);
    if (reports) return { tiles: reports, labels: drawSiteLabels(ctx, job.labelLayers, job) };
  }
  throw new Error('The graphics card cannot draw even a small map tile.');
}
