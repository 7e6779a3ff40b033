// Site labels that avoid each other: each frame the sites in view are
// projected, their labels measured, and shared/cartography/label-placement.ts
// picks a free side for each or drops it. The print (print-labels.ts) asks the
// same placeSiteLabels with its own camera, so the PNG shows the labels the
// app showed. Drawn by deck.gl because the offline base map has no glyphs.
import { CompositeLayer, type UpdateParameters } from '@deck.gl/core';
import { TextLayer } from '@deck.gl/layers';
import { placeLabels, type LabelBox } from '../../../shared/cartography/label-placement';
import type { FeatureCollection } from 'geojson';
import type { Site } from '../project/types';

type Rgba = [number, number, number, number];

/** Label box padding, CSS pixels: left, top, right, bottom. */
export const LABEL_PADDING = [5, 2, 5, 2] as const;
export const LABEL_SIZE = 12;
export const LABEL_RADIUS = 3;
/** Space between a marker's edge and its label's box. */
const LABEL_GAP = 2;

export interface SiteLabelLook {
  text(site: Site): string;
  /** The marker's radius, pixels: labels keep clear of every marker this size. */
  markerRadius: number;
  colour: Rgba;
  weight: number;
  background: Rgba;
  border: Rgba;
}

/** A site's label: its name, else its code; never the words "null" or "undefined" (a site without either has none). */
export function siteLabelText(site: Pick<Site, 'name' | 'code'>): string {
  const name = typeof site.name === 'string' ? site.name.trim() : '';
  if (name && name !== 'null' && name !== 'undefined') return name;
  return site.code?.trim() ?? '';
}

/**
 * One layer's labels: its sites and how they look. The real sites' and the
 * what-if sites' labels are placed together (one pass), so no label of either
 * covers the other's.
 */
export interface SiteLabelGroup {
  /** The label layer's id (`<layer>:labels`): the print and the tests name a group by it. */
  id: string;
  sites: readonly Site[];
  look: SiteLabelLook;
  opacity: number;
}

/**
 * Which label keeps its place when two want the same space:
 * 1. a real site before a what-if one (a meeting reads what exists first);
 * 2. the site nearest to more people (its catchment in the coverage the map
 *    shows: the people of every area whose nearest site it is), as that is the
 *    site the most people will look for;
 * 3. a named site before a code-only one (a code tells a meeting little);
 * then the lower site id, so the same map always keeps the same labels.
 */
export function siteLabelPriority(site: Site, peopleServed?: ReadonlyMap<number, number>): number[] {
  return [site.proposed ? 0 : 1, peopleServed?.get(site.id) ?? 0, site.name?.trim() ? 1 : 0];
}

/**
 * People for whom each site is the nearest: the population of each area
 * summed onto the site its coverage row names (sites nobody is nearest to are absent).
 */
export function peopleServedBySite(areas: readonly { code: string; population: number | null }[], nearest: ReadonlyMap<string, { nearestSiteId: number | null }>): Map<number, number> {
  const out = new Map<number, number>();
  for (const { code, population } of areas) {
    const id = nearest.get(code)?.nearestSiteId;
    if (id != null && population) out.set(id, (out.get(id) ?? 0) + population);
  }
  return out;
}

/** Each area's code and population as the area layer carries them (getAreas writes `population` on each feature). */
export function areaPopulations(areas: FeatureCollection): { code: string; population: number | null }[] {
  return areas.features.map((f) => ({ code: String(f.properties?.code), population: typeof f.properties?.population === 'number' ? f.properties.population : null }));
}

export interface PlacedSiteLabel {
  site: Site;
  /** The group (SiteLabelGroup.id) the label belongs to. */
  group: string;
  text: string;
  box: LabelBox;
  /** From the site's point to where the text starts (left edge, vertical middle), pixels. */
  offset: [number, number];
}

/**
 * Labels of every group's sites placed in one pass, clear of each other and of
 * every marker. `project` gives a site's pixel position, `measure` a text's
 * width in pixels (in the group's font).
 */
export function placeSiteLabels<Look extends Pick<SiteLabelLook, 'text' | 'markerRadius'>>(
  groups: readonly { id: string; sites: readonly Site[]; look: Look }[],
  project: (lon: number, lat: number) => [number, number],
  measure: (text: string, look: Look) => number,
  peopleServed?: ReadonlyMap<number, number>,
): PlacedSiteLabel[] {
  const [padLeft, padTop, padRight, padBottom] = LABEL_PADDING;
  // By site id first, so ties fall the same way whatever order the sites came in.
  const entries = groups.flatMap((g) => g.sites.map((site) => ({ group: g, site }))).sort((a, b) => a.site.id - b.site.id);
  const candidates = entries.map(({ group, site }, i) => {
    const [x, y] = project(site.lon, site.lat);
    const text = group.look.text(site);
    const width = text ? measure(text, group.look) + padLeft + padRight : 0;
    return { id: i, x, y, text, width, height: LABEL_SIZE + padTop + padBottom, priority: siteLabelPriority(site, peopleServed), markerRadius: group.look.markerRadius };
  });
  // A site without a label is still an obstacle for the others' labels (its marker), so it stays a candidate of zero width.
  const placed = placeLabels(candidates, { markerRadius: 0, gap: LABEL_GAP });
  return placed
    .filter((p) => candidates[p.id].text)
    .map((p) => {
      const c = candidates[p.id];
      const { site, group } = entries[p.id];
      return { site, group: group.id, text: c.text, box: p.box, offset: [p.box.x + padLeft - c.x, p.box.y + p.box.height / 2 - c.y] };
    });
}

let measureContext: CanvasRenderingContext2D | null = null;
const widths = new Map<string, number>();

function measureText(font: string, text: string): number {
  const key = `${font}\u0000${text}`;
  let w = widths.get(key);
  if (w === undefined) {
    measureContext ??= document.createElement('canvas').getContext('2d');
    if (!measureContext) return text.length * LABEL_SIZE * 0.6;
    measureContext.font = font;
    w = measureContext.measureText(text).width;
    widths.set(key, w);
  }
  return w;
}

export interface SiteLabelsProps {
  groups: SiteLabelGroup[];
  fontFamily: string;
  /** People each site is nearest to (peopleServedBySite), for siteLabelPriority. */
  peopleServed?: ReadonlyMap<number, number>;
  /** Told every placement's label boxes (pixels on the map): what draws over the map keeps out of them (selection-outline.ts). */
  onPlaced?: (boxes: LabelBox[]) => void;
}

/** The CSS font a group's labels are drawn (and so measured) in. */
export const labelFont = (look: Pick<SiteLabelLook, 'weight'>, fontFamily: string) => `${look.weight} ${LABEL_SIZE}px ${fontFamily}`;

declare global {
  interface Window {
    /** The labels each site label group drew last, in map pixels: end-to-end tests check they never overlap. */
    __cgmSiteLabels?: Record<string, { text: string; box: LabelBox }[]>;
  }
}

const sameColour = (a: Rgba, b: Rgba) => a === b || a.every((v, i) => v === b[i]);
const sameLook = (a: SiteLabelLook, b: SiteLabelLook) =>
  a === b ||
  (a.text === b.text && a.markerRadius === b.markerRadius && a.weight === b.weight && sameColour(a.colour, b.colour) && sameColour(a.background, b.background) && sameColour(a.border, b.border));

/** Whether two label layers' props draw the same labels in the same places (the same sites, looks, opacities, font, priorities). */
export function sameLabels(a: SiteLabelsProps, b: SiteLabelsProps): boolean {
  if (a.fontFamily !== b.fontFamily || a.peopleServed !== b.peopleServed || a.groups.length !== b.groups.length) return false;
  return a.groups.every((g, i) => {
    const o = b.groups[i];
    return g.id === o.id && g.sites === o.sites && g.opacity === o.opacity && sameLook(g.look, o.look);
  });
}

/** Every site label on the map, real and what-if, placed together and drawn one text layer per group. */
export class SiteLabelsLayer extends CompositeLayer<SiteLabelsProps> {
  static override layerName = 'SiteLabelsLayer';

  // The placement depends on the view: re-placed on every pan and zoom and on new labels. Every layer
  // change (a recolour of 190k areas) builds this layer anew with equal groups: those keep their places.
  override shouldUpdateState({ changeFlags, props, oldProps }: UpdateParameters<this>): boolean {
    if (!changeFlags.somethingChanged) return false;
    if (changeFlags.viewportChanged || changeFlags.dataChanged || changeFlags.stateChanged || changeFlags.updateTriggersChanged || changeFlags.extensionsChanged) return true;
    return !sameLabels(props, oldProps as SiteLabelsProps);
  }

  override updateState(): void {
    const { groups, fontFamily, peopleServed } = this.props;
    const viewport = this.context.viewport;
    const placed = placeSiteLabels(groups, (lon, lat) => viewport.project([lon, lat]) as [number, number], (t, look) => measureText(labelFont(look, fontFamily), t), peopleServed);
    this.setState({ placed });
    this.props.onPlaced?.(placed.map((p) => p.box));
    if (typeof window !== 'undefined')
      window.__cgmSiteLabels = Object.fromEntries(groups.map((g) => [g.id, placed.filter((p) => p.group === g.id).map(({ text, box }) => ({ text, box }))]));
  }

  renderLayers() {
    const { groups, fontFamily } = this.props;
    const placed = (this.state as { placed: PlacedSiteLabel[] }).placed;
    return groups.map(({ id, look, opacity }) =>
      new TextLayer<PlacedSiteLabel>(
        this.getSubLayerProps({
          id: `text-${id}`,
          data: placed.filter((p) => p.group === id),
          opacity,
          getPosition: (p: PlacedSiteLabel) => [p.site.lon, p.site.lat],
          getText: (p: PlacedSiteLabel) => p.text,
          getSize: LABEL_SIZE,
          sizeUnits: 'pixels',
          getPixelOffset: (p: PlacedSiteLabel) => p.offset,
          getTextAnchor: 'start',
          getAlignmentBaseline: 'center',
          getColor: look.colour,
          fontFamily,
          fontWeight: look.weight,
          characterSet: 'auto',
          background: true,
          getBackgroundColor: look.background,
          backgroundPadding: [...LABEL_PADDING],
          backgroundBorderRadius: LABEL_RADIUS,
          getBorderColor: look.border,
          getBorderWidth: 1,
          pickable: false,
        }) as never,
      ),
    );
  }
}
