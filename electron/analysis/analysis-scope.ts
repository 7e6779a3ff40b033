// What an analysis counts: one period of the users (or all), without the
// excluded areas and, when the analyst says so, without communal-establishment
// residents in the base. Every runner takes its bases and users from here so
// the choice applies alike to need, base, users and rankings.
import type Database from 'better-sqlite3';
import { exclusionNotes, exclusionTest, scopeBases, scopeUsers } from '../../shared/analysis/exclusions';
import type { BaseKind, SegmentBase, UserCount } from '../../shared/domain';
import { InputError } from '../../shared/errors';
import { analysisBaseKind } from './base-kind';
import { getSetting } from '../store/meta';
import { allAreaNames, areaParents, communalResidents, excludedAreas, excludedWithMembers, hasCommunalCounts, segmentBases, userCounts, userPeriods, type ExcludedArea } from './inputs';

export interface ScopeRequest {
  /** One period of a users file imported with dates, e.g. 2024-Q1; default all periods. */
  period?: string;
  /** Leave communal-establishment residents out of the base; default the project setting. */
  excludeCommunal?: boolean;
  /** Persons or households; default the scheme's own base (base-kind.ts). */
  base?: BaseKind;
}

export interface AnalysisScope {
  period: string | null;
  excluded: ExcludedArea[];
  /** Communal residents taken off the base; null when they are counted. */
  communalExcluded: number | null;
}

export const EXCLUDE_COMMUNAL_SETTING = 'exclude_communal';

export function excludeCommunalSetting(db: Database.Database): boolean {
  return getSetting<boolean>(db, EXCLUDE_COMMUNAL_SETTING) === true;
}

/** Refuses a period the service's users were not counted in, naming those they were. */
export function checkPeriod(db: Database.Database, service: string, period: string | undefined): string | null {
  if (period === undefined || period === '') return null;
  const known = userPeriods(db, service);
  if (known.length === 0) throw new InputError(`the users of "${service}" were imported without dates, so they have no periods; re-import them with a date field to choose period "${period}"`);
  if (!known.includes(period)) throw new InputError(`no period "${period}" in the users of "${service}" (known: ${known.join(', ')})`);
  return period;
}

export interface ScopedInputs {
  baseKind: BaseKind;
  bases: SegmentBase[];
  users: UserCount[];
  scope: AnalysisScope;
  isExcluded: (areaCode: string) => boolean;
}

/**
 * The refusals a scope of `scheme` makes before anything is read: whether communal residents are
 * left out (and can be) and the base kind. A caller with slow work to start first (a national
 * tree) calls it up front, so a refusal does not wait for that work.
 */
export function checkScope(db: Database.Database, scheme: string, request: ScopeRequest = {}): { excludeCommunal: boolean; baseKind: BaseKind } {
  const excludeCommunal = request.excludeCommunal ?? excludeCommunalSetting(db);
  if (excludeCommunal && !hasCommunalCounts(db)) {
    throw new InputError('to exclude communal-establishment residents, import the population with their counts (--communal-field in_communal_establishments)');
  }
  return { excludeCommunal, baseKind: analysisBaseKind(db, scheme, request.base) };
}

export function scopedInputs(db: Database.Database, service: string | null, scheme: string, request: ScopeRequest = {}): ScopedInputs {
  const period = service === null ? null : checkPeriod(db, service, request.period);
  const { excludeCommunal, baseKind } = checkScope(db, scheme, request);
  const excluded = excludedAreas(db);
  const withMembers = excludedWithMembers(db, excluded);
  // The parent chain is every area's row (~0.3 s nationally): read only when something is excluded.
  const isExcluded = exclusionTest(withMembers, withMembers.length > 0 ? areaParents(db) : {});
  const scoped = scopeBases(segmentBases(db, scheme, baseKind), isExcluded, excludeCommunal ? communalResidents(db, scheme) : null);
  const users = service === null ? [] : scopeUsers(userCounts(db, service, { scheme, period: period ?? undefined }), isExcluded);
  return {
    baseKind,
    bases: scoped.bases,
    users,
    isExcluded,
    scope: { period, excluded, communalExcluded: excludeCommunal ? scoped.communalExcluded : null },
  };
}

/** The lines every output carries about what it counted: the period, excluded areas, communal residents. */
export function scopeNotes(scope: AnalysisScope, names: ReadonlyMap<string, string | null> = new Map()): string[] {
  const notes = scope.period ? [`Period: ${scope.period}`] : [];
  return [...notes, ...exclusionNotes({ areas: scope.excluded.map((a) => ({ ...a, name: names.get(a.code) ?? null })), communalExcluded: scope.communalExcluded })];
}

export const areaNames = allAreaNames;

/** What the analysis panel offers: the service's periods, the communal setting and the excluded areas. */
export function analysisScopeInfo(db: Database.Database, service?: string) {
  const names = allAreaNames(db);
  return {
    periods: service ? userPeriods(db, service) : [],
    excludeCommunal: excludeCommunalSetting(db),
    communalImported: hasCommunalCounts(db),
    excluded: excludedAreas(db).map((a) => ({ ...a, name: names.get(a.code) ?? null })),
  };
}

/** The scope notes of the project's standing choices (all periods), for exports that have no analysis of their own. */
export function projectScopeNotes(db: Database.Database, scheme: string): string[] {
  return scopeNotes(scopedInputs(db, null, scheme).scope, allAreaNames(db));
}
