// Column auto-suggestion for the column-mapping dialog and CLI defaults:
// recognise the names real UK files use (ONS, ONSPD/NSPL, Code-Point, NHS).
import type { ImportKind } from './importer';

export type ColumnRole =
  | 'areaCode'
  | 'areaName'
  | 'parentCode'
  | 'postcode'
  | 'lat'
  | 'lon'
  | 'easting'
  | 'northing'
  | 'terminated'
  | 'count'
  | 'segment'
  | 'code'
  | 'name'
  | 'level'
  | 'colour'
  | 'description'
  | 'rate'
  | 'index'
  | 'date'
  | 'type'
  | 'hours'
  | 'siteCode'
  | 'workingAge'
  | 'employed'
  | 'carAccess'
  | 'channels'
  | 'keyFacts';

const norm = (s: string) => s.toLowerCase().replace(/[\s_\-.()]/g, '');

// Exact names first (normalised); patterns catch year variants like oa21cd, lsoa11cd.
const EXACT: Record<ColumnRole, string[]> = {
  areaCode: ['oacode', 'oa', 'outputarea', 'geographycode', 'areacode', 'code', 'lsoacode', 'msoacode', 'wardcode', 'ladcode', 'geocode'],
  areaName: ['name', 'areaname', 'geographyname'],
  parentCode: ['parentcode', 'parent'],
  postcode: ['postcode', 'pcds', 'pcd', 'pcd2', 'pcd7', 'pcd8', 'postalcode', 'zip', 'addrpostcode'],
  lat: ['lat', 'latitude', 'y_lat'],
  lon: ['lon', 'long', 'lng', 'longitude'],
  easting: ['easting', 'eastings', 'oseast1m', 'x', 'east'],
  northing: ['northing', 'northings', 'osnrth1m', 'y', 'north'],
  terminated: ['doterm', 'dateofermination', 'terminated', 'dateterminated'],
  count: ['count', 'n', 'population', 'usualresidents', 'persons', 'households', 'value', 'obsvalue'],
  segment: ['segment', 'subgroup', 'group', 'supergroup', 'supgrpcode', 'grpcode', 'subgrpcode', 'oac', 'type'],
  code: ['code', 'segmentcode', 'id', 'odscode', 'sitecode', 'orgcode', 'organisationcode', 'practicecode'],
  name: ['name', 'segmentname', 'label', 'title', 'practicename', 'sitename'],
  level: ['level'],
  colour: ['colour', 'color', 'hex'],
  description: ['description', 'desc', 'pennportrait', 'notes'],
  rate: ['rate', 'prevalence', 'percent', 'pct', 'proportion'],
  index: ['index', 'indexvalue', 'idx'],
  date: ['date', 'referraldate', 'attendancedate', 'visitdate', 'appointmentdate', 'period'],
  type: ['type', 'category', 'amenity', 'sitetype'],
  hours: ['openinghours', 'opening_hours', 'hours'],
  siteCode: ['sitecode', 'odscode', 'organisationcode', 'practicecode', 'osmid', 'code'],
  workingAge: ['workingage', 'workingageshare', 'workingagepct', 'aged1664', 'age1664'],
  employed: ['employed', 'employedshare', 'employedpct', 'employment', 'inemployment'],
  carAccess: ['caraccess', 'carshare', 'caraccessshare', 'carorvan', 'households_with_car', 'withcar'],
  channels: ['channels', 'channel', 'preferredchannels', 'contactchannels', 'communication'],
  keyFacts: ['keyfacts', 'facts', 'notes', 'description'],
};

const PATTERNS: Partial<Record<ColumnRole, RegExp[]>> = {
  areaCode: [/^(oa|lsoa|msoa|ward|wd|lad|lau|dz|sa)\d{2}(cd|code)$/, /^(oa|lsoa|msoa)code/],
  areaName: [/^(oa|lsoa|msoa|ward|wd|lad)\d{2}nm$/],
  parentCode: [/^(lsoa|msoa|ward|wd|lad)\d{2}cd$/],
  lat: [/^lat/],
  lon: [/^(lon|long)/],
  postcode: [/postcode/, /^pc[ds]?\d?$/],
  count: [/count$/, /^total/],
  hours: [/opening/],
  workingAge: [/^workingage/, /1664/],
  employed: [/^employ/],
  carAccess: [/car/],
  channels: [/channel/],
};

/** Roles that make sense for each import kind, in suggestion order. */
const ROLES: Record<ImportKind, ColumnRole[]> = {
  boundaries: ['areaCode', 'areaName', 'parentCode'],
  gtfs: [],
  segments: ['code', 'name', 'parentCode', 'level', 'colour', 'description'],
  assignments: ['areaCode', 'segment', 'count'],
  population: ['areaCode', 'count'],
  postcodes: ['postcode', 'lat', 'lon', 'easting', 'northing', 'areaCode', 'terminated'],
  rates: ['segment', 'rate', 'index'],
  users: ['postcode', 'date'],
  sites: ['code', 'name', 'type', 'postcode', 'lat', 'lon', 'easting', 'northing', 'hours'],
  'site-hours': ['siteCode', 'hours'],
  'segment-profile': ['segment', 'workingAge', 'employed', 'carAccess', 'channels', 'keyFacts'],
  // The parent and name columns follow the new level's name (lookup-read.ts levelColumn), not a guess here.
  lookup: ['areaCode'],
  indicators: ['areaCode'],
  comparator: ['segment', 'count'],
};

function matches(role: ColumnRole, header: string): boolean {
  const n = norm(header);
  if (EXACT[role].includes(n)) return true;
  return (PATTERNS[role] ?? []).some((re) => re.test(n));
}

/**
 * Best header for each role of `kind` (or absent). A header is used for one
 * role only, and exact-name matches beat pattern matches.
 */
export function suggestColumns(kind: ImportKind, headers: string[]): Partial<Record<ColumnRole, string>> {
  const out: Partial<Record<ColumnRole, string>> = {};
  const used = new Set<string>();
  for (const role of ROLES[kind]) {
    const exact = headers.find((h) => !used.has(h) && EXACT[role].includes(norm(h)));
    const found = exact ?? headers.find((h) => !used.has(h) && matches(role, h));
    if (found) {
      out[role] = found;
      used.add(found);
    }
  }
  // In a boundary file the first matching code column is the area, the next one its parent.
  if (kind === 'boundaries' && out.parentCode === undefined) {
    const parent = headers.find((h) => !used.has(h) && /^(lsoa|msoa|ward|wd|lad)\d{2}cd$/.test(norm(h)));
    if (parent) out.parentCode = parent;
  }
  return out;
}
