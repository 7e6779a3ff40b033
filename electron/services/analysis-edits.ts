// The analyst's edits to what the gap rules read — a site's opening hours, a
// segment's profile, the gap thresholds — as parts of a moment: each applies
// its change and returns the part that restores exactly what was there.
// Called inside applyMoment's transaction.
import type { z } from 'zod';
import type { MomentSchema, SegmentProfile } from '../../shared/contract';
import { SEGMENT_PROFILE_KEYS, SegmentProfileSchema } from '../../shared/contract';
import type { SegmentAttributes } from '../../shared/analysis/segment-profile';
import { checkOpeningHours, OpeningHoursError } from '../importers/opening-hours-check';
import { serviceSites } from '../analysis/inputs';
import { replaceStoredGapSettings, storedGapSettings } from '../analysis/gap-settings';
import type { Project } from '../store/project';
import { SITES_TABLE } from '../importers/sites';

type Moment = z.output<typeof MomentSchema>;

/** The profile part of a segment's stored attributes. */
export function segmentProfileOf(attributes: SegmentAttributes): SegmentProfile {
  const picked = Object.fromEntries(SEGMENT_PROFILE_KEYS.filter((k) => attributes[k] !== undefined).map((k) => [k, attributes[k]]));
  const parsed = SegmentProfileSchema.safeParse(picked);
  return parsed.success ? parsed.data : {};
}

export function applySiteHours(project: Project, part: NonNullable<Moment['siteHours']>): NonNullable<Moment['siteHours']> {
  const sites = new Map(serviceSites(project.db, part.service, true).map((s) => [s.id, s]));
  const write = project.db.prepare(`UPDATE "${SITES_TABLE}" SET opening_hours = ? WHERE fid = ?`);
  const before: NonNullable<Moment['siteHours']>['sites'] = [];
  for (const { id, openingHours } of part.sites) {
    const site = sites.get(id);
    if (!site) throw new Error(`no site ${id} of service "${part.service}"`);
    const hours = openingHours?.trim() || null;
    if (hours) {
      try {
        checkOpeningHours(hours, [site.lon, site.lat]);
      } catch (error) {
        if (error instanceof OpeningHoursError) throw new Error(`${site.name}: ${error.message}`);
        throw error;
      }
    }
    before.push({ id, openingHours: site.openingHours });
    write.run(hours, id);
  }
  return { service: part.service, sites: before.reverse() };
}

export function applySegmentProfiles(project: Project, part: NonNullable<Moment['segmentProfiles']>): NonNullable<Moment['segmentProfiles']> {
  const read = project.db.prepare('SELECT attributes FROM cgm_segments WHERE scheme = ? AND code = ?');
  const write = project.db.prepare('UPDATE cgm_segments SET attributes = ? WHERE scheme = ? AND code = ?');
  const before: NonNullable<Moment['segmentProfiles']>['segments'] = [];
  for (const { code, profile } of part.segments) {
    const row = read.get(part.scheme, code) as { attributes: string } | undefined;
    if (!row) throw new Error(`scheme "${part.scheme}" has no segment "${code}"`);
    const attributes = JSON.parse(row.attributes || '{}') as Record<string, unknown>;
    before.push({ code, profile: segmentProfileOf(attributes as SegmentAttributes) });
    for (const k of SEGMENT_PROFILE_KEYS) delete attributes[k];
    write.run(JSON.stringify({ ...attributes, ...profile }), part.scheme, code);
  }
  return { scheme: part.scheme, segments: before.reverse() };
}

/** The stored changes to the gap thresholds become exactly `settings` ({} = the defaults). */
export function applyGapSettings(project: Project, part: NonNullable<Moment['gapSettings']>): NonNullable<Moment['gapSettings']> {
  const before = storedGapSettings(project.db);
  replaceStoredGapSettings(project.db, part.settings);
  return { settings: before };
}
