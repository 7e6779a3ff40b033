// Weekly opening hours, and how many of them fall outside office hours
// (Mon–Fri 09:00–17:00). Pure: the caller turns an OSM opening_hours string
// (or anything else) into weekly intervals first; the availability rule in
// gaps.ts takes the "hours outside office" figure as an input.

export const DAYS = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'] as const;
export type Day = (typeof DAYS)[number];

export interface WeeklyInterval {
  day: Day;
  /** "HH:MM", 24-hour. */
  start: string;
  /** "HH:MM"; an end at or before the start runs past midnight; "24:00" is end of day. */
  end: string;
}

export interface WeeklyHours {
  openHours: number;
  /** Open hours that are not Mon–Fri 09:00–17:00. */
  hoursOutsideOffice: number;
}

const MINUTES_PER_DAY = 24 * 60;
const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;

function minutesOf(hhmm: string): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm.trim());
  if (!m) throw new Error(`not a time of day: "${hhmm}"`);
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  if (Number(m[2]) > 59 || minutes > MINUTES_PER_DAY) throw new Error(`not a time of day: "${hhmm}"`);
  return minutes;
}

/** Intervals as [start, end) minutes from Monday 00:00, merged, wrapping Sunday night into Monday. */
function weekSpans(intervals: readonly WeeklyInterval[]): [number, number][] {
  const spans: [number, number][] = [];
  for (const iv of intervals) {
    const dayStart = DAYS.indexOf(iv.day) * MINUTES_PER_DAY;
    if (dayStart < 0) throw new Error(`unknown day "${iv.day}"`);
    const start = dayStart + minutesOf(iv.start);
    let end = dayStart + minutesOf(iv.end);
    if (end <= start) end += MINUTES_PER_DAY; // runs past midnight
    if (end > MINUTES_PER_WEEK) {
      spans.push([start, MINUTES_PER_WEEK], [0, end - MINUTES_PER_WEEK]);
    } else {
      spans.push([start, end]);
    }
  }
  spans.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else merged.push([s[0], s[1]]);
  }
  return merged;
}

function overlap(a: [number, number], b: [number, number]): number {
  return Math.max(0, Math.min(a[1], b[1]) - Math.max(a[0], b[0]));
}

const OFFICE: [number, number][] = [0, 1, 2, 3, 4].map((d) => [d * MINUTES_PER_DAY + 9 * 60, d * MINUTES_PER_DAY + 17 * 60]);

export function weeklyOpenHours(intervals: readonly WeeklyInterval[]): WeeklyHours {
  const spans = weekSpans(intervals);
  const open = spans.reduce((s, [a, b]) => s + (b - a), 0);
  const inOffice = spans.reduce((s, span) => s + OFFICE.reduce((t, o) => t + overlap(span, o), 0), 0);
  return { openHours: open / 60, hoursOutsideOffice: (open - inOffice) / 60 };
}
