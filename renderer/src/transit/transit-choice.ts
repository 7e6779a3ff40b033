// The public-transport day and departure window the analyst chose, shared by
// the band table's column group, the transit isochrone layer and the exports,
// so a file says what the screen shows. Off until asked for: a window of
// departures takes seconds to route.
import { useSyncExternalStore } from 'react';

export interface TransitChoiceState {
  on: boolean;
  /** YYYY-MM-DD; '' until the feed's dates are known. */
  date: string;
  /** HH:MM-HH:MM, or 'opening-hours' (each site's hours that day). */
  depart: string;
}

export const WINDOW_PATTERN = /^\d{1,2}:\d{2}-\d{1,2}:\d{2}$/;
/** The departure choice that follows the sites' opening hours on the day. */
export const OPENING_HOURS = 'opening-hours';

let current: TransitChoiceState = { on: false, date: '', depart: '08:00-09:00' };
const listeners = new Set<() => void>();

export function setTransitChoice(patch: Partial<TransitChoiceState>): void {
  current = { ...current, ...patch };
  for (const l of listeners) l();
}

export function getTransitChoice(): TransitChoiceState {
  return current;
}

export function useTransitChoice(): TransitChoiceState {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    getTransitChoice,
    getTransitChoice,
  );
}

/** The choice as the services take it, or null when off or not yet written right. */
export function activeTransit(s: TransitChoiceState): { date: string; depart: string } | null {
  if (!s.on || !/^\d{4}-\d{2}-\d{2}$/.test(s.date) || !(s.depart === OPENING_HOURS || WINDOW_PATTERN.test(s.depart))) return null;
  return { date: s.date, depart: s.depart };
}

const iso = (gtfs: string) => `${gtfs.slice(0, 4)}-${gtfs.slice(4, 6)}-${gtfs.slice(6, 8)}`;

/** The next Tuesday (a typical weekday) from today, kept within the dates the timetable covers. */
export function defaultTransitDate(today: Date, first: string | null, last: string | null): string {
  const d = new Date(Date.UTC(today.getFullYear(), today.getMonth(), today.getDate()));
  d.setUTCDate(d.getUTCDate() + ((2 - d.getUTCDay() + 7) % 7));
  let date = d.toISOString().slice(0, 10);
  if (last && date > iso(last)) date = iso(last);
  if (first && date < iso(first)) date = iso(first);
  return date;
}

export const gtfsToIso = iso;
