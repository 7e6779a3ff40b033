// Asks for one analysis table and draws it, with loading and error states.
// The dock's tabs and the workbook's embedded tables both use this, so an
// embedded table is the live table, not a copy.
import { ReviewView } from './ReviewTable';
import { CrosstabView } from './CrosstabView';
import { useEffect, useState } from 'react';
import { ComparatorPicker, useComparators } from './ComparatorPicker';
import { DecileFilter, useHasImdDecile } from './DecileFilter';
import type { LoadedProject } from '../project/types';
import { onMomentApplied } from '../undo/undo-store';
import { BandTable } from './BandTable';
import { TransitChoiceControls } from '../transit/TransitChoiceControls';
import { activeTransit, useTransitChoice } from '../transit/transit-choice';
import { FunnelPlot } from './FunnelPlot';
import { GapTable } from './GapTable';
import { ProfileTable } from './ProfileTable';
import { StrataTable } from './StrataTable';
import { useRequest } from './use-request';

export type TableKind = 'profile' | 'gaps' | 'bands' | 'strata' | 'funnel' | 'review' | 'crosstab';

export interface AnalysisSettings {
  service: string;
  /** '' in an access-only project (no need indicator): the band table then ranks segments by population. */
  indicator: string;
  mode: 'walk' | 'drive';
  /** Presentation figures: the project's disclosure rule applied (for sharing). */
  presentation: boolean;
  /** Set while the map's what-if view is live: the band table, gap table and funnel plot count proposed sites, and ask again when they change. */
  whatIfRevision?: number;
  /** How many what-if sites the map has now. */
  proposedSites?: number;
  /** One period of the users (all when absent), chosen in the Analysis panel. */
  period?: string;
  /** Bumped when areas are excluded or communal residents left out: every table asks again. */
  scopeRevision?: number;
  /** Persons or households; absent = the scheme's own base. */
  base?: 'persons' | 'households';
  /** The geography level the map is at (the level switch): area tables follow it. */
  level?: string;
}

/** The base, when one was chosen, for every analysis request. */
const baseOf = (s: AnalysisSettings) => (s.base ? { base: s.base } : {});

export const TABLE_TITLES: Record<TableKind, string> = {
  profile: 'Service profile',
  bands: 'Travel-time bands',
  gaps: 'Gap table',
  funnel: 'Funnel plot',
  strata: 'Strata',
  review: 'Review',
  crosstab: 'Crosstab',
};

function Status({ loading, error, what }: { loading: boolean; error: string | null; what: string }) {
  if (error) return <p className="table-status table-status--error" role="alert">{what} could not be computed: {error}</p>;
  if (loading) return <p className="table-status" role="status"><span className="spinner spinner--small" aria-hidden="true" /> Computing the {what.toLowerCase()}…</p>;
  return null;
}

/** The cache tag for a what-if state: the sites behind the same request change with each what-if edit. */
function whatIfTag(s: AnalysisSettings): string | undefined {
  const parts = [s.whatIfRevision !== undefined ? `what-if ${s.whatIfRevision}` : '', s.scopeRevision ? `scope ${s.scopeRevision}` : ''].filter(Boolean);
  return parts.length ? parts.join(' ') : undefined;
}

const periodOf = (s: AnalysisSettings) => (s.period ? { period: s.period } : {});
/** Area tables (gaps, funnel, strata) at the map's level; absent = the finest. */
const levelOf = (s: AnalysisSettings) => (s.level ? { level: s.level } : {});

export function ProfileView({ project, s, compact }: { project: LoadedProject; s: AnalysisSettings; compact?: boolean }) {
  const comparators = useComparators(project.scheme, project.info.path);
  const [comparator, setComparator] = useState('');
  const compare = !compact && comparators.includes(comparator) ? { comparator } : {};
  const hasDeciles = useHasImdDecile(project.info.path);
  const [deciles, setDeciles] = useState<number[]>([]);
  const filtered = !compact && hasDeciles && deciles.length ? { deciles } : {};
  const request = project.scheme ? { service: s.service, scheme: project.scheme, ...(project.segmentLevel ? { segmentLevel: project.segmentLevel } : {}), ...periodOf(s), ...baseOf(s), presentation: s.presentation, ...compare, ...filtered } : null;
  const r = useRequest('getProfile', request, true, s.scopeRevision ? `scope ${s.scopeRevision}` : undefined);
  if (!project.scheme) return <p className="table-status">The project has no segmentation scheme to profile by.</p>;
  return (
    <>
      {!compact && <ComparatorPicker names={comparators} value={comparator} onChange={setComparator} />}
      {!compact && hasDeciles && <DecileFilter value={deciles} onChange={setDeciles} />}
      {r.data?.decileFilter && <p className="dock-description" data-testid="decile-filter-note">Profile of the {r.data.decileFilter}.</p>}
      {r.data ? <ProfileTable project={project} profile={r.data} compact={compact} /> : <Status loading={r.loading} error={r.error} what="Profile" />}
    </>
  );
}

export function BandsView({ project, s, compact }: { project: LoadedProject; s: AnalysisSettings; compact?: boolean }) {
  const includeProposed = s.whatIfRevision !== undefined;
  const [realistic, setRealistic] = useState(false);
  // The public-transport column group, when a feed exists and a day and window are chosen (the map's transit layer shares the choice).
  const transit = activeTransit(useTransitChoice());
  const request = { service: s.service, ...(s.indicator ? { indicator: s.indicator } : {}), mode: s.mode, includeProposed, ...(realistic ? { realistic } : {}), ...(transit && project.info.transit ? { transit } : {}), ...baseOf(s), ...(project.scheme ? { scheme: project.scheme } : {}), ...(project.segmentLevel ? { segmentLevel: project.segmentLevel } : {}) };
  // The sites behind the same request change with each what-if edit, so the revision joins the cache key.
  const r = useRequest('getBandTable', request, true, whatIfTag(s));
  return (
    <>
      {!compact && <TransitChoiceControls project={project} />}
      {!compact && (
        <label className="dock-field" title="Households without a car (Census TS045, imported as area indicators) at their walking time, the rest at their driving time">
          <input type="checkbox" checked={realistic} onChange={(e) => setRealistic(e.target.checked)} /> Realistic access (no car: walk; the rest: drive)
        </label>
      )}
      {r.data?.carAccess && <p className="dock-description">Households without a car counted at their walking time, the rest at their driving time ({r.data.carAccess.method}).</p>}
      {r.data ? <BandTable project={project} table={r.data} compact={compact} /> : <Status loading={r.loading} error={r.error} what="Band table" />}
    </>
  );
}

export function GapsView({ s, compact }: { s: AnalysisSettings; compact?: boolean }) {
  // getScenarioAnalysis is getAreaAnalysis plus what-if sites when asked: the same figures the map draws.
  const request = { service: s.service, indicator: s.indicator, mode: s.mode, ...periodOf(s), ...baseOf(s), ...levelOf(s), presentation: s.presentation, includeProposed: s.whatIfRevision !== undefined };
  const r = useRequest('getScenarioAnalysis', request, true, whatIfTag(s));
  return r.data ? <GapTable analysis={r.data} compact={compact} /> : <Status loading={r.loading} error={r.error} what="Gap table" />;
}

export function FunnelView({ s, width, height }: { s: AnalysisSettings; width?: number; height?: number }) {
  const request = { service: s.service, indicator: s.indicator, mode: s.mode, ...periodOf(s), ...baseOf(s), ...levelOf(s), presentation: s.presentation, includeProposed: s.whatIfRevision !== undefined };
  const r = useRequest('getFunnelPlot', request, true, whatIfTag(s));
  return r.data ? <FunnelPlot funnel={r.data} width={width} height={height} /> : <Status loading={r.loading} error={r.error} what="Funnel plot" />;
}

export function StrataView({ s, compact }: { s: AnalysisSettings; compact?: boolean }) {
  const request = { service: s.service, indicator: s.indicator, mode: s.mode, ...periodOf(s), ...baseOf(s), ...levelOf(s), presentation: s.presentation };
  const r = useRequest('getStrata', request, false, whatIfTag(s));
  const { reload } = r;
  // Decisions change under the table when they are made, undone or redone.
  useEffect(() => onMomentApplied((domains) => domains.has('strata') && reload()), [reload]);
  if (!r.data) return <Status loading={r.loading} error={r.error} what="Strata" />;
  return (
    <>
      {/* Strata come from need and the uptake gap only, so proposed sites leave them as they are; saying so stops a reader waiting for them to move. */}
      {Boolean(s.proposedSites) && (
        <p className="whatif-note strata__whatif">What-if: strata come from need and the uptake gap, not from where sites are, so the {s.proposedSites === 1 ? 'proposed site leaves' : `${s.proposedSites} proposed sites leave`} them as they are.</p>
      )}
      <StrataTable rows={r.data.rows} request={request} compact={compact} />
    </>
  );
}

export function TableView({ kind, project, s, compact }: { kind: TableKind; project: LoadedProject; s: AnalysisSettings; compact?: boolean }) {
  // Never a request for service "" (a project without services yet): say what is missing instead.
  if (!s.service) return <p className="table-status">No service to show yet: import service users or sites.</p>;
  if (!s.indicator && kind !== 'profile' && kind !== 'bands' && kind !== 'crosstab') return <p className="table-status">No need indicator yet: import risk rates by segment.</p>;
  switch (kind) {
    case 'profile': return <ProfileView project={project} s={s} compact={compact} />;
    case 'bands': return <BandsView project={project} s={s} compact={compact} />;
    case 'gaps': return <GapsView s={s} compact={compact} />;
    case 'funnel': return <FunnelView s={s} />;
    case 'strata': return <StrataView s={s} compact={compact} />;
    case 'review': return <ReviewView project={project} s={s} />;
    case 'crosstab': return <CrosstabView project={project} s={s} />;
  }
}
