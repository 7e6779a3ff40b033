// Option parsing shared by the travel-time commands (traveltime, isochrones, bands, suggest).
import type { TravelMode } from '../../../shared/domain';
import { CliError, requireOption, type ParsedOptions } from '../command';
import { parseDepartureWindow, toGtfsDate, type DepartureWindow } from '../../../shared/transit/gtfs-time';

/** --mode walk|drive; required unless a fallback is given (the analysis commands default to walk). */
export function modeOption(options: ParsedOptions, fallback?: TravelMode): TravelMode {
  const mode = fallback !== undefined && options.mode === undefined ? fallback : requireOption(options, 'mode');
  if (mode !== 'walk' && mode !== 'drive') throw new CliError(`--mode must be walk or drive, not "${mode}"`);
  return mode;
}

export function minutesOption(options: ParsedOptions, name: string, fallback?: number[]): number[] {
  const raw = options[name];
  if (raw === undefined && fallback) return fallback;
  if (typeof raw !== 'string' || raw === '') throw new CliError(`missing required option --${name}`);
  const values = raw.split(',').map((s) => Number(s.trim()));
  if (values.some((v) => !(v > 0) || !Number.isFinite(v))) throw new CliError(`--${name} must be positive minutes, e.g. 5,10,15`);
  return [...new Set(values)].sort((a, b) => a - b);
}

export function positiveInt(options: ParsedOptions, name: string): number {
  const v = Number(requireOption(options, name));
  if (!Number.isInteger(v) || v < 1) throw new CliError(`--${name} must be a positive whole number`);
  return v;
}

/** --mode transit with --date and --depart, or null for a road mode. */
export function transitOption(options: ParsedOptions): { date: string; window: DepartureWindow | 'opening-hours' } | null {
  // Realistic access takes a timetable too: households without a car then go by bus.
  if (options.mode !== 'transit' && !(options.mode === 'realistic' && options.date !== undefined)) return null;
  const date = requireOption(options, 'date');
  if (!toGtfsDate(date)) throw new CliError(`--date must be a date written YYYY-MM-DD, not "${date}"`);
  if (options.depart === 'opening-hours') return { date, window: 'opening-hours' };
  try {
    return { date, window: parseDepartureWindow(typeof options.depart === 'string' ? options.depart : '08:00-09:00') };
  } catch (error) {
    throw new CliError(`--depart: ${(error as Error).message}`);
  }
}
