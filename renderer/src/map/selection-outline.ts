// The selected area's outline on a national level, drawn as an SVG path over
// the map instead of a deck.gl layer in it (issue 18). A deck.gl layer
// added on a click makes the map draw a whole new frame: in software WebGL
// that is the GPU process drawing every polygon again (~1.8 s CPU at zoom 13
// for 190k areas, ~0.1 s from the id image at country zoom), and the area's
// panel reaches the screen only with that frame. Over the map, the click's
// frame is the page's own (panel and path) on the map's last image. The
// path follows every frame the map draws (pan, zoom, resize). Smaller levels
// keep their outline in the map (deck-layers.ts selectionLayer), which lies
// under the site markers and their labels: over the map, the outline is cut
// away under each marker drawn above the areas and each label (an SVG mask)
// instead, so they read as on top.
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { AreaGeometry } from '../../../shared/contract/area-geometry';
import type { DeckLayerData } from '../layers/deck-layers';
import { isAreaFillStyle } from '../layers/fill-colours';
import { markerRadiusPx } from '../layers/site-markers';
import type { LayerDef } from '../layers/types';
import type { LabelBox } from '../../../shared/cartography/label-placement';

const SVG = 'http://www.w3.org/2000/svg';
/** deck-layers.ts selectionLayer's line: the same colour and width in pixels. */
const STROKE = 'rgb(17, 24, 39)';
const WIDTH_PX = 3;

/** Every ring (outer and holes) of every polygon of area `index`, as [lon, lat] pairs. */
export function areaRings(g: AreaGeometry, index: number): [number, number][][] {
  const rings: [number, number][][] = [];
  for (let p = 0; p < g.polygonArea.length; p++) {
    if (g.polygonArea[p] !== index) continue;
    for (let r = g.polygonRings[p]; r < g.polygonRings[p + 1]; r++) {
      const ring: [number, number][] = [];
      for (let v = g.ringStarts[r]; v < g.ringStarts[r + 1]; v++) ring.push([g.positions[2 * v], g.positions[2 * v + 1]]);
      rings.push(ring);
    }
  }
  return rings;
}

/** An SVG path of closed rings, each point placed by `project` (screen pixels), to one decimal. */
export function outlinePath(rings: [number, number][][], project: (lonLat: [number, number]) => { x: number; y: number }): string {
  return rings
    .filter((ring) => ring.length > 1)
    .map((ring) => `M${ring.map((c) => {
      const p = project(c);
      return `${p.x.toFixed(1)} ${p.y.toFixed(1)}`;
    }).join('L')}Z`)
    .join('');
}

/** A site marker on the map: where it stands and its outer radius on screen. */
export interface MarkerOnMap {
  lonLat: [number, number];
  radiusPx: number;
}

/**
 * The site markers the map draws above its selection: those of the shown site and what-if site layers
 * above (later in `layers`, bottom to top) the topmost shown selectable area layer, the one whose
 * selection would be drawn last; none when no area layer is shown.
 */
export function markersOverSelection(layers: LayerDef[], data: DeckLayerData): MarkerOnMap[] {
  const top = layers.findLastIndex((d) => d.drawnBy === 'deck' && d.visible && d.interactive && isAreaFillStyle(d.style));
  if (top < 0) return [];
  return layers.slice(top + 1).flatMap((d) => {
    const s = d.style;
    if (d.drawnBy !== 'deck' || !d.visible || (s.type !== 'site-symbols' && s.type !== 'proposed-sites')) return [];
    const sites = s.type === 'site-symbols' ? data.sites : (data.proposed ?? []);
    return sites.map((site) => ({ lonLat: [site.lon, site.lat] as [number, number], radiusPx: markerRadiusPx(s) }));
  });
}

export interface SelectionOutline {
  /** Shows the outline of area `code` of `g` (null, or a code not in it: none). */
  show(g: AreaGeometry | null, code: string | null): void;
  /** The markers the outline passes under: it is cut away over each. */
  passUnder(markers: MarkerOnMap[]): void;
  /** The site labels' boxes as last placed (pixels on the map; drawn over every layer): cut away too, from the next frame. */
  passUnderLabels(boxes: LabelBox[]): void;
  remove(): void;
}

let masks = 0;

/** An SVG over the map's canvas (under its controls, letting the pointer through) that outlines one area. */
export function followSelectionOutline(map: MapLibreMap): SelectionOutline {
  const svg = document.createElementNS(SVG, 'svg');
  svg.classList.add('selection-outline');
  svg.setAttribute('aria-hidden', 'true');
  Object.assign(svg.style, { position: 'absolute', left: '0', top: '0', width: '100%', height: '100%', pointerEvents: 'none', overflow: 'visible' });
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('fill', 'none');
  path.setAttribute('stroke', STROKE);
  path.setAttribute('stroke-width', String(WIDTH_PX));
  path.setAttribute('stroke-linejoin', 'round');
  // White shows the path, black hides it: a black disc for each marker it passes under, a box for each label. In user space, over
  // any area the path can reach (the default, a tenth around the path's box, would clip a pixel-wide area's stroke).
  const mask = document.createElementNS(SVG, 'mask');
  const maskId = `selection-outline-mask-${++masks}`;
  mask.id = maskId;
  const reach = { x: '-100000', y: '-100000', width: '200000', height: '200000' };
  for (const [k, v] of Object.entries({ maskUnits: 'userSpaceOnUse', ...reach })) mask.setAttribute(k, v);
  const shown = document.createElementNS(SVG, 'rect');
  for (const [k, v] of Object.entries({ ...reach, fill: 'white' })) shown.setAttribute(k, v);
  const hidden = document.createElementNS(SVG, 'g');
  hidden.setAttribute('fill', 'black');
  mask.append(shown, hidden);
  const defs = document.createElementNS(SVG, 'defs');
  defs.append(mask);
  svg.append(defs, path);
  map.getCanvasContainer().append(svg);
  let rings: [number, number][][] = [];
  /** The rings' [west, south, east, north]: Mercator keeps a box a box (the map neither rotates nor tilts). */
  let box: [number, number, number, number] | null = null;
  let markers: MarkerOnMap[] = [];
  let labels: LabelBox[] = [];
  const shape = (name: string, attributes: Record<string, string | number>) => {
    const el = document.createElementNS(SVG, name);
    for (const [k, v] of Object.entries(attributes)) el.setAttribute(k, typeof v === 'number' ? v.toFixed(1) : v);
    return el;
  };
  const draw = () => {
    path.setAttribute('d', rings.length ? outlinePath(rings, (c) => map.project(c)) : '');
    const [corner, opposite] = box ? [map.project([box[0], box[1]]), map.project([box[2], box[3]])] : [null, null];
    const discs = corner && opposite ? markersNear(markers, corner, opposite, (c) => map.project(c)) : [];
    const boxes = corner && opposite ? labels.filter((l) => boxesMeet(l, corner, opposite)) : [];
    hidden.replaceChildren(
      ...discs.map(({ x, y, r }) => shape('circle', { cx: x, cy: y, r })),
      ...boxes.map((l) => shape('rect', { x: l.x, y: l.y, width: l.width, height: l.height })),
    );
    if (discs.length || boxes.length) path.setAttribute('mask', `url(#${maskId})`);
    else path.removeAttribute('mask');
  };
  map.on('render', draw);
  return {
    show(g, code) {
      const index = g && code !== null ? g.codes.indexOf(code) : -1;
      rings = g && index >= 0 ? areaRings(g, index) : [];
      box = ringsBox(rings);
      svg.dataset.areaCode = index >= 0 ? (code ?? '') : '';
      draw();
    },
    passUnder(next) {
      markers = next;
      draw();
    },
    passUnderLabels(next) {
      // Placed while the map draws a frame, whose 'render' then draws the outline: nothing to draw here.
      labels = next;
    },
    remove() {
      map.off('render', draw);
      svg.remove();
    },
  };
}

function ringsBox(rings: [number, number][][]): [number, number, number, number] | null {
  if (!rings.length) return null;
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const ring of rings) {
    for (const [x, y] of ring) {
      [box[0], box[2]] = [Math.min(box[0], x), Math.max(box[2], x)];
      [box[1], box[3]] = [Math.min(box[1], y), Math.max(box[3], y)];
    }
  }
  return box;
}

/** Whether a label's box meets the outline's stroke, given its box's screen corners. */
export function boxesMeet(label: LabelBox, corner: { x: number; y: number }, opposite: { x: number; y: number }): boolean {
  const half = WIDTH_PX / 2;
  const [left, right] = [Math.min(corner.x, opposite.x) - half, Math.max(corner.x, opposite.x) + half];
  const [top, bottom] = [Math.min(corner.y, opposite.y) - half, Math.max(corner.y, opposite.y) + half];
  return label.x <= right && label.x + label.width >= left && label.y <= bottom && label.y + label.height >= top;
}

/** The markers whose disc meets the outline's stroke, given its box's screen corners: where each is and its radius. */
export function markersNear(
  markers: MarkerOnMap[],
  corner: { x: number; y: number },
  opposite: { x: number; y: number },
  project: (lonLat: [number, number]) => { x: number; y: number },
): { x: number; y: number; r: number }[] {
  const [left, right] = [Math.min(corner.x, opposite.x), Math.max(corner.x, opposite.x)];
  const [top, bottom] = [Math.min(corner.y, opposite.y), Math.max(corner.y, opposite.y)];
  return markers.flatMap((m) => {
    const { x, y } = project(m.lonLat);
    const reach = m.radiusPx + WIDTH_PX / 2;
    return x + reach >= left && x - reach <= right && y + reach >= top && y - reach <= bottom ? [{ x, y, r: m.radiusPx }] : [];
  });
}
