// Which services run on a date: calendar.txt's weekly pattern within its date
// range, then calendar_dates.txt's additions and removals, which always win.
import type { ServiceException, ServiceWeek } from './feed';
import { weekdayIndex } from './gtfs-time';

export function servicesOn(weeks: ServiceWeek[], exceptions: ServiceException[], date: string): Set<string> {
  const running = new Set<string>();
  const day = weekdayIndex(date);
  for (const w of weeks) if (w.start <= date && date <= w.end && w.days[day]) running.add(w.serviceId);
  for (const e of exceptions) {
    if (e.date !== date) continue;
    if (e.type === 1) running.add(e.serviceId);
    else running.delete(e.serviceId);
  }
  return running;
}

/** The first and last dates any service runs (YYYYMMDD), or null for a feed with no dates. */
export function servicesDateRange(weeks: ServiceWeek[], exceptions: ServiceException[]): { first: string; last: string } | null {
  const dates = [...weeks.flatMap((w) => [w.start, w.end]), ...exceptions.filter((e) => e.type === 1).map((e) => e.date)].sort();
  return dates.length ? { first: dates[0], last: dates[dates.length - 1] } : null;
}
