// The layers a print shows: the app's own definitions (catalogue and analysis
// catalogue), switched on as the saved view or the chosen layer says. Every
// figure is asked of the services with presentation: true, so what is drawn
// and what the legend counts are disclosed by the project's rule, never exact.
import type { SavedViewRow } from '../../../shared/contract';
import { InputError } from '../../../shared/errors';
import { api } from '../api/client';
import { initialLayers } from '../layers/catalogue';
import { ANALYSIS_LAYER_IDS, analysisLayers } from '../layers/analysis-catalogue';
import { applyAnalysis } from '../layers/analysis-values';
import { applyCoverage, coverageLayer } from '../layers/coverage-layer';
import type { DeckLayerData } from '../layers/deck-layers';
import { layersReducer } from '../layers/layer-state';
import type { LayerDef } from '../layers/types';
import { TRANSIT_ISOCHRONE_ID, transitIsochroneDef } from '../layers/transit-isochrone-layer';
import { loadProject } from '../project/load-project';
import type { LoadedProject } from '../project/types';
import type { PrintParams } from './params';
import { INDICATOR_LAYER_PREFIX } from '../layers/indicator-layers';
import { loadIndicatorLayers } from '../map/use-indicator-layers';

export interface PrintLayers {
  project: LoadedProject;
  /** Bottom to top, as the app holds them; `visible` says what is drawn. */
  layers: LayerDef[];
  data: DeckLayerData;
  view: SavedViewRow | null;
  /** Proposed sites counted as open in what is drawn (0: real sites only), for the what-if note. */
  proposedCounted: number;
}

const ANALYSIS_IDS = new Set<string>([...ANALYSIS_LAYER_IDS, TRANSIT_ISOCHRONE_ID]);

/** Which layers are on: the view's switches over the defaults, or the one layer asked for. */
function switchedOn(layers: LayerDef[], view: SavedViewRow | null, layer: string | null): LayerDef[] {
  if (view) return layersReducer(layers, { type: 'visibility', visible: view.payload.visible });
  if (!layer) return layers;
  if (!layers.some((l) => l.id === layer)) {
    throw new InputError(`There is no layer "${layer}" to print (choose from ${layers.map((l) => l.id).join(', ')}).`);
  }
  // The app's own rule: switching an area fill on switches the other area fills off.
  return layersReducer(layers, { type: 'toggle', id: layer, visible: true });
}

async function findView(name: string): Promise<SavedViewRow> {
  const views = await api.call('listViews', {});
  const view = views.find((v) => v.name === name);
  if (!view) throw new InputError(`There is no saved view "${name}" (${views.length ? `choose from ${views.map((v) => `"${v.name}"`).join(', ')}` : 'the project has none yet'}).`);
  return view;
}

/** Analysis layers are only computed when the print shows one of them. */
function wantsAnalysis(view: SavedViewRow | null, layer: string | null): boolean {
  if (layer) return ANALYSIS_IDS.has(layer);
  return Object.entries(view?.payload.visible ?? {}).some(([id, on]) => on && ANALYSIS_IDS.has(id) && id !== 'proposed-sites');
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

async function withAnalysis(project: LoadedProject, base: LayerDef[], view: SavedViewRow | null, params: PrintParams): Promise<{ layers: LayerDef[]; data: Partial<DeckLayerData>; proposedCounted: number }> {
  const { layer, includeProposed } = params;
  const { services, indicators } = project.info;
  // A view saved with its analysis choice keeps it; then the one asked for; then the app's own default (the first, walking).
  const service = text(view?.payload.service) ?? params.service ?? services[0];
  const indicator = text(view?.payload.indicator) ?? params.indicator ?? indicators[0];
  const mode = view?.payload.mode === 'drive' || view?.payload.mode === 'walk' ? view.payload.mode : (params.mode ?? 'walk');
  if (!service) throw new Error('This layer needs a service, and the project has none yet.');
  const on = (id: string) => layer === id || view?.payload.visible[id] === true;
  // Without an indicator only the access layers (coverage, isochrones) can be drawn: they hold no counts.
  const [analysis, all, isochrones, hexbins, coverage, transitIsochrones] = await Promise.all([
    indicator ? api.call('getScenarioAnalysis', { service, indicator, mode, level: project.level, presentation: true, includeProposed }) : Promise.resolve(null),
    api.call('getSites', { service }),
    on('isochrones') ? api.call('getIsochrones', { service, mode, includeProposed }) : Promise.resolve(null),
    on('user-hexbins') ? api.call('getUserHexbins', { service, hexMetres: 300 }) : Promise.resolve(null),
    on('coverage') ? api.call('getAccessCoverage', { service, mode, level: project.level, includeProposed }) : Promise.resolve(null),
    on(TRANSIT_ISOCHRONE_ID) ? transitBands(service, params.transit ?? viewTransit(view)) : Promise.resolve(null),
  ]);
  // A PNG is shared: with the project set to exact counts (rule "none") there is nothing safe to draw.
  if (analysis?.exactCounts) throw new Error('The project shows exact counts (disclosure rule "none"); choose a disclosure rule before exporting a map of counts.');
  if (analysis) applyAnalysis(project.areas, analysis);
  if (coverage) applyCoverage(project.areas, coverage);
  // Real sites only: the what-if sites are neither counted nor drawn.
  const proposed = includeProposed ? all.filter((s) => s.proposed) : [];
  const defs = analysisLayers({ features: project.areas.features, service, mode, analysis, level: project.level, hexbins, isochrones, proposedCount: proposed.length }, new Map());
  if (coverage) defs.unshift(coverageLayer(project.areas.features, coverage, undefined));
  if (transitIsochrones) defs.push(transitIsochroneDef(transitIsochrones, undefined));
  // Where the app places them: area fills at the bottom, bands and hexagons under the sites, what-if sites on top.
  const sites = base.findIndex((l) => l.style.type === 'site-symbols');
  const below = defs.filter((d) => d.id === 'isochrones' || d.id === TRANSIT_ISOCHRONE_ID || d.id === 'user-hexbins');
  const fills = defs.filter((d) => !below.includes(d) && d.id !== 'proposed-sites');
  const top = defs.filter((d) => d.id === 'proposed-sites');
  const cut = sites < 0 ? base.length : sites;
  const layers = [...fills, ...base.slice(0, cut), ...below, ...base.slice(cut), ...top];
  const proposedCounted = Math.max(analysis?.proposedSites ?? 0, coverage?.proposedSites ?? 0, isochrones?.includeProposed ? proposed.length : 0);
  return { layers, data: { isochrones, transitIsochrones, hexbins, proposed }, proposedCounted };
}

/** The day and window a view was saved with (ExportController), for its transit isochrones. */
function viewTransit(view: SavedViewRow | null): { date: string; depart: string } | null {
  const t = view?.payload.transit as { date?: unknown; depart?: unknown } | undefined;
  return t && typeof t.date === 'string' && typeof t.depart === 'string' ? { date: t.date, depart: t.depart } : null;
}

/** The transit isochrones need the day and window the export was asked for (or the view saved); without them the print says so. */
function transitBands(service: string, transit: { date: string; depart: string } | null) {
  if (!transit) throw new InputError('The public-transport layer needs a day and a departure window: choose them (cgm: --date and --depart).');
  return api.call('getTransitIsochrones', { service, ...transit });
}

export async function loadPrintLayers(params: PrintParams, onStep: (message: string) => void): Promise<PrintLayers> {
  const project = await loadProject(onStep);
  if ('empty' in project) throw new Error('The project has no geography levels to map yet: import boundaries first.');
  const view = params.view ? await findView(params.view) : null;
  let layers = initialLayers(project);
  let extra: Partial<DeckLayerData> = {};
  let proposedCounted = 0;
  if (wantsAnalysis(view, params.layer)) {
    onStep('Computing the analysis (disclosed)…');
    ({ layers, data: extra, proposedCounted } = await withAnalysis(project, layers, view, params));
  }
  // Area indicators are area fills like density: at the bottom, as the app places them.
  const shownIds = [params.layer, ...Object.entries(view?.payload.visible ?? {}).filter(([, on]) => on).map(([id]) => id)];
  const indicators = [...new Set(shownIds.filter((id): id is string => Boolean(id?.startsWith(INDICATOR_LAYER_PREFIX))))].map((id) => id.slice(INDICATOR_LAYER_PREFIX.length));
  if (indicators.length) {
    // A saved view may name an indicator imported again under another name since: only those held are drawn.
    const held = new Set((await api.call('getAreaContext', {})).indicators.map((i) => i.name));
    layers = [...(await loadIndicatorLayers(project, indicators.filter((n) => held.has(n)), new Map())), ...layers];
  }
  // The layer definitions as the app holds them, so the print matches the screen.
  // Nothing is selected, so no outline.
  layers = switchedOn(layers, view, params.layer);
  return { project, layers, view, data: { areas: project.areas, sites: project.sites.filter((s) => !s.proposed), ...extra }, proposedCounted };
}
