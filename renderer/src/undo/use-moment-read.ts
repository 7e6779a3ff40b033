// A read of project data that an undoable moment can change (segment profiles,
// site hours), asked again whenever a moment of that domain is applied or
// undone, so every editor showing it stays in step with the others.
import { useEffect, useState } from 'react';
import type { MethodOutput } from '../../../shared/contract';
import { api } from '../api/client';
import { onMomentApplied, type MomentDomain } from './undo-store';

/** `read()`'s answer, or null until it comes; read again when `key` changes or a `domain` moment is applied. */
export function useMomentRead<T>(domain: MomentDomain, key: string, read: () => Promise<T>): T | null {
  const [value, setValue] = useState<T | null>(null);
  const [revision, setRevision] = useState(0);
  useEffect(() => onMomentApplied((d) => d.has(domain) && setRevision((r) => r + 1)), [domain]);
  useEffect(() => {
    let cancelled = false;
    read().then((v) => !cancelled && setValue(v));
    return () => {
      cancelled = true;
    };
  }, [key, revision]); // eslint-disable-line react-hooks/exhaustive-deps
  return value;
}

export type SchemeSegment = MethodOutput<'getSegments'>[number];
export type ServiceSite = MethodOutput<'getSites'>[number];

/** The scheme's segments with their profiles, kept in step with segment-profile edits and their undo. */
export const useSchemeSegments = (scheme: string) => useMomentRead('segmentProfiles', scheme, () => api.call('getSegments', { scheme }));

/** The service's real (not proposed) sites, kept in step with opening-hours edits and their undo. */
export const useServiceSites = (service: string) =>
  useMomentRead('siteHours', service, () => api.call('getSites', { service }).then((all) => all.filter((s) => !s.proposed)));
