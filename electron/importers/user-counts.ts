// Service users counted into (area, scheme, segment, period, segment source)
// cells keyed by one number, each part its id in a dictionary: a national
// import counts ~1M users into ~800k cells, and joining five strings into a
// key for every user cost about a quarter of it (bench/README.md).
import type { PeriodKind } from './user-periods';

export type SegmentSource = 'area' | 'postcode' | 'users-file';
/** In the order their names sort, so ids rank as the text does. */
const SOURCES: readonly SegmentSource[] = ['area', 'postcode', 'users-file'];
const SOURCE_ID: Record<SegmentSource, number> = { area: 0, postcode: 1, 'users-file': 2 };

/** Periods a users file can give: dates are 1900-2100 (user-periods.ts), at most 201 years of months, and "none". */
const PERIODS = 2500;

export type UserCountCell = [area: string, scheme: string, segment: string, period: string, source: SegmentSource, count: number];

export class UserCounts {
  private readonly counts = new Map<number, number>();
  private readonly segmentIds = new Map<string, number>();
  private readonly segmentNames: string[] = [];
  private readonly periodIds = new Map<string, number>();
  private readonly periodNames: string[] = [];
  private readonly schemeNames: string[];
  private readonly areaRadix: number;
  private readonly schemeRadix: number;
  /** As many segments as fit in a key below 2^53 with the other parts (millions for a national project). */
  private readonly segmentRadix: number;

  constructor(private readonly areaCodes: readonly string[], schemes: readonly string[], readonly periodKind: PeriodKind) {
    this.schemeNames = ['', ...schemes];
    this.areaRadix = Math.max(1, areaCodes.length);
    this.schemeRadix = this.schemeNames.length;
    this.segmentRadix = Math.floor(2 ** 53 / (this.areaRadix * this.schemeRadix * PERIODS * SOURCES.length));
  }

  get size(): number {
    return this.counts.size;
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

  /** One user in a cell; scheme is an index into the schemes given, -1 for none. */
  add(area: number, scheme: number, segment: number, period: number, source: SegmentSource): void {
    const key = this.key(area, scheme + 1, segment, period, SOURCE_ID[source]);
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  private parts(key: number): [area: number, scheme: number, segment: number, period: number, source: number] {
    const source = key % SOURCES.length;
    let rest = (key - source) / SOURCES.length;
    const period = rest % PERIODS;
    rest = (rest - period) / PERIODS;
    const segment = rest % this.segmentRadix;
    rest = (rest - segment) / this.segmentRadix;
    const scheme = rest % this.schemeRadix;
    return [(rest - scheme) / this.schemeRadix, scheme, segment, period, source];
  }

  /**
   * Every cell, ordered by its parts' text (area, scheme, segment, period,
   * source), the order the cells were written in before they were numbers.
   */
  *sortedCells(): Generator<UserCountCell> {
    // Each part's id -> its rank among the part's names, and back; a cell keyed by ranks sorts as its text.
    const rank = (names: readonly string[]): [Float64Array, Uint32Array] => {
      const order = Uint32Array.from(names.keys()).sort((a, b) => (names[a] < names[b] ? -1 : names[a] > names[b] ? 1 : 0));
      const out = new Float64Array(names.length);
      order.forEach((id, r) => { out[id] = r; });
      return [out, order];
    };
    const [[areaRank, areaOf], [schemeRank, schemeOf], [segmentRank, segmentOf], [periodRank, periodOf]] =
      [this.areaCodes, this.schemeNames, this.segmentNames, this.periodNames].map(rank);
    const ranked = new Float64Array(this.counts.size);
    let i = 0;
    for (const key of this.counts.keys()) {
      const [a, s, g, p, src] = this.parts(key);
      ranked[i++] = this.key(areaRank[a], schemeRank[s], segmentRank[g], periodRank[p], src);
    }
    ranked.sort(); // numerically, natively: a comparator sort of ~800k cells was a sixth of a national import
    for (const r of ranked) {
      const [ra, rs, rg, rp, src] = this.parts(r);
      const [a, s, g, p] = [areaOf[ra], schemeOf[rs], segmentOf[rg], periodOf[rp]];
      yield [this.areaCodes[a], this.schemeNames[s], this.segmentNames[g], this.periodNames[p], SOURCES[src], this.counts.get(this.key(a, s, g, p, src))!];
    }
  }

  private key(area: number, schemeId: number, segment: number, period: number, source: number): number {
    return (((area * this.schemeRadix + schemeId) * this.segmentRadix + segment) * PERIODS + period) * SOURCES.length + source;
  }

  /** Users per scheme by where their segment came from: what the import summary reports. */
  sourceTotals(): Record<string, Record<string, number>> {
    const totals: Record<string, Record<string, number>> = {};
    for (const [key, n] of this.counts) {
      const [, s, , , src] = this.parts(key);
      const scheme = this.schemeNames[s];
      if (!scheme) continue;
      const t = (totals[scheme] ??= {});
      t[SOURCES[src]] = (t[SOURCES[src]] ?? 0) + n;
    }
    return totals;
  }
}
