// GTFS clock times ("H:MM:SS", hours may pass 24 for trips running after
// midnight) and dates ("YYYYMMDD"), and the HH:MM departure windows analysts type.

/** Seconds after midnight, or null when the text is not a GTFS time. */
export function parseGtfsTime(text: string): number | null {
  const m = /^\s*(\d{1,3}):([0-5]\d):([0-5]\d)\s*$/.exec(text);
  if (!m) return null;
  return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]);
}

/** Seconds after midnight as GTFS writes them, "H:MM:SS" with hours past 24 for after midnight. */
export function formatGtfsTime(seconds: number): string {
  const s = Math.round(seconds);
  return `${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

export function formatClock(seconds: number): string {
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** True for a real calendar date written YYYYMMDD. */
export function isGtfsDate(text: string): boolean {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** "2026-12-07" or "20261207" to "20261207"; null when not a real date. */
export function toGtfsDate(text: string): string | null {
  const compact = text.trim().replace(/^(\d{4})-(\d{2})-(\d{2})$/, '$1$2$3');
  return isGtfsDate(compact) ? compact : null;
}

/** The date `days` after a YYYYMMDD date. */
export function addDays(date: string, days: number): string {
  const d = new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(4, 6)) - 1, Number(date.slice(6, 8)) + days));
  return `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
}

/** 0 = Monday ... 6 = Sunday, as calendar.txt orders its columns. */
export function weekdayIndex(date: string): number {
  const d = new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(4, 6)) - 1, Number(date.slice(6, 8))));
  return (d.getUTCDay() + 6) % 7;
}

export interface DepartureWindow {
  /** Seconds after midnight, inclusive. */
  from: number;
  /** Seconds after midnight, exclusive. */
  to: number;
}

/** "08:00-09:00" to a window; throws a RangeError naming what is wrong. */
export function parseDepartureWindow(text: string): DepartureWindow {
  const m = /^\s*(\d{1,2}):(\d{2})\s*[-–]\s*(\d{1,2}):(\d{2})\s*$/.exec(text);
  if (!m) throw new RangeError(`departure window "${text}" is not HH:MM-HH:MM, e.g. 08:00-09:00`);
  const from = Number(m[1]) * 3600 + Number(m[2]) * 60;
  const to = Number(m[3]) * 3600 + Number(m[4]) * 60;
  if (Number(m[2]) > 59 || Number(m[4]) > 59 || from >= 24 * 3600 || to > 24 * 3600) {
    throw new RangeError(`departure window "${text}" has a time that is not on the clock`);
  }
  if (!(to > from)) throw new RangeError(`departure window "${text}" must end after it starts`);
  return { from, to };
}
