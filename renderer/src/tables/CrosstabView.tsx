// The Crosstab tab (`cgm crosstab`): the service's segments against IMD
// deciles, an area indicator's quintiles or another scheme, with base, users,
// index and, per column, the uptake ratio; CSV export under the sharing rule.
import { useEffect, useId, useState } from 'react';
import type { CrosstabRow } from '../../../shared/contract';
import { api } from '../api/client';
import { downloadExport } from '../export/download';
import type { LoadedProject } from '../project/types';
import { SortableTable, type Column } from './SortableTable';
import type { AnalysisSettings } from './TableView';
import { useRequest } from './use-request';

const num = (key: keyof CrosstabRow, header: string, title?: string): Column<CrosstabRow> => ({ key, header, title, numeric: true, value: (r) => r[key] as number | '*' | null });
const COLUMNS: Column<CrosstabRow>[] = [
  { key: 'row_code', header: 'Segment', value: (r) => (r.row_code === 'TOTAL' ? 'Total' : `${r.row_code} ${r.row_name}`) },
  { key: 'column', header: 'Column', value: (r) => r.column },
  num('base', 'Base'), num('users', 'Users'), num('penetration', 'Penetration'), num('index', 'Index', 'Share of users over share of base, × 100'),
  num('expected', 'Expected', 'Users expected in the column (total rows)'), num('uptake_ratio', 'Uptake ratio'),
  num('ci95_lower', '95% low'), num('ci95_upper', '95% high'),
  { key: 'significance', header: 'Significance', value: (r) => r.significance },
];

export function CrosstabView({ project, s }: { project: LoadedProject; s: AnalysisSettings }) {
  const id = useId();
  const [choices, setChoices] = useState<string[] | null>(null);
  const [by, setBy] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    api.call('getAreaContext', {}).then((c) => {
      if (!live) return;
      const list = c.crosstabBy.filter((b) => b !== project.scheme);
      setChoices(list);
      setBy((b) => (list.includes(b) ? b : (list[0] ?? '')));
    }, (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [project.scheme, project.info.path]);
  const request = project.scheme && by
    ? { service: s.service, scheme: project.scheme, by, ...(project.segmentLevel ? { segmentLevel: project.segmentLevel } : {}), ...(s.period ? { period: s.period } : {}), ...(s.base ? { base: s.base } : {}), presentation: s.presentation }
    : null;
  const r = useRequest('getCrosstab', request, true, s.scopeRevision ? `scope ${s.scopeRevision}` : undefined);
  if (!project.scheme) return <p className="table-status">The project has no segmentation scheme to cross.</p>;
  if (choices && choices.length === 0) return <p className="table-status">Nothing to cross the segments with yet: import IMD or a Census table (Area indicators) or a second scheme.</p>;
  const exportCsv = () => {
    if (!request) return;
    const { presentation: _p, ...rest } = request;
    api.call('exportCrosstab', rest).then(downloadExport, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  };
  return (
    <>
      <div className="review-periods">
        <label htmlFor={`${id}-by`}>Across</label>{' '}
        <select id={`${id}-by`} value={by} onChange={(e) => setBy(e.target.value)}>
          {(choices ?? []).map((c) => <option key={c} value={c}>{c === 'imd_decile' ? 'IMD decile' : c}</option>)}
        </select>{' '}
        <button type="button" className="button" onClick={exportCsv} disabled={!request}>Export CSV</button>
      </div>
      {(error ?? r.error) && <p className="field__error" role="alert">{error ?? r.error}</p>}
      {r.loading && <p className="table-status" role="status">Cross-tabulating…</p>}
      {r.data && (
        <SortableTable
          caption={`Crosstab: ${project.scheme} by ${by === 'imd_decile' ? 'IMD decile' : by}`}
          className="crosstab-table"
          columns={COLUMNS}
          rows={r.data.rows}
          rowKey={(row) => `${row.row_code}|${row.column}`}
          footer={<p className="dock-description">Columns are {r.data.columnsAre}. {r.data.disclosureNote}</p>}
        />
      )}
    </>
  );
}
