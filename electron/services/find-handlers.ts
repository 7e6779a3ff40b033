// Find: the header's search box asks here for areas of any level (by code or
// name) and postcodes, each placed on the areas of the mapped level, so the
// map can select them: an OA itself, the OA a postcode lies in, an LSOA's OAs.
import type Database from 'better-sqlite3';
import type { FindResult, Handlers } from '../../shared/contract';
import { InputError } from '../../shared/errors';
import { areaLocator, type AreaLocator } from '../importers/area-locator';
import { areaNamesByCode, findAreas, findPostcodes } from '../store/find';
import { ancestorAt, geographies } from './area-layer';
import type { ProjectSession } from './project-session';

const DEFAULT_LIMIT = 10;

/** How well a found area answers the text: the exact code first, then code, name and word prefixes. */
function rank(text: string, code: string, name: string | null): number {
  const t = text.toLowerCase();
  const n = (name ?? '').toLowerCase();
  if (code.toLowerCase() === t) return 0;
  if (code.toLowerCase().startsWith(t)) return 1;
  if (n.startsWith(t)) return 2;
  if (n.includes(` ${t}`)) return 3;
  return 4;
}

/** The mapped level's areas that each found code stands for, worked out once per search. */
function placer(db: Database.Database, session: ProjectSession, level: string, table: string) {
  const lifts = new Map<string, Map<string, string>>();
  const lift = (to: string) => {
    if (!lifts.has(to)) lifts.set(to, ancestorAt(db, to));
    return lifts.get(to)!;
  };
  let locator: AreaLocator | null | undefined;
  return {
    /** An area (of a known level, or a postcode's area of unknown level). */
    area(code: string, codeLevel: string | null): string[] {
      if (codeLevel === level || areaNamesByCode(db, table, [code]).has(code)) return [code];
      const up = lift(level).get(code);
      if (up) return [up];
      if (!codeLevel) return [];
      // A coarser area: the mapped areas whose ancestor it is.
      return [...lift(codeLevel)].filter(([child, ancestor]) => ancestor === code && areaNamesByCode(db, table, [child]).has(child)).map(([child]) => child).sort();
    },
    point(lon: number, lat: number): string[] {
      if (locator === undefined) locator = areaLocator(session.project, level);
      const found = locator?.locate(lon, lat);
      return found ? [found] : [];
    },
  };
}

export function findHandlers(session: ProjectSession): Pick<Handlers, 'findInProject'> {
  return {
    async findInProject({ text, level, limit = DEFAULT_LIMIT }) {
      const { db } = session.project;
      const levels = geographies(db);
      const mapped = levels.find((g) => g.level === level);
      if (!mapped) throw new InputError(`The project has no geography level "${level}".`);
      const place = placer(db, session, level, mapped.table_name);

      const areas = levels
        .flatMap((g) => findAreas(db, g.table_name, text, limit).map((a) => ({ ...a, level: g.level, mapped: g.level === level })))
        .sort((a, b) => rank(text, a.code, a.name) - rank(text, b.code, b.name) || Number(b.mapped) - Number(a.mapped))
        .slice(0, limit)
        .map((a): FindResult => ({ kind: 'area', level: a.level, code: a.code, name: a.name, areaCodes: place.area(a.code, a.level), point: null, status: null }));

      const postcodes = findPostcodes(db, text, limit).map((p): FindResult => {
        let codes = p.areaCode ? place.area(p.areaCode, null) : [];
        if (codes.length === 0 && p.lon !== null && p.lat !== null) codes = place.point(p.lon, p.lat);
        const name = codes.length === 1 ? (areaNamesByCode(db, mapped.table_name, codes).get(codes[0]) ?? null) : null;
        const point: [number, number] | null = p.lon !== null && p.lat !== null ? [p.lon, p.lat] : null;
        return { kind: 'postcode', level: null, code: p.postcode, name, areaCodes: codes, point, status: p.status === 'live' ? null : p.status };
      });
      // A whole postcode typed is what the analyst means; otherwise areas come first.
      const compact = text.replace(/\s+/g, '').toUpperCase();
      const exact = postcodes.filter((r) => r.code.replace(/\s+/g, '') === compact);
      return { results: [...exact, ...areas, ...postcodes.filter((r) => !exact.includes(r))].slice(0, limit) };
    },
  };
}
