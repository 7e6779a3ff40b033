// What a project holds and what each analysis is still waiting for. One small
// rule table, so the getting-started checklist, the dock's tabs and the
// Analysis panel all say the same thing, and a change of what an analysis
// needs (access-only bands, say) is made here once.

/** The import steps in the order an analyst usually takes them. */
export const READINESS_STEPS = ['boundaries', 'segments', 'population', 'postcodes', 'users', 'rates', 'sites', 'roads'] as const;
export type ReadinessStep = (typeof READINESS_STEPS)[number];

export const ANALYSES = ['profile', 'gaps', 'bands', 'isochrones', 'strata', 'review', 'suggest'] as const;
export type AnalysisName = (typeof ANALYSES)[number];

/** What the project holds, counted at the store (see electron/analysis/inputs.ts projectHoldings). */
export interface ProjectHoldings {
  /** Geography levels with their area counts. */
  levels: { level: string; areas: number }[];
  /** Segmentation schemes with the areas assigned a segment. */
  schemes: { name: string; areas: number }[];
  /** Areas with a population count (any base). */
  populationAreas: number;
  postcodes: number;
  /** Users (aggregated counts) per service, and how many periods they were dated in. */
  users: { service: string; users: number; periods: number }[];
  /** Need indicators (risk rates) with the segments they rate. */
  indicators: { name: string; segments: number }[];
  /** Real (not what-if) sites per service. */
  sites: { service: string; sites: number }[];
  roads: number;
}

export interface StepState {
  step: ReadinessStep;
  loaded: boolean;
  /** How many of the step's things are loaded (areas, postcodes, users, sites, road lines...). */
  count: number;
  /** "116 OA, 23 LSOA areas", or what is missing, in the analyst's words. */
  detail: string;
}

export interface AnalysisReadiness {
  analysis: AnalysisName;
  ready: boolean;
  /** The import steps still missing, in checklist order. */
  waitingFor: ReadinessStep[];
  /** One sentence naming what to import (or choose); null when ready. */
  message: string | null;
}

export const STEP_LABELS: Record<ReadinessStep, string> = {
  boundaries: 'Area boundaries',
  segments: 'Geodemographic segments',
  population: 'Population',
  postcodes: 'Postcode directory',
  users: 'Service users',
  rates: 'Risk rates (need indicator)',
  sites: 'Service sites',
  roads: 'Road network',
};

export const ANALYSIS_LABELS: Record<AnalysisName, string> = {
  profile: 'Service profile',
  gaps: 'Need and gaps',
  bands: 'Travel-time bands',
  isochrones: 'Isochrones and access',
  strata: 'Strata',
  review: 'Review',
  suggest: 'Suggest new sites',
};

/**
 * What each analysis reads. Users are placed by postcode, so anything with
 * users needs the postcode directory; need is rates applied to segments and
 * population; travel needs sites and roads.
 */
export const ANALYSIS_NEEDS: Record<AnalysisName, ReadinessStep[]> = {
  profile: ['boundaries', 'segments', 'population', 'postcodes', 'users'],
  gaps: ['boundaries', 'segments', 'population', 'postcodes', 'users', 'rates'],
  bands: ['boundaries', 'segments', 'population', 'sites', 'roads'],
  isochrones: ['sites', 'roads'],
  strata: ['boundaries', 'segments', 'population', 'postcodes', 'users', 'rates'],
  review: ['boundaries', 'segments', 'population', 'postcodes', 'users', 'rates'],
  suggest: ['boundaries', 'segments', 'population', 'postcodes', 'users', 'rates', 'roads'],
};

const sum = (xs: number[]) => xs.reduce((t, x) => t + x, 0);
const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

function stepStates(h: ProjectHoldings): StepState[] {
  const areas = sum(h.levels.map((l) => l.areas));
  const assigned = Math.max(0, ...h.schemes.map((s) => s.areas));
  const users = sum(h.users.map((u) => u.users));
  const sites = sum(h.sites.map((s) => s.sites));
  const state = (step: ReadinessStep, count: number, detail: string, missing: string): StepState =>
    ({ step, loaded: count > 0, count, detail: count > 0 ? detail : missing });
  return [
    state('boundaries', areas, h.levels.map((l) => `${plural(l.areas, `${l.level} area`)}`).join(', '), 'Not loaded: import small-area boundaries (Output Areas, LSOAs) first.'),
    state('segments', assigned, h.schemes.filter((s) => s.areas > 0).map((s) => `${s.name}: ${plural(s.areas, 'area')} assigned`).join(', '), 'Not loaded: import a segment lookup (e.g. OAC) by area.'),
    state('population', h.populationAreas, `${plural(h.populationAreas, 'area')} with a population count`, 'Not loaded: import a population count per area (e.g. Census TS001).'),
    state('postcodes', h.postcodes, plural(h.postcodes, 'postcode'), 'Not loaded: import a postcode directory, so users can be placed.'),
    state('users', users, h.users.map((u) => `${u.service}: ${plural(u.users, 'user')}`).join(', '), 'Not loaded: import a service users file (postcodes only are kept, as counts).'),
    state('rates', h.indicators.length, h.indicators.map((i) => `${i.name} (${plural(i.segments, 'segment')})`).join(', '), 'Not loaded: import risk rates by segment to make a need indicator.'),
    state('sites', sites, h.sites.map((s) => `${s.service}: ${plural(s.sites, 'site')}`).join(', '), 'Not loaded: import the service\'s sites (points or postcodes).'),
    state('roads', h.roads, plural(h.roads, 'road line'), 'Not loaded: import an OpenStreetMap extract (.osm.pbf) for travel times.'),
  ];
}

/** "Import boundaries, population and users" from the steps an analysis waits for. */
export function waitingMessage(analysis: AnalysisName, waitingFor: ReadinessStep[]): string | null {
  if (waitingFor.length === 0) return null;
  const names = waitingFor.map((s) => STEP_LABELS[s].toLowerCase());
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  return `${ANALYSIS_LABELS[analysis]} is waiting for: ${list}. Import ${waitingFor.length === 1 ? 'it' : 'them'} to see it.`;
}

export function projectReadiness(h: ProjectHoldings): { steps: StepState[]; analyses: AnalysisReadiness[] } {
  const steps = stepStates(h);
  const loaded = new Set(steps.filter((s) => s.loaded).map((s) => s.step));
  const analyses = ANALYSES.map((analysis) => {
    let waitingFor = ANALYSIS_NEEDS[analysis].filter((s) => !loaded.has(s));
    let message = waitingMessage(analysis, waitingFor);
    // Review compares two periods of one users import: dated users, not only users.
    if (analysis === 'review' && !message && !h.users.some((u) => u.periods >= 2)) {
      waitingFor = ['users'];
      message = 'Review is waiting for users dated in two or more periods: import users with a date column and a period.';
    }
    return { analysis, ready: message === null, waitingFor, message };
  });
  return { steps, analyses };
}
