// Which service and need indicator the analysis shows, kept valid as imports
// change the project (a pure rule, so it can be tested without a browser).
import type { AnalysisChoice } from './use-analysis';

/**
 * The choice a project allows: the analyst's own while its service (and
 * indicator, if any) are still in the project, else the first of each, else
 * null. A service alone is enough: the access analyses (isochrones, coverage,
 * bands) need no users or need indicator. Never a service or indicator the
 * project does not have, so nothing asks with "".
 */
export function validChoice(current: AnalysisChoice | null, info: { services: string[]; indicators: string[] }): AnalysisChoice | null {
  const { services, indicators } = info;
  if (!services.length) return null;
  const service = current && services.includes(current.service) ? current.service : services[0];
  const indicator = current?.indicator && indicators.includes(current.indicator) ? current.indicator : indicators[0];
  if (current && current.service === service && current.indicator === indicator) return current;
  // A fallback drops the period: periods belong to the users of the service chosen before.
  return { service, ...(indicator ? { indicator } : {}), mode: current?.mode ?? 'walk', ...(current?.base ? { base: current.base } : {}) };
}
