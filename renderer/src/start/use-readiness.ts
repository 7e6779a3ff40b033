// What the open project holds and what each analysis waits for, asked again
// whenever `key` changes (the project object is new after every import).
import { useEffect, useState } from 'react';
import type { ProjectReadiness } from '../../../shared/contract';
import type { AnalysisName, ReadinessStep } from '../../../shared/analysis/readiness';
import type { ImportKindName } from '../../../shared/contract';
import { api } from '../api/client';

export function useReadiness(key: unknown): ProjectReadiness | null {
  const [readiness, setReadiness] = useState<ProjectReadiness | null>(null);
  useEffect(() => {
    let live = true;
    api.call('getProjectReadiness', {}).then((r) => live && setReadiness(r), () => live && setReadiness(null));
    return () => {
      live = false;
    };
  }, [key]);
  return readiness;
}

/** The import kind each checklist step opens the dialog with (segments are the area lookup, e.g. OAC by OA). */
export const STEP_IMPORT_KIND: Record<ReadinessStep, ImportKindName> = {
  boundaries: 'boundaries',
  segments: 'assignments',
  population: 'population',
  postcodes: 'postcodes',
  users: 'users',
  rates: 'rates',
  sites: 'sites',
  roads: 'roads',
};

export function analysisReadiness(readiness: ProjectReadiness | null, analysis: AnalysisName) {
  return readiness?.analyses.find((a) => a.analysis === analysis) ?? null;
}
