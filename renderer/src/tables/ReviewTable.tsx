// Review between two periods of one users import (`cgm review
// --compare-periods`): users, index and uptake before and after, by segment
// and by area, with the change. Offered once the users were imported with dates.
import { useEffect, useId, useState } from 'react';
import { api } from '../api/client';
import type { LoadedProject } from '../project/types';
import { useRequest } from './use-request';
import { SortableTable } from './SortableTable';
import { REVIEW_TABLE_COLUMNS } from '../workbook/review-columns';
import type { AnalysisSettings } from './TableView';

export function ReviewView({ project, s }: { project: LoadedProject; s: AnalysisSettings }) {
  const id = useId();
  const [periods, setPeriods] = useState<string[]>([]);
  const [pair, setPair] = useState<[string, string] | null>(null);
  useEffect(() => {
    let live = true;
    api.call('getAnalysisScope', { service: s.service }).then((scope) => {
      if (!live) return;
      setPeriods(scope.periods);
      setPair(scope.periods.length >= 2 ? [scope.periods.at(-2)!, scope.periods.at(-1)!] : null);
    });
    return () => {
      live = false;
    };
  }, [s.service]);
  const request = pair && project.scheme ? { service: s.service, indicator: s.indicator, scheme: project.scheme, periods: pair, presentation: s.presentation } : null;
  const r = useRequest('getPeriodReview', request, true, s.scopeRevision ? `scope ${s.scopeRevision}` : undefined);
  if (periods.length < 2) return <p className="table-status">Import the service users with a date field (by month or quarter) to compare two periods.</p>;
  const pick = (i: 0 | 1) => (
    <select id={`${id}-${i}`} value={pair?.[i] ?? ''} onChange={(e) => setPair((p) => (p ? (i === 0 ? [e.target.value, p[1]] : [p[0], e.target.value]) : p))}>
      {periods.map((p) => <option key={p} value={p}>{p}</option>)}
    </select>
  );
  return (
    <>
      <div className="review-periods">
        <label htmlFor={`${id}-0`}>Before</label> {pick(0)} <label htmlFor={`${id}-1`}>After</label> {pick(1)}
      </div>
      {r.error && <p className="field__error" role="alert">{r.error}</p>}
      {r.loading && <p className="table-status">Comparing…</p>}
      {r.data && (
        <SortableTable caption={`Review: ${r.data.periods[0]} to ${r.data.periods[1]}`} className="review-table" columns={REVIEW_TABLE_COLUMNS} rows={r.data.rows} rowKey={(row) => `${row.kind}:${row.code}`} />
      )}
    </>
  );
}
