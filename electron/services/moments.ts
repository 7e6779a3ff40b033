// Applies a Placemark-style moment to the project in one transaction and
// returns its exact inverse. Every undoable edit (workbook sections, saved
// views, strata decisions, what-if sites, site hours, segment profiles, gap
// thresholds, review targets, data dates) goes through here, so undo and redo are just
// "apply the inverse" and no edit can be half-written.
import type { z } from 'zod';
import type { MomentSchema } from '../../shared/contract';
import { WorkbookContentSchema } from '../../shared/contract';
import type { Stratum } from '../../shared/domain';
import { recordStratumDecision } from '../analysis/strata-run';
import { proposedSites, setProposedSites, setSiteStatus } from './proposed-sites';
import { applyGapSettings, applySegmentProfiles, applySiteHours } from './analysis-edits';
import type { Project } from '../store/project';
import { setSetting } from '../store/meta';
import { EXCLUDE_COMMUNAL_SETTING, excludeCommunalSetting } from '../analysis/analysis-scope';
import { applyExclusions } from './excluded-areas';
import { applyReviewTargets } from '../analysis/review-baselines';
import { applyDataDates } from './dataset-dates';

export type AppliedMoment = z.output<typeof MomentSchema>;
type WorkbookPut = NonNullable<AppliedMoment['workbook']>['put'][number];
type ViewPut = NonNullable<AppliedMoment['views']>['put'][number];
type StrataPut = NonNullable<AppliedMoment['strata']>['put'][number];

interface WorkbookDbRow { section: string; content: string; updated_at: string }
interface ViewDbRow { name: string; payload: string; position: number }
interface DecisionDbRow {
  id: number; service: string; indicator: string; area_code: string; segment_code: string;
  proposed: string; decided: string; reason: string | null; decided_at: string;
}

export function workbookRowFrom(r: WorkbookDbRow): WorkbookPut | null {
  const parsed = WorkbookContentSchema.safeParse(JSON.parse(r.content));
  // A section written by a newer version of the app is left alone rather than mangled.
  return parsed.success ? ({ section: r.section, content: parsed.data, updatedAt: r.updated_at } as WorkbookPut) : null;
}

export function viewRowFrom(r: ViewDbRow): ViewPut {
  return { name: r.name, payload: JSON.parse(r.payload), position: r.position };
}

function decisionFrom(r: DecisionDbRow): StrataPut {
  return {
    id: r.id, service: r.service, indicator: r.indicator, areaCode: r.area_code, segmentCode: r.segment_code,
    proposed: (r.proposed || null) as Stratum | null, decided: r.decided as Stratum, reason: r.reason, decidedAt: r.decided_at,
  };
}

function noOverlap<T>(what: string, puts: T[], deletes: T[]): void {
  const deleting = new Set(deletes);
  const clash = puts.find((p) => deleting.has(p));
  if (clash !== undefined) throw new Error(`a moment cannot both put and delete ${what} "${String(clash)}"`);
}

/** Applies `moment` atomically; the returned moment restores exactly what was there before. */
export function applyMoment(project: Project, moment: AppliedMoment, now: () => string = () => new Date().toISOString()): AppliedMoment {
  const { db } = project;
  const inverse: AppliedMoment = {};
  const run = db.transaction(() => {
    if (moment.workbook) {
      const { put, delete: del } = moment.workbook;
      noOverlap('section', put.map((p) => p.section), del);
      const inv: NonNullable<AppliedMoment['workbook']> = { put: [], delete: [] };
      const read = db.prepare('SELECT section, content, updated_at FROM cgm_workbook WHERE section = ?');
      const previous = (section: string): WorkbookPut | null => {
        const old = read.get(section) as WorkbookDbRow | undefined;
        if (!old) return null;
        const row = workbookRowFrom(old);
        if (!row) throw new Error(`workbook section "${section}" was written by a newer version of the app and cannot be changed here`);
        return row;
      };
      for (const section of del) {
        const old = previous(section);
        if (!old) continue;
        inv.put.push(old);
        db.prepare('DELETE FROM cgm_workbook WHERE section = ?').run(section);
      }
      for (const row of put) {
        const old = previous(row.section);
        if (old) inv.put.push(old);
        else inv.delete.push(row.section);
        db.prepare('INSERT OR REPLACE INTO cgm_workbook (section, content, updated_at) VALUES (?, ?, ?)').run(row.section, JSON.stringify(row.content), row.updatedAt ?? now());
      }
      inverse.workbook = inv;
    }

    if (moment.views) {
      const { put, delete: del } = moment.views;
      noOverlap('view', put.map((p) => p.name), del);
      const inv: NonNullable<AppliedMoment['views']> = { put: [], delete: [] };
      const read = db.prepare('SELECT name, payload, position FROM cgm_views WHERE name = ?');
      for (const name of del) {
        const old = read.get(name) as ViewDbRow | undefined;
        if (!old) continue;
        inv.put.push(viewRowFrom(old));
        db.prepare('DELETE FROM cgm_views WHERE name = ?').run(name);
      }
      for (const view of put) {
        const old = read.get(view.name) as ViewDbRow | undefined;
        if (old) inv.put.push(viewRowFrom(old));
        else inv.delete.push(view.name);
        // A new view goes to the end of the presentation; a replaced one keeps its place.
        const position = view.position ?? old?.position ?? ((db.prepare('SELECT COALESCE(MAX(position), -1) + 1 FROM cgm_views').pluck().get() as number) ?? 0);
        db.prepare('INSERT OR REPLACE INTO cgm_views (name, payload, position) VALUES (?, ?, ?)').run(view.name, JSON.stringify(view.payload), position);
      }
      inverse.views = inv;
    }

    if (moment.strata) {
      const { put, delete: del, decide } = moment.strata;
      noOverlap('decision', put.map((p) => p.id), del);
      const inv: NonNullable<AppliedMoment['strata']> = { put: [], delete: [], decide: [] };
      const read = db.prepare('SELECT * FROM cgm_strata_decisions WHERE id = ?');
      for (const id of del) {
        const old = read.get(id) as DecisionDbRow | undefined;
        if (!old) continue;
        inv.put.push(decisionFrom(old));
        db.prepare('DELETE FROM cgm_strata_decisions WHERE id = ?').run(id);
      }
      for (const d of put) {
        const old = read.get(d.id) as DecisionDbRow | undefined;
        if (old) inv.put.push(decisionFrom(old));
        else inv.delete.push(d.id);
        db.prepare(
          'INSERT OR REPLACE INTO cgm_strata_decisions (id, service, indicator, area_code, segment_code, proposed, decided, reason, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        ).run(d.id, d.service, d.indicator, d.areaCode, d.segmentCode, d.proposed ?? '', d.decided, d.reason, d.decidedAt);
      }
      // New decisions go through the strata rule (lowering below the proposal needs a reason).
      for (const d of decide) {
        const made = recordStratumDecision(project, { service: d.service, indicator: d.indicator, mode: d.mode, base: d.base, level: d.level }, { areaCode: d.areaCode, assigned: d.assigned, reason: d.reason, at: now() });
        inv.delete.push(made.seq);
      }
      inverse.strata = inv;
    }
    if (moment.excludedAreas) inverse.excludedAreas = applyExclusions(project, moment.excludedAreas, now);
    if (moment.excludeCommunal !== undefined) {
      inverse.excludeCommunal = excludeCommunalSetting(db);
      setSetting(db, EXCLUDE_COMMUNAL_SETTING, moment.excludeCommunal);
    }
    if (moment.proposedSites) {
      const { service, sites } = moment.proposedSites;
      const before = proposedSites(project, service).map((p) => ({ name: p.name, lon: p.lon, lat: p.lat, openingHours: p.openingHours }));
      setProposedSites(project, service, sites);
      inverse.proposedSites = { service, sites: before };
    }
    if (moment.siteStatus) inverse.siteStatus = setSiteStatus(project, moment.siteStatus);
    if (moment.siteHours) inverse.siteHours = applySiteHours(project, moment.siteHours);
    if (moment.segmentProfiles) inverse.segmentProfiles = applySegmentProfiles(project, moment.segmentProfiles);
    if (moment.gapSettings) inverse.gapSettings = applyGapSettings(project, moment.gapSettings);
    if (moment.reviewTargets) inverse.reviewTargets = applyReviewTargets(project, moment.reviewTargets);
    if (moment.dataDates) inverse.dataDates = applyDataDates(db, moment.dataDates);
  });
  run();
  return inverse;
}
