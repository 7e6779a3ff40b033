// Site labels that avoid each other: each frame the sites in view are
// projected, their labels measured, and shared/cartography/label-placement.ts
// picks a free side for each or drops it. The print (print-labels.ts) asks the
// same placeSiteLabels with its own camera, so the PNG shows the labels the
// app showed. Drawn by deck.gl because the offline base map has no glyphs.
import { CompositeLayer, type UpdateParameters } from '@deck.gl/core';
import { TextLayer } from '@deck.gl/layers';
import { placeLabels, type LabelBox } from '../../../shared/cartography/label-placement';
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

/** Named sites win space over code-only ones; the caller's priority (e.g. a selected service) comes first. */
const defaultPriority = (s: Site) => (s.name?.trim() ? 1 : 0);

export interface PlacedSiteLabel {
  site: Site;
  text: string;
  box: LabelBox;
  /** From the site's point to where the text starts (left edge, vertical middle), pixels. */
  offset: [number, number];
}

/**
 * Labels of `sites` placed clear of each other and of every marker.
 * `project` gives a site's pixel position, `measure` a text's width in pixels.
 */
export function placeSiteLabels(
  sites: readonly Site[],
  look: Pick<SiteLabelLook, 'text' | 'markerRadius'>,
  project: (lon: number, lat: number) => [number, number],
  measure: (text: string) => number,
  priority: (s: Site) => number = defaultPriority,
): PlacedSiteLabel[] {
  const [padLeft, padTop, padRight, padBottom] = LABEL_PADDING;
  const candidates = sites.map((site, i) => {
    const [x, y] = project(site.lon, site.lat);
    const text = look.text(site);
    return { id: i, x, y, text, width: text ? measure(text) + padLeft + padRight : 0, height: LABEL_SIZE + padTop + padBottom, priority: priority(site) };
  });
  // A site without a label is still an obstacle for the others' labels (its marker), so it stays a candidate of zero width.
  const placed = placeLabels(candidates, { markerRadius: look.markerRadius, gap: LABEL_GAP });
  return placed
    .filter((p) => candidates[p.id].text)
    .map((p) => {
      const c = candidates[p.id];
      return { site: sites[p.id], text: c.text, box: p.box, offset: [p.box.x + padLeft - c.x, p.box.y + p.box.height / 2 - c.y] };
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
  data: Site[];
  look: SiteLabelLook;
  fontFamily: string;
  priority?: (s: Site) => number;
}

declare global {
  interface Window {
    /** The labels each site label layer drew last, in map pixels: end-to-end tests check they never overlap. */
    __cgmSiteLabels?: Record<string, { text: string; box: LabelBox }[]>;
  }
}

export class SiteLabelsLayer extends CompositeLayer<SiteLabelsProps> {
  static override layerName = 'SiteLabelsLayer';

  // The placement depends on the view: re-placed on every pan and zoom, not only on new props.
  override shouldUpdateState({ changeFlags }: UpdateParameters<this>): boolean {
    return Boolean(changeFlags.somethingChanged);
  }

  override updateState(): void {
    const { data, look, fontFamily, priority } = this.props;
    const viewport = this.context.viewport;
    const font = `${look.weight} ${LABEL_SIZE}px ${fontFamily}`;
    const placed = placeSiteLabels(data, look, (lon, lat) => viewport.project([lon, lat]) as [number, number], (t) => measureText(font, t), priority);
    this.setState({ placed });
    if (typeof window !== 'undefined') window.__cgmSiteLabels = { ...window.__cgmSiteLabels, [this.id]: placed.map(({ text, box }) => ({ text, box })) };
  }

  renderLayers() {
    const { look, fontFamily } = this.props;
    return new TextLayer<PlacedSiteLabel>(
      this.getSubLayerProps({
        id: 'text',
        data: (this.state as { placed: PlacedSiteLabel[] }).placed,
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
    );
  }
}
