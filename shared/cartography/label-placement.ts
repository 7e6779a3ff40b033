// Where point labels go so that none covers another, or another point's marker.
// One placement serves the app's map and the printed PNG (both measure their
// text and project their points, then ask this), so what a meeting sees on
// screen is what the print shows. Greedy by priority, as map labelling
// usually is: the most important label takes its preferred side, the next
// takes the first side still free, and a label with no free side is dropped
// rather than drawn over another.

export interface LabelBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface LabelCandidate<Id = string | number> {
  id: Id;
  /** The point labelled, in screen pixels (y down). */
  x: number;
  y: number;
  /** The label's whole box (text and padding), pixels. */
  width: number;
  height: number;
  /**
   * Higher is placed first (and so is kept when space runs out). A list ranks
   * by its first number, ties by the next, and so on: e.g. [real site, people served].
   */
  priority: number | readonly number[];
  /** This point's marker radius, pixels, where markers differ in size (else the options' one). */
  markerRadius?: number;
}

export type LabelSide = 'right' | 'left' | 'above' | 'below';
/** The order a label tries its sides: right of the marker reads first, as on most maps. */
export const LABEL_SIDES: readonly LabelSide[] = ['right', 'left', 'above', 'below'];

export interface PlacedLabel<Id = string | number> {
  id: Id;
  side: LabelSide;
  box: LabelBox;
}

export interface PlacementOptions {
  /** Marker radius, pixels: every point is an obstacle this size, its own label sits outside it. */
  markerRadius: number;
  /** Space between a marker's edge and its label, pixels. */
  gap: number;
  /** Labels must lie wholly inside this box (the map), when given. */
  bounds?: LabelBox;
}

export function overlaps(a: LabelBox, b: LabelBox): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function inside(a: LabelBox, b: LabelBox): boolean {
  return a.x >= b.x && a.y >= b.y && a.x + a.width <= b.x + b.width && a.y + a.height <= b.y + b.height;
}

export function boxOnSide(c: LabelCandidate<unknown>, side: LabelSide, o: Pick<PlacementOptions, 'markerRadius' | 'gap'>): LabelBox {
  const off = (c.markerRadius ?? o.markerRadius) + o.gap;
  const { width, height } = c;
  switch (side) {
    case 'right':
      return { x: c.x + off, y: c.y - height / 2, width, height };
    case 'left':
      return { x: c.x - off - width, y: c.y - height / 2, width, height };
    case 'above':
      return { x: c.x - width / 2, y: c.y - off - height, width, height };
    case 'below':
      return { x: c.x - width / 2, y: c.y + off, width, height };
  }
}

// Boxes bucketed on a coarse grid, so a national map with thousands of sites in
// view checks each side against the few boxes near it, not against all of them.
const CELL = 64;

class BoxGrid {
  private readonly cells = new Map<string, LabelBox[]>();
  private keys(b: LabelBox): string[] {
    const out: string[] = [];
    for (let cx = Math.floor(b.x / CELL); cx <= Math.floor((b.x + b.width) / CELL); cx++)
      for (let cy = Math.floor(b.y / CELL); cy <= Math.floor((b.y + b.height) / CELL); cy++) out.push(`${cx},${cy}`);
    return out;
  }
  add(b: LabelBox): void {
    for (const k of this.keys(b)) {
      const list = this.cells.get(k);
      if (list) list.push(b);
      else this.cells.set(k, [b]);
    }
  }
  hits(b: LabelBox, except?: LabelBox): boolean {
    return this.keys(b).some((k) => this.cells.get(k)?.some((o) => o !== except && overlaps(b, o)));
  }
}

/** Positive when `a` ranks above `b`; a missing place in a shorter list counts as 0. */
export function comparePriority(a: number | readonly number[], b: number | readonly number[]): number {
  const [x, y] = [typeof a === 'number' ? [a] : a, typeof b === 'number' ? [b] : b];
  for (let k = 0; k < Math.max(x.length, y.length); k++) {
    const d = (x[k] ?? 0) - (y[k] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * Labels that fit, highest priority first (ties: the order given, so the
 * result is the same every time). Labels left out had no free side.
 */
export function placeLabels<Id>(candidates: readonly LabelCandidate<Id>[], options: PlacementOptions): PlacedLabel<Id>[] {
  const markerBoxes = candidates.map((c) => {
    const r = c.markerRadius ?? options.markerRadius;
    return { x: c.x - r, y: c.y - r, width: 2 * r, height: 2 * r };
  });
  const markers = new BoxGrid();
  markerBoxes.forEach((b) => markers.add(b));
  const labels = new BoxGrid();
  const order = candidates.map((c, i) => ({ c, i })).sort((a, b) => comparePriority(b.c.priority, a.c.priority) || a.i - b.i);
  const placed: PlacedLabel<Id>[] = [];
  for (const { c, i } of order) {
    for (const side of LABEL_SIDES) {
      const box = boxOnSide(c, side, options);
      if (options.bounds && !inside(box, options.bounds)) continue;
      if (markers.hits(box, markerBoxes[i]) || labels.hits(box)) continue;
      labels.add(box);
      placed.push({ id: c.id, side, box });
      break;
    }
  }
  return placed;
}
