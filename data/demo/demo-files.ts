// Builds every demo file as text in memory, so tests and any in-memory
// pipeline can use the town without touching the disk.
import { forkRng } from './prng';
import { toCsv } from './csv';
import type { Pt } from './planar';
import { OAC_SUPERGROUPS, groupColour } from './oac-classes';
import { buildTownZones } from './town-zones';
import { buildPostcodes } from './postcode-directory';
import { buildTownRoads } from './town-roads';
import { roadsToOsmXml } from './osm-xml';
import { buildBusFeed } from './bus-network';
import { placeSites } from './service-sites';
import { buildServiceUsers } from './service-users';
import { demoReadme, smokingRatesReadme } from './readme-text';
import { DEFAULT_SEED, TOWN_NAME } from './town-plan';

export interface DemoTownCounts {
  outputAreas: number;
  lsoas: number;
  population: number;
  postcodes: number;
  serviceUsers: number;
  serviceSites: number;
  roadNodes: number;
  roadWays: number;
}

export interface DemoTownFiles {
  seed: number;
  townName: string;
  /** File name → exact file contents. */
  files: Record<string, string>;
  counts: DemoTownCounts;
}

/** GeoJSON with one feature per line: readable, diffable, still standard. */
function featureCollection(features: { properties: Record<string, string>; rings: Pt[][] }[]): string {
  const lines = features.map((f) => {
    const rings = f.rings.map((r) => [...r, r[0]]);
    return JSON.stringify({ type: 'Feature', properties: f.properties, geometry: { type: 'Polygon', coordinates: rings } });
  });
  return `{"type":"FeatureCollection","features":[\n${lines.join(',\n')}\n]}\n`;
}

export function buildDemoTownFiles(seed: number = DEFAULT_SEED): DemoTownFiles {
  const zones = buildTownZones(forkRng(seed, 'zones'));
  const postcodes = buildPostcodes(zones.oas, forkRng(seed, 'postcodes'));
  const roads = buildTownRoads(zones.oas, forkRng(seed, 'roads'));
  const sites = placeSites(roads, zones.oas, postcodes);
  const users = buildServiceUsers(zones.oas, sites, postcodes, forkRng(seed, 'users'));
  const population = zones.oas.reduce((s, oa) => s + oa.residents, 0);

  const segments = OAC_SUPERGROUPS.flatMap((sg) => [
    [sg.code, sg.name, '', 'supergroup', sg.colour, sg.description],
    ...sg.groups.map((g, i) => [g.code, g.name, sg.code, 'group', groupColour(sg.colour, i), '']),
  ]);

  const files: Record<string, string> = {
    'README.txt': demoReadme(seed, { population, oas: zones.oas.length, lsoas: zones.lsoas.length }),
    'oa_boundaries.geojson': featureCollection(
      zones.oas.map((oa) => ({ properties: { OA11CD: oa.code, LSOA11CD: oa.lsoaCode }, rings: [oa.lonLat] })),
    ),
    'lsoa_boundaries.geojson': featureCollection(
      zones.lsoas.map((l) => ({ properties: { LSOA11CD: l.code, LSOA11NM: l.name }, rings: l.rings })),
    ),
    'oac_segments.csv': toCsv(['code', 'name', 'parent_code', 'level', 'colour', 'description'], segments),
    'oac_assignments.csv': toCsv(['oa_code', 'supergroup', 'group'], zones.oas.map((oa) => [oa.code, oa.supergroup, oa.group])),
    'population.csv': toCsv(['oa_code', 'usual_residents'], zones.oas.map((oa) => [oa.code, oa.residents])),
    'postcodes.csv': toCsv(
      ['postcode', 'easting', 'northing', 'lat', 'lon', 'oa11cd'],
      postcodes.map((p) => [p.postcode, p.easting, p.northing, p.lat, p.lon, p.oaCode]),
    ),
    'smoking_rates.csv': toCsv(['segment_code', 'prevalence'], OAC_SUPERGROUPS.map((sg) => [sg.code, sg.smokingPrevalence.toFixed(3)])),
    'smoking_rates.README.txt': smokingRatesReadme(),
    'service_users.csv': toCsv(
      ['client_ref', 'nhs_number', 'first_name', 'surname', 'post_code', 'referral_date', 'age', 'sex'],
      users.map((u) => [u.clientRef, u.nhsNumber, u.firstName, u.surname, u.postCode, u.referralDate, u.age, u.sex]),
    ),
    'service_sites.csv': toCsv(
      ['site_name', 'site_type', 'lat', 'lon', 'postcode', 'opening_hours'],
      sites.map((s) => [s.name, s.type, s.lat, s.lon, s.postcode, s.openingHours]),
    ),
    'roads.osm': roadsToOsmXml(roads),
    ...Object.fromEntries(Object.entries(buildBusFeed(roads)).map(([name, text]) => [`gtfs/${name}`, text])),
  };
  return {
    seed,
    townName: TOWN_NAME,
    files,
    counts: {
      outputAreas: zones.oas.length,
      lsoas: zones.lsoas.length,
      population,
      postcodes: postcodes.length,
      serviceUsers: users.length,
      serviceSites: sites.length,
      roadNodes: roads.nodes.length,
      roadWays: roads.ways.length,
    },
  };
}
