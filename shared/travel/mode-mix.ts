// How people really travel: an area's population split among the ways they
// get about, each part counted at its own mode's time. The "realistic" band
// view puts households without a car (Census TS045) at their walking time and
// the rest at their driving time; a public-transport mode slots in as one more
// entry of `modes` with its own times and shares.
//
// Each (area, mode) becomes a part-area with base × share and that mode's time,
// so bandTable runs unchanged on the result.
import type { SegmentBase } from '../domain';
import type { AreaTime, BandTableInput } from './bands';

export interface TravelModePart {
  mode: string;
  times: readonly AreaTime[];
  /** Share (0..1) of an area's base that travels this way; the shares of all modes sum to 1 per area. */
  share(areaCode: string): number;
}

export interface ModeMixInput {
  modes: readonly TravelModePart[];
  bases: readonly SegmentBase[];
  population?: readonly { areaCode: string; base: number }[];
}

const part = (areaCode: string, mode: string) => `${areaCode}\u0000${mode}`;

export function mixTravelModes(input: ModeMixInput): Pick<BandTableInput, 'areaTimes' | 'bases' | 'population'> {
  const areaTimes: AreaTime[] = [];
  for (const m of input.modes) for (const t of m.times) areaTimes.push({ areaCode: part(t.areaCode, m.mode), minutes: t.minutes });
  const split = <T extends { areaCode: string; base: number }>(rows: readonly T[]): T[] =>
    rows.flatMap((r) => input.modes.map((m) => ({ ...r, areaCode: part(r.areaCode, m.mode), base: r.base * m.share(r.areaCode) })));
  return { areaTimes, bases: split(input.bases), population: input.population ? split(input.population) : undefined };
}

/** The realistic split: households without a car walk, the rest drive. `noCar` is a share 0..1 per area. */
export function carAccessModes(walk: readonly AreaTime[], drive: readonly AreaTime[], noCar: (areaCode: string) => number): TravelModePart[] {
  return [
    { mode: 'walk', times: walk, share: noCar },
    { mode: 'drive', times: drive, share: (a) => 1 - noCar(a) },
  ];
}
