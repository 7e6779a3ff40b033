// The hover card's words, apart from React so they can be checked alone: a
// site's kind (a proposed site says so once), and an area's segment (always
// from the segments layer, whichever layer is hovered) with what the hovered
// layer shows there.
import type { LayerDef } from '../layers/types';
import type { Site } from '../project/types';
import { siteTypeLabel } from '../layers/catalogue';
import { COVERAGE_FIELDS, coverageText } from '../layers/coverage-layer';

/** "GP · Doctors", or "Proposed site (what-if) · Doctors": the placeholder type "proposed" is not repeated as a type. */
export function siteMeta(s: Pick<Site, 'type' | 'service' | 'proposed'>): string {
  const type = s.type && s.type !== 'proposed' ? siteTypeLabel(s.type) : null;
  return [s.proposed ? 'Proposed site (what-if)' : null, type, s.service].filter(Boolean).join(' · ');
}

/** The area's segment as the segments layer names it; null when the project has no segments layer. */
export function segmentText(layers: LayerDef[], props: Record<string, unknown>): string | null {
  const segments = layers.find((l) => l.id === 'segments');
  if (segments?.style.type !== 'categorical-fill') return null;
  const code = props[segments.style.field];
  if (code === null || code === undefined || code === '') return 'No segment assigned';
  return segments.style.categories.find((c) => c.value === String(code))?.label ?? String(code);
}

/** What the hovered layer shows for the area (its class, value or minutes); '' for the segments layer, whose line is the segment. */
export function layerDetail(layer: LayerDef | undefined, props: Record<string, unknown>, mode?: 'walk' | 'drive'): string {
  if (!layer || layer.id === 'segments') return '';
  if (layer.id === 'coverage' && mode) {
    const minutes = props[COVERAGE_FIELDS.minutes];
    return coverageText({ minutes: typeof minutes === 'number' ? minutes : null, nearestSite: (props[COVERAGE_FIELDS.site] as string | null | undefined) ?? null }, mode);
  }
  const style = layer.style;
  if (style.type === 'categorical-fill') {
    const value = props[style.field];
    // The legend's words for the rest (legend-model.ts), so card and legend agree.
    return style.categories.find((c) => c.value === String(value))?.label ?? style.otherLabel ?? (style.field === 'gap_type' ? 'No gap classified' : 'None');
  }
  if (style.type === 'graduated-fill') {
    const v = props[style.measure];
    return typeof v === 'number' ? `${new Intl.NumberFormat('en-GB', { maximumFractionDigits: style.decimals ?? 0 }).format(v)} ${style.unit}` : 'No value';
  }
  return '';
}
