// Which service and need indicator the analysis shows, kept valid as imports
// change the project (a pure rule, so it can be tested without a browser).
import type { AnalysisChoice } from './use-analysis';

/**
 * The choice a project allows: the analyst's own while its service and
 * indicator are still in the project, else the first of each, else null
 * (never a service or indicator the project does not have, so nothing asks with "").
 */
export function validChoice(current: AnalysisChoice | null, info: { services: string[]; indicators: string[] }): AnalysisChoice | null {
  const { services, indicators } = info;
  if (!services.length || !indicators.length) return null;
  if (current && services.includes(current.service) && indicators.includes(current.indicator)) return current;
  return { service: services[0], indicator: indicators[0], mode: current?.mode ?? 'walk', ...(current?.base ? { base: current.base } : {}) };
}
