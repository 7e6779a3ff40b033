// OSM opening_hours strings → weekly intervals for the availability rule.
// Evaluated over a fixed ordinary week (no bank holiday in England) so the
// answer does not change with the day the analysis is run.
import { openingHoursClass } from '../importers/opening-hours-lib';
import { DAYS, weeklyOpenHours, type WeeklyHours, type WeeklyInterval } from '../../shared/analysis/opening-hours';

const WEEK_START = new Date(2025, 5, 2); // Monday 2 June 2025, local time
const WEEK_END = new Date(2025, 5, 9);

const hhmm = (d: Date) => `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;

export function weeklyIntervals(openingHours: string): WeeklyInterval[] {
  const oh = new (openingHoursClass())(openingHours, null, 0);
  const result: WeeklyInterval[] = [];
  for (const [from, to, unknown] of oh.getOpenIntervals(WEEK_START, WEEK_END)) {
    if (unknown) continue;
    // Split at midnight so each interval belongs to one day.
    let start = from;
    while (start < to) {
      const midnight = new Date(start.getFullYear(), start.getMonth(), start.getDate() + 1);
      const end = to < midnight ? to : midnight;
      const dayIndex = (start.getDay() + 6) % 7;
      result.push({ day: DAYS[dayIndex], start: hhmm(start), end: end.getTime() === midnight.getTime() ? '24:00' : hhmm(end) });
      start = end;
    }
  }
  return result;
}

/** Null when the site has no hours recorded (the rule is then not assessed). */
export function siteWeeklyHours(openingHours: string | null): WeeklyHours | null {
  if (!openingHours) return null;
  return weeklyOpenHours(weeklyIntervals(openingHours));
}

/** When a site is open on one day (YYYYMMDD), seconds after midnight in time order; [] when closed or the hours say nothing. */
export function openSpellsOn(openingHours: string, gtfsDate: string): { from: number; to: number }[] {
  const day = new Date(Number(gtfsDate.slice(0, 4)), Number(gtfsDate.slice(4, 6)) - 1, Number(gtfsDate.slice(6, 8)));
  const next = new Date(day.getFullYear(), day.getMonth(), day.getDate() + 1);
  const seconds = (d: Date) => Math.round((d.getTime() - day.getTime()) / 1000);
  return new (openingHoursClass())(openingHours, null, 0).getOpenIntervals(day, next)
    .filter(([, , unknown]) => !unknown)
    .map(([from, to]) => ({ from: seconds(from), to: seconds(to) }));
}
