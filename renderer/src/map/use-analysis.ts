// The analysis behind the map: which service, indicator and travel mode; the
// area results (for both modes, so the area panel can compare); isochrones,
// user hexbins, strata and the what-if sites. Every figure is asked of the
// services; this hook only keeps the answers and turns them into layers.
import { useCallback, useEffect, useMemo, useRef, useState, type Dispatch } from 'react';
import type { AreaCoverageRow, MethodOutput, StratumRow } from '../../../shared/contract';
import { api } from '../api/client';
import { ANALYSIS_INPUT_DOMAINS, onMomentApplied, recordEdit } from '../undo/undo-store';
import { analysisLayers } from '../layers/analysis-catalogue';
import { applyCoverage, coverageLayer, type AccessCoverage } from '../layers/coverage-layer';
import { applyAnalysis, type AreaAnalysis, type AreaRow } from '../layers/analysis-values';
import type { LayerAction, Placement } from '../layers/layer-state';
import type { LayerDef } from '../layers/types';
import type { LoadedProject, Site } from '../project/types';
import { validChoice } from './analysis-choice';

export type Mode = 'walk' | 'drive';
export interface AnalysisChoice {
  service: string;
  /** Absent in an access-only project: coverage, isochrones and the band table need only the service and mode. */
  indicator?: string;
  mode: Mode;
  /** One period of users imported with dates; all periods when absent. */
  period?: string;
  /** Persons or households; absent = the scheme's own base. */
  base?: 'persons' | 'households';
}

/** The chosen base for a request, or nothing (the scheme's own). */
export const baseOf = (c: { base?: 'persons' | 'households' }) => (c.base ? { base: c.base } : {});

export type AnalysisScope = MethodOutput<'getAnalysisScope'>;

export interface AnalysisView {
  choice: AnalysisChoice | null;
  setChoice(choice: AnalysisChoice): void;
  analysis: AreaAnalysis | null;
  rows: Map<string, AreaRow>;
  /** The same areas by the other travel mode, for the area panel. */
  otherRows: Map<string, AreaRow>;
  isochrones: MethodOutput<'getIsochrones'> | null;
  /** Minutes to the nearest site per area, by the chosen mode (what-if sites counted, as on the map). */
  coverage: Map<string, AreaCoverageRow>;
  hexbins: MethodOutput<'getUserHexbins'> | null;
  strata: Map<string, StratumRow>;
  proposed: Site[];
  sites: Site[];
  version: number;
  /** Bumped each time the what-if sites are saved or one is confirmed: tables that count them ask again. */
  whatIfRevision: number;
  busy: boolean;
  error: string | null;
  /** Replaces the what-if sites in the main process, then recomputes. */
  saveProposed(sites: Site[]): Promise<void>;
  /** Moves a site on screen only (while dragging); saveProposed commits. */
  previewProposed(sites: Site[]): void;
  confirmProposed(id: number): Promise<void>;
  decideStratum(areaCode: string, assigned: StratumRow['effective'], reason: string): Promise<void>;
  /** The service's periods, the communal setting and the excluded areas. */
  scope: AnalysisScope | null;
  /** Bumped when exclusions or the communal setting change, so cached tables ask again. */
  scopeRevision: number;
  setExcludeCommunal(on: boolean): Promise<void>;
  /** Excludes an area with a reason (reason null: counts it again); undoable. */
  setAreaExcluded(code: string, reason: string | null): Promise<void>;
}


const PLACEMENT: Record<string, Placement> = { 'proposed-sites': 'top', isochrones: 'below-sites', 'user-hexbins': 'below-sites' };

export function useAnalysis(project: LoadedProject | null, presenting: boolean, layers: LayerDef[], dispatch: Dispatch<LayerAction>): AnalysisView {
  const [choice, setChoice] = useState<AnalysisChoice | null>(null);
  const [analysis, setAnalysis] = useState<AreaAnalysis | null>(null);
  const [rows, setRows] = useState(new Map<string, AreaRow>());
  const [otherRows, setOtherRows] = useState(new Map<string, AreaRow>());
  const [isochrones, setIsochrones] = useState<MethodOutput<'getIsochrones'> | null>(null);
  const [coverage, setCoverage] = useState<AccessCoverage | null>(null);
  const [hexbins, setHexbins] = useState<MethodOutput<'getUserHexbins'> | null>(null);
  const [strata, setStrata] = useState(new Map<string, StratumRow>());
  const [proposed, setProposed] = useState<Site[]>([]);
  const [sites, setSites] = useState<Site[]>([]);
  const [revision, setRevision] = useState(0);
  const [version, setVersion] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [scope, setScope] = useState<AnalysisScope | null>(null);
  const [scopeRevision, setScopeRevision] = useState(0);
  const layersRef = useRef(layers);
  layersRef.current = layers;

  useEffect(() => {
    if (!project) return;
    // A service is enough to start: access analyses run without users or a need indicator.
    setChoice((current) => validChoice(current, project.info));
    setSites(project.sites.filter((s) => !s.proposed));
  }, [project]);

  // Nothing to analyse (no service or no need indicator): no figures from an earlier state of the project either.
  useEffect(() => {
    if (choice) return;
    setAnalysis(null);
    setRows(new Map());
    setOtherRows(new Map());
    setIsochrones(null);
    setHexbins(null);
    setStrata(new Map());
    setProposed([]);
    setScope(null);
  }, [choice]);

  useEffect(() => {
    if (!choice) return;
    let cancelled = false;
    api.call('getSites', { service: choice.service }).then((all) => !cancelled && setProposed(all.filter((s) => s.proposed)));
    // No cells at all is a service without users (access only): no density layer, rather than an empty one.
    api.call('getUserHexbins', { service: choice.service, hexMetres: 300 }).then((h) => !cancelled && setHexbins(h.cells.length ? h : null), () => !cancelled && setHexbins(null));
    return () => {
      cancelled = true;
    };
    // The project too: users imported for the same service bring the density layer without a reopen.
  }, [choice?.service, project]); // eslint-disable-line react-hooks/exhaustive-deps

  const reloadScope = useCallback(async () => {
    if (!choice) return;
    setScope(await api.call('getAnalysisScope', { service: choice.service }));
  }, [choice?.service]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => void reloadScope().catch(() => setScope(null)), [reloadScope]);
  // Exclusions and the communal setting change every figure: re-read them and recompute after an edit, undo or redo.
  useEffect(
    () => onMomentApplied((domains) => {
      if (!domains.has('excludedAreas') && !domains.has('excludeCommunal')) return;
      void reloadScope();
      setScopeRevision((r) => r + 1);
      setRevision((r) => r + 1);
    }),
    [reloadScope],
  );

  useEffect(() => {
    if (!project || !choice) return;
    let cancelled = false;
    setBusy(true);
    const { service, mode, indicator } = choice;
    const other: Mode = mode === 'walk' ? 'drive' : 'walk';
    // Dominant segments are named in the scheme and level the picker shows.
    const segments = project.scheme ? { segmentScheme: project.scheme, ...(project.segmentLevel ? { segmentLevel: project.segmentLevel } : {}) } : {};
    const request = indicator ? { service, indicator, level: project.level, period: choice.period, ...baseOf(choice), presentation: presenting, includeProposed: true } : null;
    // Access first: it needs only sites and roads, so it draws whether or not there are users and need.
    // Without roads there are no bands or minutes to ask for (the refusal would show as a failed request in the console).
    const roads = project.info.layers.some((l) => l.table === 'roads');
    const access = Promise.all([
      roads ? api.call('getIsochrones', { service, mode, includeProposed: true }).catch(() => null) : null,
      roads ? api.call('getAccessCoverage', { service, mode, level: project.level, includeProposed: true }).catch(() => null) : null,
    ]);
    const need = request
      ? Promise.all([
        api.call('getScenarioAnalysis', { ...request, ...segments, mode }),
        api.call('getScenarioAnalysis', { ...request, ...segments, mode: other }),
        api.call('getStrata', { service, indicator: request.indicator, mode, period: choice.period, ...baseOf(choice), level: project.level, presentation: presenting }),
      ])
      : Promise.resolve(null);
    Promise.all([access, need])
      .then(([[iso, cover], needs]) => {
        if (cancelled) return;
        setIsochrones(iso);
        setCoverage(cover);
        if (cover) applyCoverage(project.areas, cover);
        if (needs) {
          const [main, second, strataResult] = needs;
          setAnalysis(main);
          setRows(applyAnalysis(project.areas, main));
          setOtherRows(new Map(second.rows.map((r) => [r.code, r])));
          setStrata(new Map(strataResult.rows.map((r) => [r.areaCode, r])));
        }
        setVersion((v) => v + 1);
        setError(null);
      })
      .catch((e: unknown) => !cancelled && setError(e instanceof Error ? e.message : String(e)))
      .finally(() => !cancelled && setBusy(false));
    return () => {
      cancelled = true;
    };
  }, [project, choice, presenting, revision]);

  // Rebuild the analysis layers whenever their inputs change; the reducer keeps the analyst's switches.
  useEffect(() => {
    if (!project || !choice || (!analysis && !coverage && !isochrones)) return;
    const previous = new Map(layersRef.current.map((l) => [l.id, l]));
    const defs = analysisLayers(
      { features: project.areas.features, service: choice.service, mode: choice.mode, analysis, level: project.level, hexbins, isochrones, proposedCount: proposed.length },
      previous,
    );
    if (coverage) defs.unshift(coverageLayer(project.areas.features, coverage, previous.get('coverage')));
    dispatch({ type: 'upsert', layers: defs.map((def) => ({ def, placement: PLACEMENT[def.id] ?? 'bottom' })) });
    // With no need analysis to show, coverage is what the map is for: switched on (the other area fills off) when it first arrives.
    if (coverage && !analysis && !previous.has('coverage')) dispatch({ type: 'toggle', id: 'coverage', visible: true });
  }, [project, analysis, coverage, hexbins, isochrones, proposed.length, version, dispatch]); // eslint-disable-line react-hooks/exhaustive-deps

  const reloadProposed = useCallback(async () => {
    if (!choice) return;
    const all = await api.call('getSites', { service: choice.service });
    setProposed(all.filter((s) => s.proposed));
    // A site kept as real (or proposed again by an undo) moves between the two lists.
    setSites((await api.call('getSites', {})).filter((s) => !s.proposed));
    setRevision((r) => r + 1);
  }, [choice]);

  // What-if edits are undoable: an undo or redo anywhere re-reads the proposed sites.
  useEffect(() => onMomentApplied((domains) => (domains.has('proposedSites') || domains.has('siteStatus')) && void reloadProposed()), [reloadProposed]);
  // Opening hours, segment profiles and thresholds change the gap classification: recompute.
  useEffect(() => onMomentApplied((domains) => ANALYSIS_INPUT_DOMAINS.some((d) => domains.has(d)) && setRevision((r) => r + 1)), []);

  const saveProposed = useCallback(
    async (next: Site[]) => {
      if (!choice) return;
      setProposed(next);
      try {
        const sites = next.map((s) => ({ ...(s.id > 0 ? { id: s.id } : {}), name: s.name, lon: s.lon, lat: s.lat, openingHours: s.openingHours }));
        const { inverse } = await api.call('applyMoment', { moment: { proposedSites: { service: choice.service, sites } } });
        recordEdit('what-if sites', inverse);
      } catch (e) {
        setError(e instanceof Error ? e.message : String(e));
      }
    },
    [choice],
  );

  // Keeping a proposed site as real is an edit like any other: Ctrl+Z proposes it again.
  const confirmProposed = useCallback(
    async (id: number) => {
      if (!choice) return;
      const name = proposed.find((s) => s.id === id)?.name ?? 'the site';
      try {
        const { inverse } = await api.call('applyMoment', { moment: { siteStatus: { service: choice.service, id, proposed: false } } });
        recordEdit(`keep ${name} as a real site`, inverse);
      } catch (e) {
        setError(e instanceof Error ? e.message : String(e));
      }
    },
    [choice, proposed],
  );

  const reloadStrata = useCallback(async () => {
    if (!choice?.indicator) return;
    const result = await api.call('getStrata', { service: choice.service, indicator: choice.indicator, mode: choice.mode, period: choice.period, ...baseOf(choice), level: project?.level, presentation: presenting });
    setStrata(new Map(result.rows.map((r) => [r.areaCode, r])));
  }, [choice, presenting, project?.level]);

  // A decision is an undoable edit like any other: undo/redo (here or in the dock) re-reads the strata.
  useEffect(() => onMomentApplied((domains) => domains.has('strata') && void reloadStrata()), [reloadStrata]);

  const decideStratum = useCallback(
    async (areaCode: string, assigned: StratumRow['effective'], reason: string) => {
      if (!choice?.indicator) return;
      // Errors (a lower stratum without a reason) go back to the panel to show inline.
      const decision = { service: choice.service, indicator: choice.indicator, mode: choice.mode, period: choice.period, ...baseOf(choice), level: project?.level, areaCode, assigned, reason: reason.trim() || null };
      const { inverse } = await api.call('applyMoment', { moment: { strata: { decide: [decision] } } });
      recordEdit(`stratum of ${areaCode}`, inverse);
      await reloadStrata();
    },
    [choice, reloadStrata, project?.level],
  );

  const setExcludeCommunal = useCallback(async (on: boolean) => {
    const { inverse } = await api.call('applyMoment', { moment: { excludeCommunal: on } });
    recordEdit(on ? 'leave out communal residents' : 'count communal residents', inverse);
  }, []);

  const setAreaExcluded = useCallback(async (code: string, reason: string | null) => {
    const moment = reason === null ? { excludedAreas: { put: [], delete: [code] } } : { excludedAreas: { put: [{ code, reason }], delete: [] } };
    const { inverse } = await api.call('applyMoment', { moment });
    recordEdit(reason === null ? `count ${code} again` : `exclude ${code}`, inverse);
  }, []);

  const coverageRows = useMemo(() => new Map((coverage?.rows ?? []).map((r) => [r.code, r])), [coverage]);

  return {
    scope, scopeRevision, setExcludeCommunal, setAreaExcluded,
    choice, setChoice, analysis, rows, otherRows, isochrones, coverage: coverageRows, hexbins, strata, proposed, sites, version, whatIfRevision: revision, busy, error,
    saveProposed, previewProposed: setProposed, confirmProposed, decideStratum,
  };
}
