// Fetching analysis inputs from the project. SQL only here; the analysis
// itself is in shared/analysis and never sees the database.
import type Database from 'better-sqlite3';
import type { ParentMap } from '../../shared/analysis/hierarchy';
import type { SegmentAttributes } from '../../shared/analysis/gaps';
import { inheritRates } from '../../shared/analysis/need';
import type { ProjectHoldings } from '../../shared/analysis/readiness';
import type { BaseKind, Segment, SegmentBase, SegmentRate, SegmentSourceStored, ServiceSite, UserCount } from '../../shared/domain';
import { hasFeatureTable, listFeatureTables, readFeatures } from '../store/gpkg';
import { areaPoints, type AreaPoint } from '../routing/project-inputs';
import { InputError } from '../../shared/errors';

export function schemeSegments(db: Database.Database, scheme: string): (Segment & { attributes: SegmentAttributes })[] {
  const rows = db
    .prepare('SELECT code, name, parent_code, level, colour, description, attributes FROM cgm_segments WHERE scheme = ? ORDER BY code')
    .all(scheme) as { code: string; name: string; parent_code: string | null; level: string; colour: string | null; description: string | null; attributes: string }[];
  return rows.map((r) => ({
    scheme,
    code: r.code,
    name: r.name,
    parentCode: r.parent_code,
    level: r.level,
    colour: r.colour,
    description: r.description,
    attributes: { ...(JSON.parse(r.attributes || '{}') as SegmentAttributes), name: r.name },
  }));
}

/** Segment code → name, for tables that print a code (profile-level independent). */
export function segmentNames(db: Database.Database, scheme: string): Map<string, string> {
  const rows = db.prepare('SELECT code, name FROM cgm_segments WHERE scheme = ?').all(scheme) as { code: string; name: string }[];
  return new Map(rows.map((r) => [r.code, r.name]));
}

/** Persons or households: what the scheme's counts (and so its base) are of. */
export function schemeBaseKind(db: Database.Database, scheme: string): BaseKind {
  const row = db.prepare('SELECT base_kind FROM cgm_schemes WHERE name = ?').get(scheme) as { base_kind: BaseKind } | undefined;
  return row?.base_kind ?? 'persons';
}

/** The population bases imported into the project. */
export function presentBaseKinds(db: Database.Database): BaseKind[] {
  return db.prepare('SELECT DISTINCT base_kind FROM cgm_population ORDER BY base_kind DESC').pluck().all() as BaseKind[];
}

/** Whether the scheme's assignments carry counts per area × segment (which are then its base). */
export function isCountScheme(db: Database.Database, scheme: string): boolean {
  return Boolean(db.prepare('SELECT 1 FROM cgm_assignments WHERE scheme = ? AND count IS NOT NULL LIMIT 1').get(scheme));
}

/**
 * Base per area × segment. Where a scheme gives one segment per area (OAC),
 * the whole area population is that segment's base; where it gives counts
 * (Mosaic households), the counts are the base.
 */
export function segmentBases(db: Database.Database, scheme: string, baseKind: BaseKind = schemeBaseKind(db, scheme)): SegmentBase[] {
  const rows = db
    .prepare(
      `SELECT a.area_code AS areaCode, a.segment_code AS segmentCode, COALESCE(a.count, p.count) AS base
       FROM cgm_assignments a LEFT JOIN cgm_population p ON p.area_code = a.area_code AND p.base_kind = ?
       WHERE a.scheme = ? ORDER BY a.area_code, a.segment_code`,
    )
    .all(baseKind, scheme) as { areaCode: string; segmentCode: string; base: number | null }[];
  // The rows already have the bases' shape: kept as they are (190,000 objects fewer nationally).
  return rows.filter((r): r is SegmentBase => r.base !== null);
}

export interface IndicatorInputs {
  name: string;
  scheme: string;
  note: string | null;
  rates: SegmentRate[];
}

export function indicatorInputs(db: Database.Database, indicator: string): IndicatorInputs {
  const row = db.prepare('SELECT name, scheme, note FROM cgm_indicators WHERE name = ?').get(indicator) as
    | { name: string; scheme: string; note: string | null }
    | undefined;
  if (!row) {
    const known = (db.prepare('SELECT name FROM cgm_indicators ORDER BY name').all() as { name: string }[]).map((r) => r.name);
    throw new InputError(`no need indicator "${indicator}" in the project (known: ${known.join(', ') || 'none'})`);
  }
  const stored = db
    .prepare('SELECT segment_code AS segmentCode, prevalence FROM cgm_rates WHERE indicator = ? ORDER BY segment_code')
    .all(indicator) as SegmentRate[];
  // Rates given at a coarser level reach the segments areas are assigned to.
  return { ...row, rates: inheritRates(stored, segmentParents(db, row.scheme)) };
}

/** segment code → parent segment code, for every segment of a scheme. */
export function segmentParents(db: Database.Database, scheme: string): ParentMap {
  const rows = db.prepare('SELECT code, parent_code FROM cgm_segments WHERE scheme = ?').all(scheme) as { code: string; parent_code: string | null }[];
  return Object.fromEntries(rows.map((r) => [r.code, r.parent_code]));
}

export function requireService(db: Database.Database, service: string): void {
  if (!db.prepare('SELECT 1 FROM cgm_services WHERE name = ?').get(service)) {
    const known = (db.prepare('SELECT name FROM cgm_services ORDER BY name').all() as { name: string }[]).map((r) => r.name);
    // An empty name is a request made before any service was chosen: say what to do, not that "" is unknown.
    if (!service.trim()) {
      throw new InputError(known.length ? `no service chosen: choose one of ${known.join(', ')}` : 'the project has no services yet: import service users or sites first');
    }
    throw new InputError(`no service "${service}" in the project (known: ${known.join(', ') || 'none'})`);
  }
}

export function requireScheme(db: Database.Database, scheme: string): void {
  if (!db.prepare('SELECT 1 FROM cgm_schemes WHERE name = ?').get(scheme)) {
    const known = db.prepare('SELECT name FROM cgm_schemes ORDER BY name').pluck().all() as string[];
    throw new InputError(`no segmentation scheme "${scheme}" in the project (known: ${known.join(', ') || 'none'})`);
  }
}

/** A saved map view by name (a PNG of one): checked before a browser is started to draw it. */
export function requireSavedView(db: Database.Database, name: string): void {
  if (!db.prepare('SELECT 1 FROM cgm_views WHERE name = ?').get(name)) {
    const known = db.prepare('SELECT name FROM cgm_views ORDER BY position, name').pluck().all() as string[];
    throw new InputError(`no saved view "${name}" in the project (${known.length ? `choose from ${known.map((v) => `"${v}"`).join(', ')}` : 'it has none yet'})`);
  }
}

/**
 * Aggregated users of a service, summed over periods unless one is named.
 * The importer writes each user once PER SCHEME it attributes users to (OAC
 * 2011 and 2021 side by side, say), so counts come from one scheme's rows:
 * `scheme`'s when it has any, else the first stored copy with the segment
 * left unknown (its codes belong to another scheme). Summing every row would
 * count each user once per scheme.
 */
export function userCounts(db: Database.Database, service: string, options: { scheme?: string; period?: string } = {}): UserCount[] {
  const stored = db.prepare('SELECT DISTINCT scheme FROM cgm_user_counts WHERE service = ? ORDER BY scheme').pluck().all(service) as string[];
  const own = options.scheme !== undefined && stored.includes(options.scheme);
  const scheme = own ? options.scheme : stored[0];
  if (scheme === undefined) return [];
  const period = options.period ?? null;
  // The table is its primary key (WITHOUT ROWID, schema 11), so a service's rows
  // are one range of it, each read in place with its count (through a separate
  // key index every row was a second seek: ~1 s for England's 685,000 rows).
  // The grouped columns and their sums come out of SQL, as arrays, and the UserCounts are made here:
  // the service and period bound into every row were two more strings a row (~0.2 s nationally).
  // Another scheme's codes are no segment here, and its stored source says nothing either.
  const rows = db
    .prepare(
      `SELECT area_code, segment_code, SUM(count), segment_source FROM cgm_user_counts
       WHERE service = @service AND scheme = @scheme AND (@period IS NULL OR period = @period)
       GROUP BY area_code, segment_code, segment_source ORDER BY area_code, segment_code, segment_source`,
    )
    .raw()
    .all({ service, scheme, period }) as [string, string, number, SegmentSourceStored][];
  const counts: UserCount[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const [areaCode, segmentCode, count, source] = rows[i];
    counts[i] = own
      ? { service, areaCode, segmentCode: segmentCode === '' ? null : segmentCode, period, count, source }
      : { service, areaCode, segmentCode: null, period, count, source: 'area' };
  }
  return counts;
}

export interface GeographyInputs {
  level: string;
  /** Each area with the point that stands for it (areas with no point at all are left out). */
  areas: AreaPoint[];
}

function featureTable(db: Database.Database, level: string): string {
  const row = db.prepare('SELECT table_name FROM cgm_geographies WHERE level = ?').get(level) as { table_name: string } | undefined;
  if (!row) throw new InputError(`the project has no geography level "${level}"`);
  return row.table_name;
}

/** The finest level: the one that is nobody's parent. */
export function finestLevel(db: Database.Database): string {
  // By rank: a level kept beside the chain (a lookup's, see areaParents) is nobody's parent either, but coarser.
  const rows = db.prepare('SELECT level, parent_level FROM cgm_geographies ORDER BY rank, level').all() as { level: string; parent_level: string | null }[];
  const parents = new Set(rows.map((r) => r.parent_level));
  const finest = rows.find((r) => !parents.has(r.level));
  if (!finest) throw new InputError('the project has no boundaries yet: import boundaries first');
  return finest.level;
}

/**
 * child code → parent code over every level of the hierarchy. Lifting `towards`
 * a level kept beside the chain (wards from a lookup, beside OA → LSOA), its
 * members point to it instead, so the same areas count at either level.
 * Areas without a parent are left out (a lookup gives undefined, which every
 * walk up the chain treats as its end, like null): nationally that is ~190,000
 * keys fewer to build when the finest level is the only one.
 */
export function areaParents(db: Database.Database, towards?: string): ParentMap {
  const parents: ParentMap = {};
  for (const t of db.prepare('SELECT table_name FROM cgm_geographies').all() as { table_name: string }[]) {
    const rows = db.prepare(`SELECT code, parent_code FROM "${t.table_name}" WHERE parent_code IS NOT NULL`).raw().all() as [string, string][];
    for (const [code, parent] of rows) parents[code] = parent;
  }
  return towards ? parentsTowards(db, parents, towards) : parents;
}

/** `parents` with the members of `level` (kept beside the chain) pointing to it; the same object when it has none. */
export function parentsTowards(db: Database.Database, parents: ParentMap, level: string): ParentMap {
  const members = lookupMembers(db, level);
  if (members.length === 0) return parents;
  const towards: ParentMap = { ...parents };
  for (const [member, code] of members) towards[member] = code;
  return towards;
}

/**
 * The excluded areas, with the members of those that belong to a level kept
 * beside the chain: the chain alone would not take a ward's OAs out.
 */
export function excludedWithMembers(db: Database.Database, excluded: readonly { code: string }[]): { code: string }[] {
  if (excluded.length === 0) return [];
  const codes = new Set(excluded.map((a) => a.code));
  const out = [...excluded];
  for (const level of db.prepare('SELECT level FROM cgm_geographies').pluck().all() as string[]) {
    for (const [member, code] of lookupMembers(db, level)) if (codes.has(code)) out.push({ code: member });
  }
  return out;
}

/** [member code, area code] of a level kept beside the chain (its table's `members` column); none for other levels. */
export function lookupMembers(db: Database.Database, level: string): [string, string][] {
  const table = db.prepare('SELECT table_name FROM cgm_geographies WHERE level = ?').pluck().get(level) as string | undefined;
  if (!table) return [];
  const columns = db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[];
  if (!columns.some((c) => c.name === 'members')) return [];
  const rows = db.prepare(`SELECT code, members FROM "${table}" WHERE members IS NOT NULL`).all() as { code: string; members: string }[];
  return rows.flatMap((r) => (JSON.parse(r.members) as string[]).map((m): [string, string] => [m, r.code]));
}

/** Areas of a level with the point that stands for where their people live. */
export function levelAreas(db: Database.Database, level: string, parents?: ParentMap): GeographyInputs {
  featureTable(db, level);
  // The points themselves: a copy of each as {code, name, point} was 380,000 objects more nationally.
  return { level, areas: areaPoints({ db }, level, { parents }).points };
}

/** Sites of one service, or of every service when none is named. */
export function serviceSites(db: Database.Database, service?: string, includeProposed = false): ServiceSite[] {
  if (!hasFeatureTable(db, 'service_sites')) return [];
  const where = service === undefined ? undefined : { column: 'service', equals: service };
  return readFeatures(db, 'service_sites', where ? { where } : undefined)
    .features.filter((f) => includeProposed || !f.properties?.proposed)
    .map((f) => {
      const [lon, lat] = (f.geometry as GeoJSON.Point).coordinates;
      const p = f.properties ?? {};
      return {
        id: Number(f.id),
        service: String(p.service),
        code: p.code == null ? null : String(p.code),
        name: p.name == null ? '' : String(p.name),
        type: (p.type as string | null) ?? null,
        lon,
        lat,
        openingHours: (p.opening_hours as string | null) ?? null,
        proposed: Boolean(p.proposed),
      };
    });
}

/** The periods a service's users were counted in (empty when imported without dates). */
export function userPeriods(db: Database.Database, service: string): string[] {
  return db.prepare("SELECT DISTINCT period FROM cgm_user_counts WHERE service = ? AND period <> '' ORDER BY period").pluck().all(service) as string[];
}

export interface ExcludedArea {
  code: string;
  reason: string;
  excludedAt: string;
}

export function excludedAreas(db: Database.Database): ExcludedArea[] {
  return db.prepare('SELECT area_code AS code, reason, excluded_at AS excludedAt FROM cgm_excluded_areas ORDER BY area_code').all() as ExcludedArea[];
}

/** Residents of communal establishments in areas whose whole population is one segment's base in `scheme`. */
export function communalResidents(db: Database.Database, scheme: string): Map<string, number> {
  const rows = db
    .prepare(
      `SELECT p.area_code AS code, p.communal AS communal FROM cgm_population p
       JOIN cgm_assignments a ON a.area_code = p.area_code AND a.scheme = ? AND a.count IS NULL
       WHERE p.base_kind = 'persons' AND p.communal > 0`,
    )
    .all(scheme) as { code: string; communal: number }[];
  return new Map(rows.map((r) => [r.code, r.communal]));
}

/** Whether the persons base was imported with its communal-establishment residents. */
export function hasCommunalCounts(db: Database.Database): boolean {
  return Boolean(db.prepare("SELECT 1 FROM cgm_population WHERE base_kind = 'persons' AND communal IS NOT NULL LIMIT 1").get());
}

/** code → name over every level, for notes that name an area. */
export function allAreaNames(db: Database.Database): Map<string, string | null> {
  const names = new Map<string, string | null>();
  for (const t of db.prepare('SELECT table_name FROM cgm_geographies').all() as { table_name: string }[]) {
    for (const r of db.prepare(`SELECT code, name FROM "${t.table_name}"`).all() as { code: string; name: string | null }[]) names.set(r.code, r.name);
  }
  return names;
}

/** What the project holds, counted for the getting-started checklist (shared/analysis/readiness.ts judges it). */
export function projectHoldings(db: Database.Database): ProjectHoldings {
  const tables = new Map(listFeatureTables(db).map((t) => [t.table, t.featureCount]));
  const levels = (db.prepare('SELECT level, table_name FROM cgm_geographies ORDER BY rank, level').all() as { level: string; table_name: string }[])
    .map((g) => ({ level: g.level, areas: tables.get(g.table_name) ?? 0 }));
  const schemes = db.prepare('SELECT s.name AS name, COUNT(DISTINCT a.area_code) AS areas FROM cgm_schemes s LEFT JOIN cgm_assignments a ON a.scheme = s.name GROUP BY s.name ORDER BY s.name').all() as ProjectHoldings['schemes'];
  // Users are stored once per scheme they are attributed to: count one scheme's copy (as userCounts does).
  const users = db.prepare(
    `SELECT service, SUM(count) AS users, COUNT(DISTINCT NULLIF(period, '')) AS periods FROM cgm_user_counts u
     WHERE scheme = (SELECT MIN(scheme) FROM cgm_user_counts WHERE service = u.service) GROUP BY service ORDER BY service`,
  ).all() as ProjectHoldings['users'];
  const indicators = db.prepare('SELECT i.name AS name, COUNT(r.segment_code) AS segments FROM cgm_indicators i LEFT JOIN cgm_rates r ON r.indicator = i.name GROUP BY i.name ORDER BY i.name').all() as ProjectHoldings['indicators'];
  const sites = tables.has('service_sites')
    ? (db.prepare('SELECT service, COUNT(*) AS sites FROM service_sites WHERE NOT COALESCE(proposed, 0) GROUP BY service ORDER BY service').all() as ProjectHoldings['sites'])
    : [];
  return {
    levels,
    schemes,
    populationAreas: db.prepare('SELECT COUNT(DISTINCT area_code) FROM cgm_population').pluck().get() as number,
    postcodes: db.prepare('SELECT COUNT(*) FROM cgm_postcodes').pluck().get() as number,
    users,
    indicators,
    sites,
    roads: tables.get('roads') ?? 0,
  };
}
