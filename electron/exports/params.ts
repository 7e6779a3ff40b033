// Which service, indicator, scheme and travel mode an export is about: the one
// asked for, else the project's only one, else an error that lists the choices
// (an export quietly about the wrong service is worse than no export).
import type Database from 'better-sqlite3';
import type { GapSettingsPatch } from '../../shared/analysis/gaps';
import type { BaseKind, TravelMode } from '../../shared/domain';
import { InputError } from '../../shared/errors';
import type { TransitChoice } from '../transit/transit-bands';

export interface ExportParams {
  service: string;
  indicator: string;
  scheme: string;
  /** The scheme's level the tables speak of (supergroup, group...); absent = as stored (profile: finest). */
  segmentLevel?: string;
  mode: TravelMode;
  /** Persons or households; absent = the scheme's own base (base-kind.ts). */
  base?: BaseKind;
  /** One period of a users file imported with dates (e.g. 2024-Q1); absent = all periods. */
  period?: string;
  /** Per-run changes over the project's gap thresholds. */
  gapSettings?: GapSettingsPatch;
  /** Geography level of the area tables and layers (gaps, strata); absent = the finest. */
  level?: string;
  /** The what-if on screen: proposed sites counted as open (area and travel figures); absent = real sites only. */
  includeProposed?: boolean;
  /** A comparator base (cgm import comparator) for the profile's columns beside the study area's index. */
  comparator?: string;
  /** The band table's public-transport column group: the day and the departure window; absent = road columns only. */
  transit?: TransitChoice;
}

export type ExportParamsRequest = Partial<ExportParams>;

function names(db: Database.Database, sql: string): string[] {
  return db.prepare(sql).pluck().all() as string[];
}

export function chooseOne(kind: string, option: string, asked: string | undefined, choices: string[]): string {
  const list = choices.map((c) => `"${c}"`).join(', ');
  if (asked !== undefined) {
    if (choices.includes(asked)) return asked;
    throw new InputError(`no ${kind} "${asked}" in this project (${choices.length ? `choose from ${list}` : `it has no ${kind} yet`})`);
  }
  if (choices.length === 1) return choices[0];
  if (choices.length === 0) throw new InputError(`this project has no ${kind} yet`);
  throw new InputError(`this project has several ${kind}s: choose one with --${option} (${list})`);
}

/** What travel-only exports (the isochrones) need: no indicator, no scheme. */
export interface TravelParams {
  service: string;
  mode: TravelMode;
  /** Proposed (what-if) sites counted as open. */
  includeProposed?: boolean;
  transit?: TransitChoice;
}

export function resolveTravelParams(db: Database.Database, asked: ExportParamsRequest = {}): TravelParams {
  const service = chooseOne('service', 'service', asked.service, names(db, 'SELECT name FROM cgm_services ORDER BY name'));
  const mode = asked.mode ?? 'walk';
  if (mode !== 'walk' && mode !== 'drive') throw new InputError(`mode must be walk or drive, not "${String(mode)}"`);
  return { service, mode, ...(asked.includeProposed ? { includeProposed: true } : {}), ...(asked.transit ? { transit: asked.transit } : {}) };
}

/** The band table: a travel table whose need column and risk ranking come with an indicator, when the project has one. */
export interface BandsParams extends TravelParams {
  indicator?: string;
  /** The scheme and level the table speaks of; absent = the indicator's scheme (or the only one), as stored. */
  scheme?: string;
  segmentLevel?: string;
  base?: BaseKind;
}

export function resolveBandsParams(db: Database.Database, asked: ExportParamsRequest = {}): BandsParams {
  const indicators = names(db, 'SELECT name FROM cgm_indicators ORDER BY name');
  // No indicator yet is an access-only project, not an error; several still need choosing between.
  const indicator = asked.indicator !== undefined || indicators.length > 0 ? chooseOne('indicator', 'indicator', asked.indicator, indicators) : undefined;
  const scheme = asked.scheme === undefined ? undefined : chooseOne('scheme', 'scheme', asked.scheme, names(db, 'SELECT name FROM cgm_schemes ORDER BY name'));
  return {
    ...resolveTravelParams(db, asked), ...(indicator ? { indicator } : {}), ...(scheme ? { scheme } : {}),
    ...(asked.segmentLevel ? { segmentLevel: asked.segmentLevel } : {}), ...(asked.base ? { base: asked.base } : {}),
  };
}

/** The profile table: users and base by segment of one scheme, as the dock's profile; no indicator needed. */
export type ProfileParams = Pick<ExportParams, 'service' | 'scheme' | 'segmentLevel' | 'base' | 'period' | 'comparator'>;

export function resolveProfileParams(db: Database.Database, asked: ExportParamsRequest = {}): ProfileParams {
  const { service } = resolveTravelParams(db, asked);
  // An indicator named (or the only one) still picks its scheme, as for the other tables; without one, the scheme asked or the only one.
  const indicators = names(db, 'SELECT name FROM cgm_indicators ORDER BY name');
  const indicator = asked.indicator ?? (indicators.length === 1 ? indicators[0] : undefined);
  const indicatorScheme = indicator === undefined ? undefined : (db.prepare('SELECT scheme FROM cgm_indicators WHERE name = ?').pluck().get(indicator) as string | undefined);
  const scheme = chooseOne('scheme', 'scheme', asked.scheme ?? indicatorScheme, names(db, 'SELECT name FROM cgm_schemes ORDER BY name'));
  return { service, scheme, ...(asked.segmentLevel ? { segmentLevel: asked.segmentLevel } : {}), ...(asked.base ? { base: asked.base } : {}), ...(asked.period ? { period: asked.period } : {}), ...(asked.comparator ? { comparator: asked.comparator } : {}) };
}

export function resolveExportParams(db: Database.Database, asked: ExportParamsRequest = {}): ExportParams {
  const { service, mode, includeProposed, transit } = resolveTravelParams(db, asked);
  const indicator = chooseOne('indicator', 'indicator', asked.indicator, names(db, 'SELECT name FROM cgm_indicators ORDER BY name'));
  // The scheme is the indicator's unless one is asked for: rates only mean something in their own scheme.
  const indicatorScheme = db.prepare('SELECT scheme FROM cgm_indicators WHERE name = ?').pluck().get(indicator) as string | undefined;
  const scheme = chooseOne('scheme', 'scheme', asked.scheme ?? indicatorScheme, names(db, 'SELECT name FROM cgm_schemes ORDER BY name'));
  const levels = names(db, 'SELECT level FROM cgm_geographies ORDER BY rank, level');
  const level = asked.level === undefined ? undefined : chooseOne('geography level', 'level', asked.level, levels);
  return {
    service, indicator, scheme, mode, ...(asked.segmentLevel ? { segmentLevel: asked.segmentLevel } : {}), ...(asked.base ? { base: asked.base } : {}), ...(asked.period ? { period: asked.period } : {}), gapSettings: asked.gapSettings,
    ...(level ? { level } : {}), ...(includeProposed ? { includeProposed } : {}), ...(asked.comparator ? { comparator: asked.comparator } : {}), ...(transit ? { transit } : {}),
  };
}

