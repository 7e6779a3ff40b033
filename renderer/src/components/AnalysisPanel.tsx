// Sidebar: which service, need indicator, travel mode and users period the
// analysis layers show, what counts (communal residents, excluded areas), and
// the what-if sites. Plain form controls, so Tab, arrows and Space work.
import { useId, type ReactNode } from 'react';
import '../styles/analysis.css';
import type { AnalysisChoice, AnalysisView, Mode } from '../map/use-analysis';
import type { LoadedProject } from '../project/types';
import { GapSettingsForm } from './GapSettingsForm';
import { AnalysisWaiting } from '../start/WaitingFor';
import { SuggestSites } from '../suggest/SuggestSites';
import { SegmentListEditor } from './SegmentListEditor';
import { SiteListEditor } from './SiteListEditor';

interface Props {
  project: LoadedProject;
  view: AnalysisView;
  placing: boolean;
  onPlacingChange(placing: boolean): void;
  /** Places a site at the middle of the map (the keyboard's way to add one). */
  mapCentre(): [number, number] | null;
  /** The scheme and segment level picker (SchemePicker), shown with or without an analysis. */
  children?: ReactNode;
}

const MODES: { value: Mode; label: string }[] = [
  { value: 'walk', label: 'Walk' },
  { value: 'drive', label: 'Drive' },
];

export function AnalysisPanel({ project, view, placing, onPlacingChange, mapCentre, children }: Props) {
  const id = useId();
  const { choice } = view;
  if (!choice) {
    return (
      <section className="panel analysis-panel" aria-labelledby={`${id}-h`}>
        <h2 id={`${id}-h`} className="panel__heading">Analysis</h2>
        {children}
        <AnalysisWaiting project={project} analysis="isochrones" fallback="Import a service’s sites and the roads to map travel time to them; service users and a need indicator add need, use and gaps." />
      </section>
    );
  }
  const moveToCentre = (siteId: number) => {
    const c = mapCentre();
    if (c) view.saveProposed(view.proposed.map((s) => (s.id === siteId ? { ...s, lon: c[0], lat: c[1] } : s)));
  };
  return (
    <section className="panel analysis-panel" aria-labelledby={`${id}-h`} aria-busy={view.busy}>
      <h2 id={`${id}-h`} className="panel__heading">
        Analysis {view.busy && <span className="analysis-panel__busy">updating…</span>}
      </h2>
      <div className="analysis-panel__fields">
        {children}
        <div className="field">
          <label htmlFor={`${id}-service`}>Service</label>
          <select id={`${id}-service`} value={choice.service} onChange={(e) => view.setChoice({ ...choice, service: e.target.value })}>
            {project.info.services.map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
        </div>
        {choice.indicator !== undefined ? (
          <div className="field">
            <label htmlFor={`${id}-indicator`}>Need indicator</label>
            <select id={`${id}-indicator`} value={choice.indicator} onChange={(e) => view.setChoice({ ...choice, indicator: e.target.value })}>
              {project.info.indicators.map((s) => <option key={s} value={s}>{s}</option>)}
            </select>
          </div>
        ) : (
          <p className="analysis-panel__empty" data-testid="access-only">
            Access only: travel time to the sites (coverage, isochrones, band table). Import service users and a need indicator to add need, use and gaps.
          </p>
        )}
        <div className="field">
          <label htmlFor={`${id}-base`} title="The population base every figure runs on; Default is the scheme's own (or the project's only one)">Population base</label>
          <select id={`${id}-base`} value={choice.base ?? ''} onChange={(e) => view.setChoice({ ...choice, base: (e.target.value || undefined) as AnalysisChoice['base'] })}>
            <option value="">Default</option>
            <option value="persons">Persons</option>
            <option value="households">Households</option>
          </select>
        </div>
        <fieldset className="field segmented">
          <legend>Travel mode</legend>
          {MODES.map((m) => (
            <label key={m.value} className={choice.mode === m.value ? 'segmented__option segmented__option--on' : 'segmented__option'}>
              <input type="radio" name={`${id}-mode`} value={m.value} checked={choice.mode === m.value} onChange={() => view.setChoice({ ...choice, mode: m.value })} />
              {m.label}
            </label>
          ))}
        </fieldset>
        {view.scope && view.scope.periods.length > 0 && (
          <div className="field">
            <label htmlFor={`${id}-period`}>Users period</label>
            <select id={`${id}-period`} value={choice.period ?? ''} onChange={(e) => view.setChoice({ ...choice, period: e.target.value || undefined })}>
              <option value="">All periods</option>
              {view.scope.periods.map((p) => <option key={p} value={p}>{p}</option>)}
            </select>
          </div>
        )}
        {view.scope?.communalImported && (
          <label className="field field--check">
            <input type="checkbox" checked={view.scope.excludeCommunal} onChange={(e) => void view.setExcludeCommunal(e.target.checked)} />
            Leave residents of communal establishments (prisons, barracks, care homes) out of the base
          </label>
        )}
        {view.scope && view.scope.excluded.length > 0 && (
          <p className="analysis-panel__excluded" data-testid="excluded-areas">
            Excluded: {view.scope.excluded.map((a) => `${a.name ?? a.code} (${a.reason})`).join('; ')}
          </p>
        )}
      </div>
      {view.error && <p className="field__error" role="alert">{view.error}</p>}
      <GapSettingsForm />
      <SiteListEditor service={choice.service} />
      {project.scheme && <SegmentListEditor scheme={project.scheme} />}

      <div className="whatif">
        <div className="whatif__head">
          <h3 className="whatif__title">What-if sites</h3>
          <button type="button" className={placing ? 'text-button text-button--on' : 'text-button'} aria-pressed={placing} onClick={() => onPlacingChange(!placing)}>
            {placing ? 'Cancel' : 'Add proposed site'}
          </button>
        </div>
        {placing && (
          <p className="whatif__hint" role="status">
            Click the map to place it, or{' '}
            <button type="button" className="link-button" onClick={() => {
              const c = mapCentre();
              if (c) view.saveProposed([...view.proposed, newSite(view.proposed.length, c)]);
              onPlacingChange(false);
            }}>
              place it at the map centre
            </button>
            .
          </p>
        )}
        {view.proposed.length === 0 && !placing && <p className="whatif__hint">Try a site before it is real: isochrones and gaps recompute; drag it on the map to move it.</p>}
        <ul className="whatif__list">
          {view.proposed.map((s) => (
            <li key={s.id} className="whatif__site" data-site-id={s.id}>
              <span className="whatif__name">{s.name}</span>
              <span className="whatif__actions">
                <button type="button" className="text-button" onClick={() => moveToCentre(s.id)} aria-label={`Move ${s.name} to the map centre`}>Move here</button>
                <button type="button" className="text-button" onClick={() => view.confirmProposed(s.id)} aria-label={`Keep ${s.name} as a real site`} title="Keep it as a real site: counted in the real analysis and the site count (Ctrl+Z undoes)">Keep as real</button>
                <button type="button" className="text-button" onClick={() => view.saveProposed(view.proposed.filter((x) => x.id !== s.id))} aria-label={`Remove ${s.name}`}>Remove</button>
              </span>
            </li>
          ))}
        </ul>
        <SuggestSites view={view} />
      </div>
    </section>
  );
}

/** A site not yet saved: id 0 tells the services to add it. */
export function newSite(existing: number, [lon, lat]: [number, number]) {
  return { id: 0, service: '', name: `Proposed site ${existing + 1}`, type: 'proposed', lon, lat, openingHours: null, proposed: true };
}
