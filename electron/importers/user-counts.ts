// Service users counted into (area, scheme, segment, period, segment source)
// cells keyed by one number, each part its id in a dictionary: a national
// import counts ~1M users into ~800k cells, and joining five strings into a
// key for every user cost about a quarter of it (bench/README.md). The cells
// live in an open-addressing table of typed arrays (a Map keyed by doubles was
// a tenth of the import), their parts kept in columns, and are ordered by a
// radix sort of their parts' ranks.
import type { PeriodKind } from './user-periods';

export type SegmentSource = 'area' | 'postcode' | 'users-file';
/** In the order their names sort, so ids rank as the text does. */
const SOURCES: readonly SegmentSource[] = ['area', 'postcode', 'users-file'];
export const SOURCE_ID: Readonly<Record<SegmentSource, number>> = { area: 0, postcode: 1, 'users-file': 2 };

/** Periods a users file can give: dates are 1900-2100 (user-periods.ts), at most 201 years of months, and "none". */
const PERIODS = 2500;
const TWO_32 = 2 ** 32;

export type UserCountCell = [area: string, scheme: string, segment: string, period: string, source: SegmentSource, count: number];

export class UserCounts {
  /** Cell keys by slot (-1: empty); a power of two long, at most half full. */
  private keys = new Float64Array(1 << 12).fill(-1);
  /** The cell in each filled slot: an index into the cell columns below. */
  private cellAt = new Int32Array(1 << 12);
  private cells = 0;
  /** Each cell's parts and count, in the order first counted (so ordering them decodes no key). */
  private cellArea = new Int32Array(1 << 11);
  private cellScheme = new Int32Array(1 << 11);
  private cellSegment = new Int32Array(1 << 11);
  private cellPeriod = new Int32Array(1 << 11);
  private cellSource = new Uint8Array(1 << 11);
  private counts = new Int32Array(1 << 11);
  private readonly segmentIds = new Map<string, number>();
  private readonly segmentNames: string[] = [];
  private readonly periodIds = new Map<string, number>();
  private readonly periodNames: string[] = [];
  private readonly schemeNames: string[];
  private readonly areaRadix: number;
  private readonly schemeRadix: number;
  /** As many segments as fit in a key below 2^53 with the other parts (millions for a national project). */
  private readonly segmentRadix: number;
  /** Users by (scheme id, source), and the pairs in the order first counted: the summary's key order. */
  private readonly totals: number[];
  private readonly totalsOrder: number[] = [];

  constructor(private readonly areaCodes: readonly string[], schemes: readonly string[], readonly periodKind: PeriodKind) {
    this.schemeNames = ['', ...schemes];
    this.areaRadix = Math.max(1, areaCodes.length);
    this.schemeRadix = this.schemeNames.length;
    this.segmentRadix = Math.floor(2 ** 53 / (this.areaRadix * this.schemeRadix * PERIODS * SOURCES.length));
    this.totals = new Array(this.schemeRadix * SOURCES.length).fill(0);
  }

  get size(): number {
    return this.cells;
  }

  segmentId(code: string): number {
    let id = this.segmentIds.get(code);
    if (id === undefined) {
      id = this.segmentNames.length;
      if (id >= this.segmentRadix) throw new Error(`more than ${this.segmentRadix} segments to count users in`);
      this.segmentIds.set(code, id);
      this.segmentNames.push(code);
    }
    return id;
  }

  periodId(period: string): number {
    let id = this.periodIds.get(period);
    if (id === undefined) {
      id = this.periodNames.length;
      if (id >= PERIODS) throw new Error(`more than ${PERIODS} periods to count users in`);
      this.periodIds.set(period, id);
      this.periodNames.push(period);
    }
    return id;
  }

  /** One user in a cell; scheme is an index into the schemes given, -1 for none; source a SOURCE_ID. */
  add(area: number, scheme: number, segment: number, period: number, source: number): void {
    const key = this.key(area, scheme + 1, segment, period, source);
    const keys = this.keys;
    const mask = keys.length - 1;
    // key < 2^53: its low and high 32 bits mixed (murmur3's finaliser constants).
    let h = Math.imul((key >>> 0) ^ Math.imul((key / TWO_32) | 0, 0x9e3779b1), 0x85ebca6b);
    h ^= h >>> 15;
    let slot = h & mask;
    let cell: number;
    for (;;) {
      const k = keys[slot];
      if (k === key) {
        cell = this.cellAt[slot];
        break;
      }
      if (k === -1) {
        cell = this.newCell(area, scheme + 1, segment, period, source);
        keys[slot] = key;
        this.cellAt[slot] = cell;
        break;
      }
      slot = (slot + 1) & mask;
    }
    this.counts[cell]++;
    const t = (scheme + 1) * SOURCES.length + source;
    if (this.totals[t]++ === 0) this.totalsOrder.push(t);
    if (this.cells * 2 > keys.length) this.grow();
  }

  private newCell(area: number, schemeId: number, segment: number, period: number, source: number): number {
    const cell = this.cells++;
    if (cell === this.counts.length) {
      const grown = <T extends Int32Array | Uint8Array>(a: T): T => {
        const b = new (a.constructor as new (n: number) => T)(a.length * 2);
        b.set(a);
        return b;
      };
      [this.cellArea, this.cellScheme, this.cellSegment, this.cellPeriod, this.counts] =
        [this.cellArea, this.cellScheme, this.cellSegment, this.cellPeriod, this.counts].map(grown);
      this.cellSource = grown(this.cellSource);
    }
    this.cellArea[cell] = area;
    this.cellScheme[cell] = schemeId;
    this.cellSegment[cell] = segment;
    this.cellPeriod[cell] = period;
    this.cellSource[cell] = source;
    return cell;
  }

  private grow(): void {
    const { keys: oldKeys, cellAt: oldCells } = this;
    this.keys = new Float64Array(oldKeys.length * 2).fill(-1);
    this.cellAt = new Int32Array(oldKeys.length * 2);
    for (let i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] < 0) continue;
      const slot = this.slotFor(oldKeys[i]);
      this.keys[slot] = oldKeys[i];
      this.cellAt[slot] = oldCells[i];
    }
  }

  /** The empty slot a key not yet in the table goes to. */
  private slotFor(key: number): number {
    const mask = this.keys.length - 1;
    let h = Math.imul((key >>> 0) ^ Math.imul((key / TWO_32) | 0, 0x9e3779b1), 0x85ebca6b);
    h ^= h >>> 15;
    let slot = h & mask;
    while (this.keys[slot] !== -1) slot = (slot + 1) & mask;
    return slot;
  }

  /**
   * Every cell, ordered by its parts' text (area, scheme, segment, period,
   * source), the order the cells were written in before they were numbers.
   */
  forEachSorted(visit: (area: string, scheme: string, segment: string, period: string, source: SegmentSource, count: number) => void): void {
    // Each part's id -> its rank among the part's names; a cell keyed by ranks sorts as its text.
    const rank = (names: readonly string[]): Uint32Array => {
      const order = Uint32Array.from(names.keys()).sort((a, b) => (names[a] < names[b] ? -1 : names[a] > names[b] ? 1 : 0));
      const out = new Uint32Array(names.length);
      order.forEach((id, r) => { out[id] = r; });
      return out;
    };
    const [areaRank, schemeRank, segmentRank, periodRank] = [this.areaCodes, this.schemeNames, this.segmentNames, this.periodNames].map(rank);
    // Ranks packed with radices as small as the names allow, so the sort has as few digits as it can.
    const nSchemes = this.schemeRadix, nSegments = Math.max(1, this.segmentNames.length), nPeriods = Math.max(1, this.periodNames.length);
    const n = this.cells;
    const { cellArea, cellScheme, cellSegment, cellPeriod, cellSource } = this;
    const ranked = new Float64Array(n);
    for (let c = 0; c < n; c++) {
      ranked[c] = (((areaRank[cellArea[c]] * nSchemes + schemeRank[cellScheme[c]]) * nSegments + segmentRank[cellSegment[c]]) * nPeriods +
        periodRank[cellPeriod[c]]) * SOURCES.length + cellSource[c];
    }
    const order = radixOrder(ranked);
    for (let j = 0; j < n; j++) {
      const c = order[j];
      visit(this.areaCodes[cellArea[c]], this.schemeNames[cellScheme[c]], this.segmentNames[cellSegment[c]], this.periodNames[cellPeriod[c]],
        SOURCES[cellSource[c]], this.counts[c]);
    }
  }

  /** Every cell in forEachSorted's order. */
  sortedCells(): UserCountCell[] {
    const out: UserCountCell[] = [];
    this.forEachSorted((...cell) => { out.push(cell); });
    return out;
  }

  private key(area: number, schemeId: number, segment: number, period: number, source: number): number {
    return (((area * this.schemeRadix + schemeId) * this.segmentRadix + segment) * PERIODS + period) * SOURCES.length + source;
  }

  /** Users per scheme by where their segment came from: what the import summary reports. */
  sourceTotals(): Record<string, Record<string, number>> {
    const totals: Record<string, Record<string, number>> = {};
    for (const t of this.totalsOrder) {
      const source = t % SOURCES.length;
      const scheme = this.schemeNames[(t - source) / SOURCES.length];
      if (!scheme) continue;
      (totals[scheme] ??= {})[SOURCES[source]] = this.totals[t];
    }
    return totals;
  }
}

/**
 * Positions of distinct integer keys (< 2^53) in increasing key order: an LSD radix
 * sort on 16-bit digits, as many as the largest key needs (4 for a national import).
 */
export function radixOrder(keys: Float64Array): Uint32Array {
  const n = keys.length;
  let order = Uint32Array.from({ length: n }, (_, i) => i);
  let next = new Uint32Array(n);
  const digit = new Uint16Array(n);
  let max = 0;
  for (let i = 0; i < n; i++) if (keys[i] > max) max = keys[i];
  const bucket = new Uint32Array(1 << 16);
  for (let shift = 0; shift === 0 || 2 ** shift <= max; shift += 16) {
    const scale = 2 ** shift;
    for (let i = 0; i < n; i++) digit[i] = Math.floor(keys[i] / scale) & 0xffff;
    bucket.fill(0);
    for (let i = 0; i < n; i++) bucket[digit[i]]++;
    let sum = 0;
    for (let d = 0; d < bucket.length; d++) { const c = bucket[d]; bucket[d] = sum; sum += c; }
    for (let i = 0; i < n; i++) { const at = order[i]; next[bucket[digit[at]]++] = at; }
    [order, next] = [next, order];
  }
  return order;
}
