// The credits of the layers on the map now: the same getMapCredits call the
// print makes (PrintPage.tsx), so the app's attribution, the PNG and the report
// name the same sources with the same years. Asked again when the visible
// layers' sources change, or after a data date is corrected (`revision`).
import { useEffect, useMemo, useState } from 'react';
import type { MethodOutput } from '../../../shared/contract';
import { api } from '../api/client';
import type { LayerDef } from '../layers/types';

export type MapCredits = MethodOutput<'getMapCredits'>;

export function useMapCredits(layers: readonly LayerDef[], revision = 0): MapCredits | null {
  const sourcesKey = useMemo(
    () => JSON.stringify(layers.filter((l) => l.visible).map((l) => ({ method: l.source.method, input: { ...l.source.input } }))),
    [layers],
  );
  const [credits, setCredits] = useState<MapCredits | null>(null);
  useEffect(() => {
    let cancelled = false;
    const sources = JSON.parse(sourcesKey) as { method: string; input: Record<string, unknown> }[];
    api.call('getMapCredits', { sources }).then(
      (c) => !cancelled && setCredits(c),
      () => !cancelled && setCredits(null),
    );
    return () => {
      cancelled = true;
    };
  }, [sourcesKey, revision]);
  return credits;
}
