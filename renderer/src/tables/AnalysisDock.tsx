// The Analysis dock under the map: the toolkit's tables and charts, the
// workbook, and undo/redo. Working views show exact counts and say so;
// "Presentation figures" asks the services for the disclosed numbers.
import { useEffect, useRef, useState, type Dispatch } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { LayerAction } from '../layers/layer-state';
import type { LayerDef } from '../layers/types';
import type { LoadedProject } from '../project/types';
import { clearSelection, useSelection } from '../selection/selection-store';
import { useSelectionHighlight } from '../selection/use-selection-highlight';
import { UndoControls } from '../undo/UndoControls';
import { setUndoScope } from '../undo/undo-store';
import { WorkbookPanel } from '../workbook/WorkbookPanel';
import { TABLE_TITLES, TableView, type AnalysisSettings, type TableKind } from './TableView';
import type { AnalysisName } from '../../../shared/analysis/readiness';
import { useReadiness } from '../start/use-readiness';
import { WaitingFor, waitingFor } from '../start/WaitingFor';
import { useDockSize } from './use-dock-size';
import { areaCount } from './format';
import './tables.css';

type Tab = TableKind | 'workbook';
const TABS: Tab[] = ['profile', 'bands', 'gaps', 'funnel', 'strata', 'review', 'crosstab', 'workbook'];
const TAB_TITLES: Record<Tab, string> = { ...TABLE_TITLES, workbook: 'Workbook' };
const DESCRIPTIONS: Record<TableKind, string> = {
  profile: 'Who uses the service, by segment, against the population base. Index 100 = represented in proportion.',
  bands: 'Cumulative % of each segment within each band of travel time to the nearest site, segments ranked by risk (prevalence; equal rates share a rank).',
  gaps: 'Areas ranked by unmet need: users expected from need but not seen, with the uptake ratio and the rule that found the gap.',
  funnel: 'Uptake ratio against expected users. Points outside the funnel differ from 1 by more than chance.',
  strata: 'Proposed attention strata from need and the uptake gap; confirm or change each (Ctrl+Z undoes).',
  review: 'Two periods of one users import side by side: change in users and uptake by segment and by area.',
  crosstab: 'Segments against IMD deciles, an area indicator or another scheme: base and users per cell, and the uptake ratio of each column.',
};

/** The analysis behind each tab, for what it waits for (the funnel plots the gap table's figures). */
const TAB_ANALYSIS: Record<TableKind, AnalysisName> = { profile: 'profile', bands: 'bands', gaps: 'gaps', funnel: 'gaps', strata: 'strata', review: 'review', crosstab: 'profile' };
/** Without a need indicator there is no risk to rank by: the band table says what it ranks by instead. */
const BANDS_ACCESS_ONLY = 'Cumulative % of each segment within each band of travel time to the nearest site, largest segments first (no need indicator yet to rank them by risk).';

interface Props {
  project: LoadedProject;
  map: MapLibreMap | null;
  /** For saving the current map view from the workbook. */
  layers?: LayerDef[];
  dispatchLayers?: Dispatch<LayerAction>;
  /** The service, indicator and mode the map's analysis panel has chosen; the dock follows it when given. */
  choice?: (Pick<AnalysisSettings, 'service' | 'mode' | 'period' | 'base'> & { indicator?: string }) | null;
  scopeRevision?: number;
  /** The map's what-if sites, by revision: given, travel tables count them as open, as the map does. */
  whatIfRevision?: number;
  proposedSites?: number;
}

function pick(list: string[], preferred: string): string {
  return list.includes(preferred) ? preferred : (list[0] ?? '');
}

export function AnalysisDock({ project, map, layers, dispatchLayers, choice, whatIfRevision, proposedSites, scopeRevision }: Props) {
  const [open, setOpen] = useState(() => localStorage.getItem('cgm-dock-open') !== '0');
  const [tab, setTab] = useState<Tab>('profile');
  const [own, setSettings] = useState<AnalysisSettings>(() => ({
    service: pick(project.info.services, 'Stop smoking service'),
    indicator: pick(project.info.indicators, 'Smoking prevalence (illustrative)'),
    mode: 'walk',
    presentation: false,
  }));
  // One choice for the whole workspace: the map's analysis panel owns it when there is one. The dock's own
  // choice follows the project as imports change it: a service or indicator it no longer has (or "" from
  // before there was one) becomes the first it has.
  const settings: AnalysisSettings = choice
    ? { ...own, service: choice.service, indicator: choice.indicator ?? '', mode: choice.mode, period: choice.period, base: choice.base, whatIfRevision, proposedSites, scopeRevision, level: project.level }
    : { ...own, service: pick(project.info.services, own.service), indicator: pick(project.info.indicators, own.indicator), level: project.level };
  const readiness = useReadiness(project);
  const waiting = tab === 'workbook' ? null : waitingFor(readiness, TAB_ANALYSIS[tab]);
  const size = useDockSize();
  const selection = useSelection();
  const tabRefs = useRef<Record<string, HTMLButtonElement | null>>({});
  useSelectionHighlight(map, project.areas);

  useEffect(() => setUndoScope(project.info.path), [project.info.path]);
  useEffect(() => localStorage.setItem('cgm-dock-open', open ? '1' : '0'), [open]);
  // The map's container changed size: let it redraw at the new size now, not on the next window resize.
  useEffect(() => {
    const id = requestAnimationFrame(() => map?.resize());
    return () => cancelAnimationFrame(id);
  }, [map, open, size.height]);

  const choose = (t: Tab) => {
    setTab(t);
    setOpen(true);
  };
  const onTabKey = (e: React.KeyboardEvent, i: number) => {
    const next = e.key === 'ArrowRight' ? (i + 1) % TABS.length : e.key === 'ArrowLeft' ? (i - 1 + TABS.length) % TABS.length : e.key === 'Home' ? 0 : e.key === 'End' ? TABS.length - 1 : -1;
    if (next < 0) return;
    e.preventDefault();
    choose(TABS[next]);
    tabRefs.current[TABS[next]]?.focus();
  };
  const set = (patch: Partial<AnalysisSettings>) => setSettings((s) => ({ ...s, ...patch }));
  const usesMode = tab === 'bands' || tab === 'gaps' || tab === 'funnel' || tab === 'strata';

  return (
    <section className={`analysis-dock${open ? ' is-open' : ''}`} style={open ? { height: size.height } : undefined} aria-label="Analysis">
      {open && (
        <div
          className="dock-resizer"
          role="separator"
          aria-orientation="horizontal"
          aria-label="Resize the analysis dock"
          aria-valuenow={size.height}
          aria-valuemin={180}
          aria-valuemax={size.maxHeight()}
          tabIndex={0}
          onPointerDown={size.onPointerDown}
          onKeyDown={size.onKeyDown}
        />
      )}
      <div className="dock-bar">
        <div className="dock-tabs" role="tablist" aria-label="Analysis views">
          {TABS.map((t, i) => (
            <button
              key={t}
              ref={(el) => {
                tabRefs.current[t] = el;
              }}
              type="button"
              role="tab"
              id={`dock-tab-${t}`}
              aria-selected={open && tab === t}
              aria-controls="dock-panel"
              tabIndex={tab === t ? 0 : -1}
              className={`dock-tab${open && tab === t ? ' is-active' : ''}`}
              onClick={() => choose(t)}
              onKeyDown={(e) => onTabKey(e, i)}
            >
              {TAB_TITLES[t]}
            </button>
          ))}
        </div>
        <div className="dock-bar__end">
          <UndoControls />
          <button type="button" className="icon-button dock-toggle" onClick={() => setOpen((o) => !o)} aria-expanded={open} aria-controls="dock-panel" title={open ? 'Hide the analysis dock' : 'Show the analysis dock'}>
            <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true"><path d={open ? 'M3 5l4 4 4-4' : 'M3 9l4-4 4 4'} fill="none" stroke="currentColor" strokeWidth="1.8" /></svg>
            <span className="visually-hidden">{open ? 'Hide' : 'Show'} the analysis dock</span>
          </button>
        </div>
      </div>
      {open && (
        <div className="dock-panel" id="dock-panel" role="tabpanel" aria-labelledby={`dock-tab-${tab}`}>
          {tab === 'workbook' ? (
            <WorkbookPanel project={project} settings={settings} map={map} layers={layers} dispatchLayers={dispatchLayers} />
          ) : (
            <>
              <div className="dock-toolbar">
                {choice ? (
                  <span className="dock-choice" title="Chosen in the Analysis panel beside the map">
                    <strong>{settings.service}</strong>
                    {tab !== 'profile' && settings.indicator && <> · {settings.indicator}</>}
                    {usesMode && <> · {settings.mode === 'walk' ? 'walking' : 'driving'}</>}
                    {settings.base && <> · {settings.base}</>}
                  </span>
                ) : (
                  <>
                    <label className="dock-field">
                      <span>Service</span>
                      <select value={settings.service} onChange={(e) => set({ service: e.target.value })}>
                        {project.info.services.map((s) => <option key={s}>{s}</option>)}
                      </select>
                    </label>
                    {tab !== 'profile' && (
                      <label className="dock-field">
                        <span>Need</span>
                        <select value={settings.indicator} onChange={(e) => set({ indicator: e.target.value })}>
                          {project.info.indicators.map((s) => <option key={s}>{s}</option>)}
                        </select>
                      </label>
                    )}
                    {usesMode && (
                      <div className="dock-segmented" role="radiogroup" aria-label="Travel mode">
                        {(['walk', 'drive'] as const).map((m) => (
                          <button key={m} type="button" role="radio" aria-checked={settings.mode === m} className={settings.mode === m ? 'is-on' : ''} onClick={() => set({ mode: m })}>
                            {m === 'walk' ? 'Walk' : 'Drive'}
                          </button>
                        ))}
                      </div>
                    )}
                  </>
                )}
                {!choice && (
                  <label className="dock-field" title="The population base the figures run on; Default is the scheme's own (or the project's only one)">
                    <span>Base</span>
                    <select aria-label="Population base" value={settings.base ?? ''} onChange={(e) => set({ base: (e.target.value || undefined) as AnalysisSettings['base'] })}>
                      <option value="">Default</option>
                      <option value="persons">Persons</option>
                      <option value="households">Households</option>
                    </select>
                  </label>
                )}
                {tab !== 'bands' && (
                  <label className="dock-switch" title="Apply the project's disclosure rule: small counts suppressed, others rounded, as exports are">
                    <input type="checkbox" checked={settings.presentation} onChange={(e) => set({ presentation: e.target.checked })} />
                    <span className="dock-switch__track" aria-hidden="true" />
                    Presentation figures
                  </label>
                )}
                {tab !== 'bands' && (
                  <span className={`counts-badge${settings.presentation ? ' counts-badge--safe' : ''}`} data-exact={!settings.presentation}>
                    {settings.presentation ? 'Presentation figures (disclosure rule applied)' : 'Exact counts — not for sharing'}
                  </span>
                )}
                {selection.codes.length > 0 && (
                  <span className="selection-chip">
                    Selected: {selection.label ?? areaCount(selection.codes.length)}
                    <button type="button" className="selection-chip__clear" onClick={clearSelection} aria-label="Clear the selection">×</button>
                  </span>
                )}
              </div>
              <p className="dock-description">{tab === 'bands' && !settings.indicator ? BANDS_ACCESS_ONLY : DESCRIPTIONS[tab]}</p>
              <div className={`dock-content dock-content--${tab}`}>
                {waiting ? <WaitingFor readiness={waiting} /> : readiness && <TableView kind={tab} project={project} s={settings} />}
              </div>
            </>
          )}
        </div>
      )}
    </section>
  );
}
