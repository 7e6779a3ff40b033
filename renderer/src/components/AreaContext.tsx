// The area panel's "Area context": each area indicator (IMD, Census car
// availability...) for this area at the map's level, the method that took
// it there on hover. Nothing is shown in a project without indicators.
import { useEffect, useState } from 'react';
import type { MethodOutput } from '../../../shared/contract';
import { api } from '../api/client';

type Values = MethodOutput<'getAreaIndicatorValues'>['values'];
const fmt = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });

export function AreaContext({ level, code }: { level: string; code: string }) {
  const [values, setValues] = useState<Values>([]);
  useEffect(() => {
    let live = true;
    api.call('getAreaIndicatorValues', { level, code }).then((r) => live && setValues(r.values), () => live && setValues([]));
    return () => {
      live = false;
    };
  }, [level, code]);
  if (values.length === 0) return null;
  return (
    <>
      <h3 className="area-panel__section">Area context</h3>
      <dl className="area-panel__rows" data-testid="area-context">
        {values.map((v) => (
          <div key={v.name} className="area-panel__row" title={v.method}>
            <dt>{v.name}</dt>
            <dd>{v.value === null ? '—' : fmt.format(v.value)}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}
