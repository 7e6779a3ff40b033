// Gap classification for areas where uptake is significantly low, following
// the toolkit's "assess services" step:
//   accessibility — the nearest site is too far for the chosen mode;
//   availability  — the nearest site is open little outside Mon–Fri 09:00–17:00
//                   while the area's dominant segments are working-age/employed;
//   awareness     — neither: the service is reachable and open, yet not used;
//                   it names the channels the dominant segments respond to.
// Every finding carries the rule that fired, with its numbers, so the analyst
// can see why. A significantly-low area that no rule can classify for lack of
// data gets an explicit state saying what is missing and how to supply it, never
// a blank. Inputs are precomputed figures; nothing here does I/O.

import type { GapType, TravelMode } from '../domain';
import { isMostlyWorking, workingFigure, type SegmentAttributes } from './segment-profile';
import { isSignificantlyLow, type SignificanceLevel, type UptakeResult } from './uptake';

export type { SegmentAttributes } from './segment-profile';

export interface GapSettings {
  /** Which confidence interval must lie wholly below 1. */
  significanceLevel: SignificanceLevel;
  /** Travel time above which a site counts as inaccessible, by mode (minutes). */
  travelMinutes: Record<TravelMode, number>;
  /** Used only until travel times exist: straight-line distance threshold (km). */
  straightLineKm: Record<TravelMode, number>;
  /** Fewer weekly open hours than this outside office hours counts as "little". */
  minHoursOutsideOffice: number;
  /** Dominant segments: the largest, taken until they cover this share of the area base. */
  dominantShare: number;
  /**
   * Which access the accessibility rule judges: 'mode' (the analysis's travel mode, as before), walking,
   * driving, or 'realistic' (households without a car on foot, the rest driving, from Census TS045).
   */
  accessView: AccessView;
  /** Realistic view: an accessibility gap when more than this share of households are too far for how they travel. */
  realisticShare: number;
}

export type AccessView = 'mode' | 'walk' | 'drive' | 'realistic';

/** How the access column's minutes were travelled: the judged mode, or on foot by the households without a car. */
export function accessLabel(view: AccessView, mode: TravelMode): string {
  if (view === 'realistic') return 'walk (households without a car)';
  return view === 'mode' ? mode : view;
}

export const DEFAULT_GAP_SETTINGS: GapSettings = {
  significanceLevel: 0.95,
  travelMinutes: { walk: 15, drive: 15 },
  // ~15 minutes' walk at 4.8 km/h less a detour allowance; ~15 minutes' urban drive.
  straightLineKm: { walk: 1, drive: 6 },
  minHoursOutsideOffice: 4,
  dominantShare: 0.5,
  accessView: 'mode',
  realisticShare: 0.2,
};

/** A partial change to the settings: per-run flags over the project's settings, or an edit. */
export type GapSettingsPatch = Partial<Omit<GapSettings, 'travelMinutes' | 'straightLineKm'>> & {
  travelMinutes?: Partial<Record<TravelMode, number>>;
  straightLineKm?: Partial<Record<TravelMode, number>>;
};

export function mergeGapSettings(base: GapSettings, patch: GapSettingsPatch = {}): GapSettings {
  return {
    ...base, ...patch,
    travelMinutes: { ...base.travelMinutes, ...patch.travelMinutes },
    straightLineKm: { ...base.straightLineKm, ...patch.straightLineKm },
  };
}

/** The thresholds in one line, as every export and report records them beside the results. */
export function describeGapSettings(s: GapSettings): string {
  return (
    `Gap thresholds: nearest site over ${s.travelMinutes.walk} min walking / ${s.travelMinutes.drive} min driving ` +
    `(straight line ${s.straightLineKm.walk} / ${s.straightLineKm.drive} km); under ${s.minHoursOutsideOffice} h/week open outside Mon–Fri 09:00–17:00; ` +
    `dominant segments cover ${Math.round(s.dominantShare * 100)}% of the base; significantly low at ${s.significanceLevel * 100}%.` +
    (s.accessView === 'mode' ? '' : s.accessView === 'realistic'
      ? ` Accessibility judged realistically: a gap when over ${pct(s.realisticShare)} of households are too far (without a car: walking; the rest: driving).`
      : ` Accessibility judged by ${s.accessView === 'walk' ? 'walking' : 'driving'} whatever the analysis mode.`)
  );
}

export type AccessMeasure =
  | { measure: 'travel-time'; mode: TravelMode; minutes: number }
  | { measure: 'straight-line'; mode: TravelMode; km: number }
  /** The area's point reaches no site over the network by this mode: the strongest accessibility gap, not a missing figure. */
  | { measure: 'unreachable'; mode: TravelMode }
  /**
   * Realistic access: households without a car (noCarShare, 0–1) at their walking time, the rest at their driving time;
   * null minutes = no site reachable that way.
   */
  | { measure: 'realistic'; walkMinutes: number | null; driveMinutes: number | null; noCarShare: number };

export interface GapAreaInput {
  areaCode: string;
  uptake: UptakeResult;
  /** To the nearest site of the service; null when unknown (not assessed), 'unreachable' when known to be none. */
  access: AccessMeasure | null;
  /** Weekly open hours outside Mon–Fri 09:00–17:00 at the nearest site; null when unknown. */
  nearestSiteHoursOutsideOffice: number | null;
  /** Name of the nearest site, for the state when its hours are unknown. */
  nearestSiteName?: string | null;
  /** Base per segment in this area. */
  segmentBases: { segmentCode: string; base: number }[];
}

export interface GapFinding {
  type: GapType;
  rule: string;
}

export interface GapResult {
  areaCode: string;
  significantlyLow: boolean;
  types: GapType[];
  findings: GapFinding[];
  /** Rules that could not be evaluated for lack of data. */
  unassessed: GapType[];
  /**
   * Significantly low but no gap type: what is known and what is missing, e.g.
   * "reachable (…); opening hours unknown, so availability cannot be judged (…)".
   * Null otherwise.
   */
  state: string | null;
  notes: string[];
}

const fmt = (n: number) => (Math.round(n * 10) / 10).toFixed(1);

/** Largest segments until they cover `share` of the base. */
export function dominantSegments(bases: GapAreaInput['segmentBases'], share: number): { segmentCode: string; share: number }[] {
  const total = bases.reduce((s, b) => s + b.base, 0);
  if (total <= 0) return [];
  const sorted = [...bases].filter((b) => b.base > 0).sort((a, b) => b.base - a.base || a.segmentCode.localeCompare(b.segmentCode));
  const picked: { segmentCode: string; share: number }[] = [];
  let covered = 0;
  for (const b of sorted) {
    // Shares are sums of fractions: 0.6 + 0.3 must count as covering 0.9.
    if (covered >= share - 1e-9) break;
    picked.push({ segmentCode: b.segmentCode, share: b.base / total });
    covered += b.base / total;
  }
  return picked;
}

/** The area's largest segment (ties by code), e.g. for the exported dominant_segment. */
export function largestSegment(bases: GapAreaInput['segmentBases']): string | null {
  let best: GapAreaInput['segmentBases'][number] | null = null;
  for (const b of bases) if (b.base > 0 && (!best || b.base > best.base || (b.base === best.base && b.segmentCode < best.segmentCode))) best = b;
  return best?.segmentCode ?? null;
}

const pct = (share: number) => `${fmt(Math.round(share * 1000) / 10)}%`;

/** The share of households too far for how they travel, against the realistic threshold. */
function realisticRule(access: Extract<AccessMeasure, { measure: 'realistic' }>, s: GapSettings): { fired: boolean; rule: string } {
  const walkFar = access.walkMinutes === null || access.walkMinutes > s.travelMinutes.walk;
  const driveFar = access.driveMinutes === null || access.driveMinutes > s.travelMinutes.drive;
  const tooFar = (walkFar ? access.noCarShare : 0) + (driveFar ? 1 - access.noCarShare : 0);
  const fired = tooFar > s.realisticShare;
  const time = (m: number | null, how: string) => (m === null ? `no site reachable ${how}` : `nearest site ${fmt(m)} min ${how}`);
  return {
    fired,
    rule: `${pct(access.noCarShare)} of households without a car: ${time(access.walkMinutes, 'walking')} (threshold ${fmt(s.travelMinutes.walk)} min); ` +
      `the rest: ${time(access.driveMinutes, 'driving')} (threshold ${fmt(s.travelMinutes.drive)} min); ` +
      `${pct(tooFar)} of households too far ${fired ? '>' : '<='} ${pct(s.realisticShare)}`,
  };
}

function accessibilityRule(access: AccessMeasure, s: GapSettings): { fired: boolean; rule: string } {
  if (access.measure === 'realistic') return realisticRule(access, s);
  if (access.measure === 'unreachable') return { fired: true, rule: `no site reachable by ${access.mode}` };
  if (access.measure === 'travel-time') {
    const limit = s.travelMinutes[access.mode];
    const fired = access.minutes > limit;
    return { fired, rule: `nearest site ${fmt(access.minutes)} min by ${access.mode} ${fired ? '>' : '<='} threshold ${fmt(limit)} min` };
  }
  const limit = s.straightLineKm[access.mode];
  const fired = access.km > limit;
  return {
    fired,
    rule: `nearest site ${fmt(access.km)} km straight-line (${access.mode}) ${fired ? '>' : '<='} threshold ${fmt(limit)} km` +
      ' — straight-line distance, travel times not available',
  };
}

type RuleOutcome = { fired: boolean; rule: string } | { unknown: string };

const segmentName = (attributes: Record<string, SegmentAttributes>, code: string) => attributes[code]?.name ?? code;

function availabilityRule(
  hoursOutside: number, input: GapAreaInput, attributes: Record<string, SegmentAttributes>, s: GapSettings,
): RuleOutcome {
  const dominant = dominantSegments(input.segmentBases, s.dominantShare);
  const share = (working: boolean | null) =>
    dominant.filter((d) => isMostlyWorking(attributes[d.segmentCode]) === working).reduce((t, d) => t + d.share, 0);
  const dominantTotal = dominant.reduce((t, d) => t + d.share, 0);
  const unknown = dominant.filter((d) => isMostlyWorking(attributes[d.segmentCode]) === null);
  // "Dominant segments are working-age/employed": most of the dominant base is in working segments.
  // Segments with no profile could tip it either way unless the known ones already decide it.
  const mostlyWorking = dominantTotal > 0 && share(true) / dominantTotal > 0.5;
  const decided = mostlyWorking || (dominantTotal > 0 && share(false) / dominantTotal >= 0.5);
  if (!decided) {
    const names = unknown.map((d) => segmentName(attributes, d.segmentCode)).join(', ') || 'none';
    return { unknown: `working-age/employed share of dominant segments (${names}) unknown, so availability cannot be judged (import a segment profile)` };
  }
  const fewHours = hoursOutside < s.minHoursOutsideOffice;
  const names = dominant
    .map((d) => `${segmentName(attributes, d.segmentCode)} ${Math.round(d.share * 100)}% (${workingFigure(attributes[d.segmentCode])})`)
    .join(', ');
  const rule =
    `nearest site open ${fmt(hoursOutside)} h/week outside Mon–Fri 09:00–17:00 ${fewHours ? '<' : '>='} threshold ${fmt(s.minHoursOutsideOffice)} h; ` +
    `dominant segments ${names || 'none'} ${mostlyWorking ? 'are' : 'are not'} mostly working-age/employed`;
  return { fired: fewHours && mostlyWorking, rule };
}

/** How to reach the dominant segments, from their profiles' preferred channels. */
function channelAdvice(input: GapAreaInput, attributes: Record<string, SegmentAttributes>, s: GapSettings): string {
  const dominant = dominantSegments(input.segmentBases, s.dominantShare);
  const parts = dominant.map((d) => {
    const channels = attributes[d.segmentCode]?.channels ?? [];
    return `${segmentName(attributes, d.segmentCode)}: ${channels.length ? channels.join(', ') : 'channels unknown (import a segment profile)'}`;
  });
  return `reach them through ${parts.join('; ') || 'no dominant segment'}`;
}

export function classifyGap(
  input: GapAreaInput,
  attributes: Record<string, SegmentAttributes>,
  settings: GapSettings = DEFAULT_GAP_SETTINGS,
): GapResult {
  const result: GapResult = { areaCode: input.areaCode, significantlyLow: false, types: [], findings: [], unassessed: [], state: null, notes: [] };
  const u = input.uptake;
  if (!isSignificantlyLow(u, settings.significanceLevel)) {
    result.notes.push('uptake not significantly low: no gap classified');
    return result;
  }
  result.significantlyLow = true;
  const ci = settings.significanceLevel === 0.95 ? u.ci95 : u.ci998;
  result.notes.push(
    `uptake ratio ${(u.ratio ?? 0).toFixed(2)} (${settings.significanceLevel * 100}% CI ${ci!.lower.toFixed(2)}–${ci!.upper.toFixed(2)}), ` +
      `${u.observed} users where ${fmt(u.expected)} expected`,
  );

  const checks: { type: GapType; fired: boolean; rule: string }[] = [];
  const missing: string[] = [];
  if (input.access) checks.push({ type: 'accessibility', ...accessibilityRule(input.access, settings) });
  else {
    result.unassessed.push('accessibility');
    missing.push('no travel time or distance to a site, so accessibility cannot be judged (the area has no point to route from)');
  }
  if (input.nearestSiteHoursOutsideOffice !== null) {
    const outcome = availabilityRule(input.nearestSiteHoursOutsideOffice, input, attributes, settings);
    if ('unknown' in outcome) {
      result.unassessed.push('availability');
      missing.push(outcome.unknown);
    } else checks.push({ type: 'availability', ...outcome });
  } else {
    result.unassessed.push('availability');
    const site = input.nearestSiteName ? ` at ${input.nearestSiteName}` : '';
    missing.push(`opening hours${site} unknown, so availability cannot be judged (import site hours or edit the site)`);
  }

  for (const c of checks.filter((c) => c.fired)) {
    result.types.push(c.type);
    result.findings.push({ type: c.type, rule: c.rule });
  }
  if (result.types.length === 0) {
    if (result.unassessed.length > 0) {
      // Awareness means "reachable and open, yet not used": it cannot be concluded while a rule is unjudged.
      const known = checks.map((c) => (c.type === 'accessibility' ? `reachable (${c.rule})` : c.rule));
      result.state = [...known, ...missing].join('; ');
      result.notes.push(`not classified: ${result.unassessed.join(' and ')} could not be assessed`);
    } else {
      result.types.push('awareness');
      result.findings.push({
        type: 'awareness',
        rule: `neither rule fired: ${checks.map((c) => c.rule).join('; ')}; ${channelAdvice(input, attributes, settings)}`,
      });
    }
  }
  return result;
}

export function classifyGaps(
  inputs: readonly GapAreaInput[], attributes: Record<string, SegmentAttributes>, settings: GapSettingsPatch = {},
): GapResult[] {
  const merged = mergeGapSettings(DEFAULT_GAP_SETTINGS, settings);
  return inputs.map((i) => classifyGap(i, attributes, merged));
}
