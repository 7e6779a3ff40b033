// Areas that should not count, written only through moments so that every
// exclusion (from the CLI or the area panel) can be undone.
import type { z } from 'zod';
import type { MomentSchema } from '../../shared/contract';
import { areaCodes } from '../importers/project-tables';
import type { Project } from '../store/project';

type ExclusionMoment = NonNullable<z.output<typeof MomentSchema>['excludedAreas']>;
interface Row { area_code: string; reason: string; excluded_at: string }

const put = (r: Row) => ({ code: r.area_code, reason: r.reason, excludedAt: r.excluded_at });

/** Applies puts and deletes inside the caller's transaction; returns the inverse. */
export function applyExclusions(project: Project, moment: ExclusionMoment, now: () => string): ExclusionMoment {
  const { db } = project;
  const read = db.prepare('SELECT area_code, reason, excluded_at FROM cgm_excluded_areas WHERE area_code = ?');
  const inverse: ExclusionMoment = { put: [], delete: [] };
  for (const code of moment.delete) {
    const old = read.get(code) as Row | undefined;
    if (!old) continue;
    inverse.put.push(put(old));
    db.prepare('DELETE FROM cgm_excluded_areas WHERE area_code = ?').run(code);
  }
  const known = moment.put.length ? areaCodes(db) : new Map<string, string>();
  for (const area of moment.put) {
    if (!known.has(area.code)) throw new Error(`no area "${area.code}" in the project's boundaries`);
    const reason = area.reason.trim();
    if (!reason) throw new Error(`excluding ${area.code} needs a reason`);
    const old = read.get(area.code) as Row | undefined;
    if (old) inverse.put.push(put(old));
    else inverse.delete.push(area.code);
    db.prepare('INSERT OR REPLACE INTO cgm_excluded_areas (area_code, reason, excluded_at) VALUES (?, ?, ?)').run(area.code, reason, area.excludedAt ?? now());
  }
  return inverse;
}
