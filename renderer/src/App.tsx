// The analyst's workspace: layer list, map, legend and area details.
import { useCallback, useEffect, useMemo, useReducer, useState } from 'react';
import type { PickingInfo } from '@deck.gl/core';
import type { Feature } from 'geojson';
import { initialLayers } from './layers/catalogue';
import { layersReducer } from './layers/layer-state';
import { loadProject } from './project/load-project';
import type { LoadedProject, ProjectInfo } from './project/types';
import { GettingStarted } from './start/GettingStarted';
import { ChecklistButton } from './start/ChecklistButton';
import { ImportButton } from './import/ImportButton';
import { MapView } from './map/MapView';
import { Legend } from './legend/Legend';
import { LayerPanel } from './components/LayerPanel';
import { HoverCard } from './components/HoverCard';
import { AreaPanel } from './components/AreaPanel';
import { AppHeader } from './components/AppHeader';
import { StatusBar } from './components/StatusBar';
import { LoadingScreen } from './components/LoadingScreen';
import { usePresentation } from './presentation/use-presentation';
import { PresentationOverlay } from './presentation/PresentationOverlay';
import { SaveViewDialog } from './presentation/SaveViewDialog';
import { SkipLinks } from './layout/SkipLinks';
import { ImportController } from './import/ImportController';
import { FindBox } from './find/FindBox';
import { ExportController } from './export/ExportController';
import { useAnalysisWorkspace } from './map/use-analysis-workspace';
import { AnalysisPanel } from './components/AnalysisPanel';
import { SchemePicker } from './components/SchemePicker';
import { useSchemePick } from './project/use-scheme-pick';
import { AnalysisDock } from './tables/AnalysisDock';
import { useSelectedArea } from './selection/selection-store';
import { BasemapControl } from './map/BasemapControl';
import { useBasemapTiles } from './map/basemap-tiles';
import { LiveMapContext, type LiveMap } from './map/live-map';
import { LevelSwitch } from './components/LevelSwitch';
import { api } from './api/client';

export function App() {
  const [project, setProject] = useState<LoadedProject | null>(null);
  // Set while the project has no boundaries: it opens to the getting-started checklist instead of a map.
  const [emptyProject, setEmptyProject] = useState<ProjectInfo | null>(null);
  const [step, setStep] = useState('Starting…');
  const [error, setError] = useState<string | null>(null);
  const [layers, dispatch] = useReducer(layersReducer, []);
  const [hover, setHover] = useState<PickingInfo | null>(null);
  // Shared with the analysis dock's tables: a row click selects here, a map click marks the row.
  const [selectedCode, setSelectedCode] = useSelectedArea();
  const [map, setMap] = useState<import('maplibre-gl').Map | null>(null);
  const presentation = usePresentation(map, layers, dispatch, project?.level ?? '');
  const basemap = useBasemapTiles();
  const analysis = useAnalysisWorkspace(project, map, presentation.active, layers, dispatch);
  const schemePick = useSchemePick(project, setProject, dispatch);
  // Bumped after an import, so the project is read again with its new layers.
  const [reloads, setReloads] = useState(0);
  const reload = useCallback(() => setReloads((n) => n + 1), []);

  useEffect(() => {
    let cancelled = false;
    loadProject((message) => !cancelled && setStep(message))
      .then((loaded) => {
        if (cancelled) return;
        if ('empty' in loaded) return setEmptyProject(loaded.info);
        dispatch({ type: 'reset', layers: initialLayers(loaded) });
        setProject(loaded);
        setEmptyProject(null);
      })
      .catch((e: unknown) => !cancelled && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      cancelled = true;
    };
  }, [reloads]);

  // What the map draws, shared with the workbook's mini-maps.
  const mapData = useMemo(() => project && { areas: project.areas, ...analysis.extraData }, [project, analysis.extraData]);
  const live = useMemo<LiveMap | null>(
    () => project && mapData && { project, layers, data: mapData, dataVersion: analysis.view.version, basemapTiles: basemap.tiles },
    [project, mapData, layers, analysis.view.version, basemap.tiles],
  );

  const onSelectArea = useCallback((code: string | null) => setSelectedCode(code), []);
  // The level is kept in the project, then everything is read again at it; a selected area of the old level means nothing there.
  const onLevelChange = useCallback(async (level: string) => {
    await api.call('setMapLevel', { level });
    setSelectedCode(null);
    reload();
  }, [reload]);
  const onMapCreated = useCallback((m: import('maplibre-gl').Map) => setMap(m), []);

  // One import controller at the same place in both views, so the import that brings the map keeps its dialog.
  const importer = <ImportController onImported={reload} />;
  if (error) return <LoadingScreen title="The project could not be opened" message={error} failed />;
  if (!project && emptyProject) return <>{<GettingStarted info={emptyProject} />}{importer}</>;
  if (!project) return <LoadingScreen title="Catchment Gap Mapper" message={step} />;

  return (
    <>
    <div className={presentation.active ? 'app app--presenting' : 'app'}>
      {!presentation.active && <SkipLinks />}
      <AppHeader project={project} onPresent={presentation.start} views={presentation.views.length} onSaveView={presentation.saveView} levelControl={<LevelSwitch project={project} onChange={onLevelChange} />}>
        <FindBox project={project} map={map} />
        <ImportButton />
        <ChecklistButton project={project} />
        <ExportController project={project} map={map} layers={layers} choice={analysis.view.choice} proposedSites={analysis.view.proposed.length} />
      </AppHeader>
      <aside className="sidebar" aria-label="Layers and settings">
        <AnalysisPanel project={project} view={analysis.view} placing={analysis.placing} onPlacingChange={analysis.setPlacing} mapCentre={analysis.mapCentre}>
          <SchemePicker project={project} onPick={schemePick.pick} busy={schemePick.busy} error={schemePick.error} />
        </AnalysisPanel>
        <LayerPanel layers={layers} dispatch={dispatch} features={project.areas.features as Feature[]} />
        <BasemapControl basemap={basemap} />
      </aside>
      <main className="map-area">
        <MapView project={project} layers={layers} selectedCode={selectedCode} onHover={setHover} onSelectArea={onSelectArea} onMapCreated={onMapCreated} data={mapData!} dataVersion={analysis.view.version} placing={analysis.placing} basemapTiles={basemap.tiles} />
        {!presentation.active && <HoverCard info={hover} layers={layers} rows={analysis.view.rows} mode={analysis.view.choice?.mode} />}
        {!presentation.active && (
          <div className="map-legend">
            <Legend layers={layers} collapsible />
          </div>
        )}
        {selectedCode && !presentation.active && (
          <AreaPanel
            project={project}
            layers={layers}
            code={selectedCode}
            onClose={() => setSelectedCode(null)}
            row={analysis.view.rows.get(selectedCode)}
            coverage={analysis.view.coverage.get(selectedCode)}
            otherRow={analysis.view.otherRows.get(selectedCode)}
            mode={analysis.view.choice?.mode}
            service={analysis.view.choice?.service}
            exactCounts={analysis.view.analysis?.exactCounts}
            stratum={analysis.view.strata.get(selectedCode)}
            onDecide={(assigned, reason) => analysis.view.decideStratum(selectedCode, assigned, reason)}
            excluded={analysis.view.scope?.excluded.find((a) => a.code === selectedCode) ?? null}
            onExclude={analysis.view.choice ? (reason: string | null) => analysis.view.setAreaExcluded(selectedCode, reason) : undefined}
          />
        )}
        {presentation.active && <PresentationOverlay presentation={presentation} title={project.info.name} legend={<Legend layers={layers} large />} map={map} />}
      </main>
      {/* Kept mounted (hidden) while presenting, so leaving finds the dock as it was. */}
      <LiveMapContext.Provider value={live}>
        <AnalysisDock project={project} map={map} layers={layers} dispatchLayers={dispatch} choice={analysis.view.choice} whatIfRevision={analysis.view.whatIfRevision} proposedSites={analysis.view.proposed.length} scopeRevision={analysis.view.scopeRevision} />
      </LiveMapContext.Provider>
      <StatusBar project={project} siteCount={analysis.view.sites.length || undefined} layers={layers} />
    </div>
    {importer}
    {/* After the importer, which must keep its place in both views (see above). */}
    {presentation.naming !== null && <SaveViewDialog initialName={presentation.naming} taken={presentation.viewNames} onSave={presentation.confirmSave} onCancel={presentation.cancelSave} />}
    </>
  );
}
