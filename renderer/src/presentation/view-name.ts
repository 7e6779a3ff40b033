// The name a saved view is offered: what it shows and at which level, e.g.
// "Smoking prevalence (illustrative) — OA" or "Gap type — LSOA".
import { AREA_FILL_TYPES, type LayerDef } from '../layers/types';

/** Point layers sit on top of everything, so they say least about what a view is of. */
const MARKERS: LayerDef['style']['type'][] = ['site-symbols', 'proposed-sites'];

/**
 * What the map shows: the topmost visible area layer of any kind (segments,
 * need, uptake, gap type…), else the topmost other thematic layer. The need
 * layer is named by its indicator, which is what an audience knows it as.
 */
export function viewSubject(layers: LayerDef[]): string {
  const topFirst = [...layers].reverse().filter((l) => l.visible && l.drawnBy === 'deck');
  const shown =
    topFirst.find((l) => AREA_FILL_TYPES.includes(l.style.type)) ?? topFirst.find((l) => !MARKERS.includes(l.style.type)) ?? topFirst[0];
  if (!shown) return 'Base map';
  if (shown.id === 'need' && shown.source.method === 'getScenarioAnalysis' && shown.source.input.indicator) return shown.source.input.indicator;
  return shown.title;
}

/** "<subject> — <level>", numbered "(2)", "(3)"… past the names already taken, so a default never replaces a view. */
export function defaultViewName(layers: LayerDef[], level: string, taken: readonly string[]): string {
  const base = `${viewSubject(layers)} — ${level}`;
  let name = base;
  for (let n = 2; taken.includes(name); n++) name = `${base} (${n})`;
  return name;
}
