// The legend is derived from layer definitions, never written by hand: what
// the map draws and what the legend says come from the same style object.
import type { LayerDef } from '../layers/types';
import { METHOD_LABELS } from '../classify/breaks';
import { classRangeLabels } from '../classify/class-labels';

export type Swatch =
  | { shape: 'fill'; colour: string; opacity: number }
  | { shape: 'line'; colour: string; casing?: string; width: number; dashed?: boolean }
  | { shape: 'point'; colour: string }
  /** An area outline (significance), drawn as a hollow box. */
  | { shape: 'outline'; colour: string; width: number }
  /** A hollow ring: a proposed, not yet real, site. */
  | { shape: 'ring'; colour: string };

export interface LegendEntry {
  /** What the entry stands for in the data (segment code, site type...). */
  value: string;
  label: string;
  swatch: Swatch;
  count?: number;
}

export interface LegendBlock {
  layerId: string;
  title: string;
  subtitle: string;
  entries: LegendEntry[];
  /** Reference layers share one small block, so thematic layers keep the room. */
  compact?: boolean;
  /** e.g. "Exact counts — not for sharing", or the disclosure rule applied. */
  notice?: string;
  /** A 3×3 need × uptake key instead of a list (entries still name each cell). */
  bivariate?: { colours: string[]; counts: number[]; xLabel: string; yLabel: string; xBreaks: [number, number]; yBreaks: [number, number] };
}

function withAlpha(hex: string, alpha: number): string {
  return hex.startsWith('#') && hex.length === 7 ? hex + Math.round(alpha * 255).toString(16).padStart(2, '0') : hex;
}

export function legendFor(def: LayerDef): LegendBlock {
  const s = def.style;
  const base = { layerId: def.id, title: def.title, subtitle: def.subtitle, ...(def.notice ? { notice: def.notice } : {}) };
  const fill = (colour: string) => ({ shape: 'fill' as const, colour, opacity: def.opacity });
  switch (s.type) {
    case 'categorical-fill': {
      const entries: LegendEntry[] = s.categories.map((c) => ({ value: c.value, label: c.label, count: c.count, swatch: { shape: 'fill', colour: c.colour, opacity: def.opacity } }));
      const otherLabel = s.otherLabel ?? (s.field === 'segment' ? 'No segment assigned' : 'None');
      if (s.otherCount > 0) entries.push({ value: '', label: s.field === 'gap_type' ? 'No gap classified' : otherLabel, count: s.otherCount, swatch: { shape: 'fill', colour: s.otherColour, opacity: def.opacity } });
      return { ...base, entries };
    }
    case 'graduated-fill': {
      // No area has a value (an indicator its method cannot take to this level): no classes to list.
      if (s.counts.every((c) => c === 0)) return { ...base, subtitle: `${s.unit.charAt(0).toUpperCase()}${s.unit.slice(1)}`, entries: [{ value: '', label: 'No values', count: 0, swatch: fill('#d9d9d6') }] };
      const labels = classRangeLabels([s.min, ...s.breaks].slice(0, s.colours.length));
      const entries: LegendEntry[] = s.colours.map((colour, k) => ({
        value: String(k),
        label: labels[k],
        count: s.counts[k],
        swatch: { shape: 'fill', colour, opacity: def.opacity },
      }));
      return { ...base, subtitle: `${s.unit.charAt(0).toUpperCase()}${s.unit.slice(1)} · ${METHOD_LABELS[s.method]}`, entries };
    }
    case 'site-symbols':
      return { ...base, entries: s.categories.map((c) => ({ value: c.value, label: c.label, count: c.count, swatch: { shape: 'point', colour: c.colour } })) };
    case 'road-lines':
      // Major roads first: that is how a reader scans a road legend.
      return {
        ...base,
        entries: [...s.classes].reverse().map((c) => ({ value: c.id, label: c.label, swatch: { shape: 'line', colour: c.colour, casing: c.id === 'path' ? undefined : c.casing, width: Math.min(6, c.widths[0] + 2), dashed: c.id === 'path' } })),
      };
    case 'outline':
      return { ...base, entries: [{ value: def.id, label: s.label, swatch: { shape: 'line', colour: withAlpha(s.colour, Math.max(0.35, def.opacity)), width: Math.max(1.2, s.width * 1.4) } }] };
    case 'diverging-fill': {
      // Highest first, as a reader scans a ratio legend from "more" to "fewer".
      const entries: LegendEntry[] = s.classes.map((c, k) => ({ value: String(k), label: c.label, count: c.count, swatch: fill(c.colour) })).reverse();
      for (const o of s.outlines) entries.push({ value: `outline:${o.value}`, label: o.label, count: o.count, swatch: { shape: 'outline', colour: o.colour, width: o.width } });
      if (s.noDataCount > 0) entries.push({ value: '', label: s.noDataLabel, count: s.noDataCount, swatch: fill(s.noDataColour) });
      return { ...base, entries };
    }
    case 'bivariate-fill': {
      const names = ['low', 'middle', 'high'];
      const entries: LegendEntry[] = s.colours.map((colour, i) => ({
        value: `${Math.floor(i / 3)},${i % 3}`,
        label: `${s.yLabel} ${names[Math.floor(i / 3)]}, ${s.xLabel.toLowerCase()} ${names[i % 3]}`,
        count: s.counts[i],
        swatch: fill(colour),
      }));
      if (s.noDataCount > 0) entries.push({ value: '', label: 'No value', count: s.noDataCount, swatch: fill(s.noDataColour) });
      return { ...base, entries, bivariate: { colours: s.colours, counts: s.counts, xLabel: s.xLabel, yLabel: s.yLabel, xBreaks: s.xBreaks, yBreaks: s.yBreaks } };
    }
    case 'hexbin': {
      const entries: LegendEntry[] = s.classes.map((c, k) => ({ value: String(k), label: c.label, count: c.count, swatch: fill(c.colour) })).reverse();
      if (s.suppressedCount > 0) entries.push({ value: 'suppressed', label: 'Suppressed (1–7 users)', count: s.suppressedCount, swatch: { shape: 'fill', colour: s.suppressedColour, opacity: 0.45 } });
      return { ...base, entries };
    }
    case 'isochrone-bands':
      return {
        ...base,
        entries: s.bands.map((b) => ({ value: String(b.minutes), label: b.fromMinutes === 0 ? `Within ${b.minutes} min` : `${b.fromMinutes}–${b.minutes} min`, swatch: fill(b.colour) })),
      };
    case 'proposed-sites':
      return { ...base, entries: s.count > 0 ? [{ value: 'proposed', label: 'Proposed site', count: s.count, swatch: { shape: 'ring', colour: s.colour } }] : [] };
  }
}

/**
 * Visible layers, top of the map first, as the legend lists them. Thematic
 * layers get a block each; visible base-map layers share one compact block.
 */
export function legendBlocks(defs: LayerDef[]): LegendBlock[] {
  const visible = [...defs].reverse().filter((d) => d.visible);
  const thematic = visible.filter((d) => d.drawnBy === 'deck').map(legendFor).filter((b) => b.entries.length > 0);
  const reference = visible.filter((d) => d.drawnBy === 'basemap').flatMap((d) => legendFor(d).entries);
  if (reference.length === 0) return thematic;
  return [...thematic, { layerId: 'basemap', title: 'Base map', subtitle: '', entries: reference, compact: true }];
}
