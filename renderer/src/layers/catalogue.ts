// The first set of layers for a project, bottom to top: segment fills, a
// density choropleth (off), roads, boundaries and service sites.
import type { Feature } from 'geojson';
import type { LoadedProject } from '../project/types';
import { buildGraduated } from './graduated';
import { FALLBACK_CATEGORICAL, NO_DATA_COLOUR, OKABE_ITO } from './palettes';
import { roadClassesIn } from './road-classes';
import type { Category, CategoricalFillStyle, GraduatedStyle, LayerDef, SiteStyle } from './types';
import { DEFAULT_RAMP } from '../classify/ramps';

function segmentStyle(project: LoadedProject): CategoricalFillStyle {
  const counts = new Map<string, number>();
  let otherCount = 0;
  const known = new Set(project.segments.map((s) => s.code));
  for (const f of project.areas.features) {
    const code = f.properties?.segment;
    if (code != null && known.has(String(code))) counts.set(String(code), (counts.get(String(code)) ?? 0) + 1);
    else otherCount++;
  }
  // Only segments that occur are listed: a legend entry nobody can find on the map is noise.
  const categories: Category[] = project.segments
    .map((s, i) => ({ value: s.code, label: s.name, colour: s.colour ?? FALLBACK_CATEGORICAL[i % FALLBACK_CATEGORICAL.length], count: counts.get(s.code) ?? 0 }))
    .filter((c) => c.count > 0);
  return { type: 'categorical-fill', field: 'segment', categories, otherColour: NO_DATA_COLOUR, otherCount };
}

/** `gp` → `GP`, `health_centre` → `Health centre`: types arrive as OSM-style keys. */
export function siteTypeLabel(type: string): string {
  if (type === '') return 'Other site';
  if (type.length <= 3) return type.toUpperCase();
  const words = type.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function siteStyle(project: LoadedProject): SiteStyle {
  const counts = new Map<string, number>();
  for (const s of project.sites) counts.set(s.type ?? '', (counts.get(s.type ?? '') ?? 0) + 1);
  const types = [...counts.keys()].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)));
  const categories = types.map((t, i) => ({
    value: t,
    label: siteTypeLabel(t),
    colour: OKABE_ITO[i % OKABE_ITO.length],
    count: counts.get(t) ?? 0,
  }));
  return { type: 'site-symbols', field: 'type', categories, radius: 7, labels: true };
}

export type PopulationBase = 'persons' | 'households';

/** The bases the project's areas carry: persons always; households where imported. */
export function populationBases(project: LoadedProject): PopulationBase[] {
  return project.areas.features.some((f) => f.properties && 'households' in f.properties) ? ['persons', 'households'] : ['persons'];
}

/** The base shown before one is chosen: persons, unless the areas have only households. */
export function defaultBase(project: LoadedProject): PopulationBase {
  const anyPersons = project.areas.features.some((f) => typeof f.properties?.population === 'number');
  return !anyPersons && populationBases(project).includes('households') ? 'households' : 'persons';
}

type DensityClassing = Pick<GraduatedStyle, 'method' | 'classCount' | 'ramp'>;
const DEFAULT_CLASSING: DensityClassing = { method: 'quantile', classCount: 5, ramp: DEFAULT_RAMP };

/** The population layer on one base: people or households per km², classed on that base's own figures. */
export function densityLayer(project: LoadedProject, base: PopulationBase, classing: DensityClassing = DEFAULT_CLASSING): LayerDef {
  const { level, scheme, segmentLevel } = project;
  const households = base === 'households';
  const measure = households
    ? { measure: 'household_density', measureLabel: 'Household density', unit: 'households per km²' }
    : { measure: 'density', measureLabel: 'Population density', unit: 'people per km²' };
  return {
    id: 'density',
    title: households ? 'Population density (households)' : 'Population density',
    subtitle: `${households ? 'Households' : 'People'} per km² by ${level}`,
    source: { method: 'getAreaLayer', input: { level, ...(scheme ? { scheme } : {}), ...(segmentLevel ? { segmentLevel } : {}) } },
    style: buildGraduated(project.areas.features as Feature[], measure, classing),
    drawnBy: 'deck',
    visible: false,
    opacity: 0.8,
    interactive: true,
  };
}

export function initialLayers(project: LoadedProject): LayerDef[] {
  const { level, scheme, segmentLevel, parentLevel } = project;
  const areaInput = { level, ...(scheme ? { scheme } : {}), ...(segmentLevel ? { segmentLevel } : {}) };
  const layers: LayerDef[] = [];
  if (scheme) {
    layers.push({
      id: 'segments',
      title: 'Geodemographic segment',
      subtitle: `${scheme}${segmentLevel ? ` ${segmentLevel}s` : ''} by ${level}`,
      source: { method: 'getAreaLayer', input: areaInput },
      style: segmentStyle(project),
      drawnBy: 'deck',
      visible: true,
      opacity: 0.78,
      interactive: true,
    });
  }
  // Segments are the first question; density waits until asked for.
  layers.push({ ...densityLayer(project, defaultBase(project)), visible: !scheme });
  if (project.roads) {
    layers.push({
      id: 'roads',
      title: 'Roads',
      subtitle: 'By class',
      source: { method: 'getLayerFeatures', input: { table: 'roads' } },
      style: { type: 'road-lines', classes: roadClassesIn(project.roads.features as Feature[]) },
      drawnBy: 'basemap',
      visible: true,
      opacity: 0.9,
      interactive: false,
    });
  }
  layers.push({
    id: `boundaries-${level}`,
    title: `${level} boundaries`,
    subtitle: `${project.areas.features.length.toLocaleString('en-GB')} areas`,
    source: { method: 'getAreaLayer', input: { level } },
    // Dark and faint, so white lines on the map always mean roads.
    style: { type: 'outline', colour: '#2b3137', width: 0.6, label: `${level} boundary` },
    drawnBy: 'basemap',
    visible: true,
    opacity: 0.3,
    interactive: false,
  });
  if (parentLevel && project.parentAreas) {
    layers.push({
      id: `boundaries-${parentLevel}`,
      title: `${parentLevel} boundaries`,
      subtitle: `${project.parentAreas.features.length.toLocaleString('en-GB')} areas`,
      source: { method: 'getAreaLayer', input: { level: parentLevel } },
      style: { type: 'outline', colour: '#3d4852', width: 1.4, label: `${parentLevel} boundary` },
      drawnBy: 'basemap',
      visible: true,
      opacity: 0.75,
      interactive: false,
    });
  }
  if (project.sites.length > 0) {
    layers.push({
      id: 'sites',
      title: 'Service sites',
      subtitle: project.info.services.join(', ') || 'All services',
      source: { method: 'getSites', input: {} },
      style: siteStyle(project),
      drawnBy: 'deck',
      visible: true,
      opacity: 1,
      interactive: true,
    });
  }
  return layers;
}
