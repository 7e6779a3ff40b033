// One area indicator at any geography level: the stored values at their own
// level, apportioned down or aggregated up by population (the method is in
// shared/analysis/area-indicators.ts and is returned with the values, so every
// layer note and export can say it). The CLI, the map layer and the crosstab
// all read indicators through here.
import type Database from 'better-sqlite3';
import { indicatorAtLevel, type AreaIndicator, type LevelValues } from '../../shared/analysis/area-indicators';
import { InputError } from '../../shared/errors';
import { levelCodes } from '../importers/project-tables';
import { apportionPopulation, areaIndicator, areaIndicatorValues, listAreaIndicators } from '../store/area-indicators';
import { geographies } from '../importers/project-tables';
import { areaParents, finestLevel } from './inputs';

export interface IndicatorAtLevel extends LevelValues {
  indicator: AreaIndicator;
  level: string;
  /** The population the method weighted by ("persons", "households"), or null when it needed none. */
  weightedBy: string | null;
}

export function readIndicatorAtLevel(db: Database.Database, name: string, level?: string): IndicatorAtLevel {
  const indicator = areaIndicator(db, name);
  const target = level ?? finestLevel(db);
  const targetAreas = levelCodes(db, target);
  if (!targetAreas) throw new InputError(`the project has no geography level "${target}"`);
  const finest = finestLevel(db);
  const pop = apportionPopulation(db);
  const result = indicatorAtLevel({
    kind: indicator.kind, sourceLevel: indicator.level, targetLevel: target, values: areaIndicatorValues(db, name),
    targetAreas: [...targetAreas].sort(), parents: areaParents(db, target), population: pop?.counts ?? new Map(),
    finestAreas: [...(levelCodes(db, finest) ?? [])],
  });
  const needsPopulation = result.direction !== 'same' && (indicator.kind === 'count' ? result.direction === 'down' : result.direction === 'up');
  if (needsPopulation && !pop) throw new InputError(`to read "${name}" at ${target}, import a population base first: ${result.method}`);
  return { ...result, indicator, level: target, weightedBy: needsPopulation ? pop!.base : null };
}

/** "method (weighted by persons)": the sentence layer notes and exports carry. */
export function methodNote(r: IndicatorAtLevel): string {
  return `${r.indicator.name} (${r.indicator.kind}) at ${r.level}: ${r.method}${r.weightedBy ? ` (population: ${r.weightedBy})` : ''}`;
}

export interface IndicatorLayerValues {
  indicator: AreaIndicator;
  level: string;
  /** methodNote's sentence: the layer's legend and exports carry it. */
  method: string;
  /** Why no area has a value (no population to share by, a decile that cannot be averaged up), else null. */
  problem: string | null;
  values: { code: string; value: number }[];
}

/**
 * The map layer's values: as readIndicatorAtLevel gives them, in area-code order. A level the
 * indicator cannot reach is an empty layer that says why, not an error, since the map asks for
 * every indicator at whatever level it shows; an unknown indicator or level is still an error.
 */
export function indicatorLayerValues(db: Database.Database, name: string, level: string): IndicatorLayerValues {
  const indicator = areaIndicator(db, name);
  if (!levelCodes(db, level)) throw new InputError(`the project has no geography level "${level}"`);
  try {
    const r = readIndicatorAtLevel(db, name, level);
    const values = [...r.values].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([code, value]) => ({ code, value }));
    return { indicator, level, method: methodNote(r), problem: values.length ? null : r.method, values };
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return { indicator, level, method: `${name} (${indicator.kind}) at ${level}`, problem: e.message, values: [] };
  }
}

/** The IMD decile indicator: File 7's "Index of Multiple Deprivation (IMD) Decile ...", else the only decile indicator. */
export function imdDecileIndicator(db: Database.Database): string {
  const deciles = listAreaIndicators(db).filter((i) => i.kind === 'decile');
  const imd = deciles.find((i) => /^index of multiple deprivation.*decile/i.test(i.name)) ?? (deciles.length === 1 ? deciles[0] : undefined);
  if (!imd) throw new InputError(deciles.length ? `several decile indicators (${deciles.map((d) => d.name).join(', ')}): name one with --by` : 'no IMD decile in the project: import IMD File 7 with cgm import indicators');
  return imd.name;
}

/** An indicator's value in every area of every level where its method gives one (bases may sit at any level). */
export function indicatorEverywhere(db: Database.Database, name: string): { values: Map<string, number>; method: string; kind: string } {
  const values = new Map<string, number>();
  for (const g of geographies(db)) for (const [code, v] of readIndicatorAtLevel(db, name, g.level).values) values.set(code, v);
  // Said for the finest level, where the bases of an area-assigned scheme sit.
  const finest = readIndicatorAtLevel(db, name);
  return { values, method: finest.method, kind: finest.indicator.kind };
}
