// Site markers' sizes in one place: the site layers draw them, the labels keep
// clear of them (site-labels.ts), and a national level's selection outline is
// cut away under them (map/selection-outline.ts), as the map's own selection
// layer lay under them.
import type { ProposedSiteStyle, SiteStyle } from './types';

/** A site's marker outline (px). */
export const SITE_LINE_PX = 2;
/** A what-if site's marker outline (px): thicker, in the what-if colour. */
export const PROPOSED_LINE_PX = 4;

/** A marker's outer radius in pixels: deck.gl strokes a circle across its edge, so half the outline lies outside it. */
export function markerRadiusPx(style: SiteStyle | ProposedSiteStyle): number {
  return style.radius + (style.type === 'site-symbols' ? SITE_LINE_PX : PROPOSED_LINE_PX) / 2;
}
