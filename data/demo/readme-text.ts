// The plain-text notes that travel with the demo files, so nobody mistakes
// them for real data once they are copied elsewhere.
import { MOTORWAY_X, TOWN_NAME } from './town-plan';

export function demoReadme(seed: number, sizes: { population: number; oas: number; lsoas: number }): string {
  return `${TOWN_NAME}: a SYNTHETIC demo town for Catchment Gap Mapper
${'='.repeat(TOWN_NAME.length + 52)}

NOTHING IN THIS FOLDER IS REAL DATA. ${TOWN_NAME} is a fictional town of
${sizes.population} residents in ${sizes.oas} Output-Area-like zones and ${sizes.lsoas} LSOA-like zones, laid
over open farmland in Lincolnshire so the map has somewhere plausible to sit.
Its zones, postcodes, people, roads and service sites are all invented.

The files are generated deterministically: seed ${seed} always gives
byte-identical files. Regenerate with
  npx tsx data/demo/generate-cli.ts <out-dir> [--seed N]

Codes are chosen so they can never be mistaken for real ones:
  - OA codes start X00, LSOA codes X01 (real ONS codes start E00/E01).
  - Postcodes use the area "KF", which is well-formed but not a real
    postcode area. KF8 and KF9 postcodes in the client extract are
    deliberately missing from the postcode directory.
  - NHS numbers are in the 999 range that the NHS reserves for testing.
  - The motorway is tagged ref=M99, which does not exist.

Files
  oa_boundaries.geojson     OA-like zones, WGS84 (OA11CD, LSOA11CD)
  lsoa_boundaries.geojson   LSOA-like zones, exact unions of their OAs (LSOA11CD, LSOA11NM)
  oac_segments.csv          2011 OAC supergroups and groups (official names; colour-blind-safe
                            colours, not the official map colours)
  oac_assignments.csv       the OAC supergroup and group of each zone (invented)
  population.csv            usual residents per zone (invented)
  postcodes.csv             Code-Point-Open-like directory, British National Grid and WGS84
  smoking_rates.csv         ILLUSTRATIVE smoking prevalence per supergroup (see its README)
  service_users.csv         a synthetic stop-smoking client extract, with personal fields and
                            the usual data-entry problems (bad, untidy, unknown and
                            pseudo postcodes)
  service_sites.csv         six stop-smoking sites with OpenStreetMap opening_hours
  roads.osm                 OSM XML road network: a motorway ${Math.abs(MOTORWAY_X / 1000).toFixed(1)} km west of the centre
                            with a roundabout junction, A and B roads, a one-way gyratory,
                            residential streets, lanes and park footpaths
  gtfs/                     GTFS bus timetable (invented): two cross-town lines and a ring,
                            every 12-20 minutes on weekdays, thinner on Saturdays, none on
                            Sundays or the Christmas 2026 bank holidays, a late Friday bus

The gaps planted for the walkthrough
  - Accessibility: the south-east estate (Constrained City Dwellers) has the
    highest need and no site within about 2 km.
  - Availability: the commuter suburbs of the north (Urbanites, working
    age, away at work in the day) are close to Northgate Pharmacy, which opens
    Mo-Fr 09:00-17:00 only; uptake there is low.
  - Awareness: Ethnicity Central areas beside the well-served centre have
    sites close by with evening hours, yet come forward far less.
`;
}

export function smokingRatesReadme(): string {
  return `smoking_rates.csv: ILLUSTRATIVE SYNTHETIC RATES, NOT REAL STATISTICS
=====================================================================

These prevalence figures were made up for the ${TOWN_NAME} demo town. They
only loosely echo the published pattern (higher smoking in deprived and
routine/manual segments, lower in suburban and rural ones). Do not quote
them or use them for any real analysis.

Columns
  segment_code  2011 OAC supergroup code (1-8), as in oac_segments.csv
  prevalence    share of adults who smoke, 0 to 1
`;
}
