// One check of an OSM opening_hours string, for the sites file's hours column,
// a site-hours file and an hours edit in the app: parsed as OSM tools do
// (English public holidays), so a value the rule cannot read never gets stored.
import { openingHoursClass } from './opening-hours-lib';

export class OpeningHoursError extends Error {}

/** The parser's warnings (first line each); throws OpeningHoursError when the value is not valid syntax. */
export function checkOpeningHours(hours: string, point: [number, number]): string[] {
  try {
    const oh = new (openingHoursClass())(hours, { lat: point[1], lon: point[0], address: { country_code: 'gb', state: 'England' } });
    return oh.getWarnings().map((w) => w.split('\n')[0]);
  } catch (error) {
    throw new OpeningHoursError(`${JSON.stringify(hours)} is not valid OSM opening_hours syntax (${String(error).split('\n')[0].slice(0, 160)})`);
  }
}
