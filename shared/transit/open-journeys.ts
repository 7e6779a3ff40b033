// Journeys during the sites' opening hours: the traveller leaves at each minute
// any site is open that day, and a journey counts only to a site that is open
// when they get there (arriving in a closed spell, such as lunch, they wait at
// the door until it opens; arriving after it shuts for the day, that site is no
// answer). A late bus that reaches the surgery after it has closed is no
// journey at all, where the plain departure window would have counted it.
import { median, type StopWalk } from './journey-times';
import { raptor, raptorScratch, type RaptorOptions, type RaptorScratch } from './raptor';
import type { DepartureWindow } from './gtfs-time';
import type { Timetable } from './timetable';

export interface OpenSite {
  /** Walk from each stop of the timetable to this site (Infinity: none). */
  egress: Float64Array;
  /** When it is open on the day, seconds after midnight, in time order; empty = closed all day. */
  open: DepartureWindow[];
}

export interface OriginToSites {
  access: StopWalk[];
  /** Walking all the way to each site (index as the sites), Infinity when it cannot be walked. */
  directWalk: number[];
}

/** The earliest time at or after `arrival` that the site is open: inside a spell, or the start of the next; Infinity after the last. */
export function usableArrival(arrival: number, open: DepartureWindow[]): number {
  for (const spell of open) {
    if (arrival < spell.from) return spell.from;
    if (arrival < spell.to) return arrival;
  }
  return Infinity;
}

/** The minutes any site is open: the union of their spells, in time order. */
export function openingWindows(sites: OpenSite[]): DepartureWindow[] {
  const spells = sites.flatMap((s) => s.open).sort((a, b) => a.from - b.from);
  const merged: DepartureWindow[] = [];
  for (const s of spells) {
    const last = merged[merged.length - 1];
    if (last && s.from <= last.to) last.to = Math.max(last.to, s.to);
    else merged.push({ ...s });
  }
  return merged;
}

/** Door-to-open-site seconds leaving at `depart`; Infinity when no site is reached while open. */
export function openJourneySeconds(
  tt: Timetable, origin: OriginToSites, sites: OpenSite[], depart: number, options: RaptorOptions = {}, scratch?: RaptorScratch,
): number {
  const arrival = origin.access.length ? raptor(tt, origin.access.map((a) => ({ stop: a.stop, time: depart + a.seconds })), options, scratch) : null;
  let best = Infinity;
  sites.forEach((site, i) => {
    let at = depart + origin.directWalk[i];
    if (arrival) {
      for (let s = 0; s < arrival.length; s++) {
        const t = arrival[s] + site.egress[s];
        if (t < at) at = t;
      }
    }
    // usableArrival never decreases as the arrival gets later, so the earliest arrival gives the earliest time seen.
    const usable = Number.isFinite(at) ? usableArrival(at, site.open) : Infinity;
    if (usable - depart < best) best = usable - depart;
  });
  return best;
}

/** Median over every departure minute while any site is open; null when most of them reach no open site. */
export function medianOpenJourneySeconds(
  tt: Timetable, origin: OriginToSites, sites: OpenSite[], options: RaptorOptions & { stepSeconds?: number } = {}, scratch = raptorScratch(tt),
): number | null {
  const step = options.stepSeconds ?? 60;
  const times: number[] = [];
  for (const w of openingWindows(sites)) for (let t = w.from; t < w.to; t += step) times.push(openJourneySeconds(tt, origin, sites, t, options, scratch));
  return median(times);
}
