// What the open project holds and what each analysis waits for, asked again
// whenever `key` changes (the project object is new after every import).
import { useEffect, useState } from 'react';
import type { ProjectReadiness } from '../../../shared/contract';
import type { AnalysisName, ReadinessStep } from '../../../shared/analysis/readiness';
import type { ImportKindName } from '../../../shared/contract';
import { api } from '../api/client';

// The dock, the checklist button and the analysis panel mount together with the map and each ask:
// while one ask for the same key is answering, the others share it (a national project's holdings
// are ~0.1 s of the server's CPU each, beside the first map).
const answering = new Map<unknown, Promise<ProjectReadiness>>();

function askReadiness(key: unknown): Promise<ProjectReadiness> {
  let ask = answering.get(key);
  if (!ask) {
    ask = api.call('getProjectReadiness', {});
    answering.set(key, ask);
    const done = () => void answering.delete(key);
    ask.then(done, done);
  }
  return ask;
}

export function useReadiness(key: unknown): ProjectReadiness | null {
  const [readiness, setReadiness] = useState<ProjectReadiness | null>(null);
  useEffect(() => {
    let live = true;
    askReadiness(key).then((r) => live && setReadiness(r), () => live && setReadiness(null));
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
