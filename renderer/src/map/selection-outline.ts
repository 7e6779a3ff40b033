// The selected area's outline on a national level, drawn as an SVG path over
// the map instead of a deck.gl layer in it (issue 18). A deck.gl layer
// added on a click makes the map draw a whole new frame: in software WebGL
// that is the GPU process drawing every polygon again (~1.8 s CPU at zoom 13
// for 190k areas, ~0.1 s from the id image at country zoom), and the area's
// panel reaches the screen only with that frame. Over the map, the click's
// frame is the page's own (panel and path) on the map's last image. The
// path follows every frame the map draws (pan, zoom, resize). Smaller levels
// keep their outline in the map (deck-layers.ts selectionLayer).
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { AreaGeometry } from '../../../shared/contract/area-geometry';

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

export interface SelectionOutline {
  /** Shows the outline of area `code` of `g` (null, or a code not in it: none). */
  show(g: AreaGeometry | null, code: string | null): void;
  remove(): void;
}

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
  svg.append(path);
  map.getCanvasContainer().append(svg);
  let rings: [number, number][][] = [];
  const draw = () => path.setAttribute('d', rings.length ? outlinePath(rings, (c) => map.project(c)) : '');
  map.on('render', draw);
  return {
    show(g, code) {
      const index = g && code !== null ? g.codes.indexOf(code) : -1;
      rings = g && index >= 0 ? areaRings(g, index) : [];
      svg.dataset.areaCode = index >= 0 ? (code ?? '') : '';
      draw();
    },
    remove() {
      map.off('render', draw);
      svg.remove();
    },
  };
}
