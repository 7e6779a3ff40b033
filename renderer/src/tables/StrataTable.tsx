// Proposed attention strata per area with the analyst's decision. Each
// decision is an undoable moment (Ctrl+Z takes it back); lowering below the
// proposal asks for the reason the strata rule requires.
import { useState } from 'react';
import type { StratumRow } from '../../../shared/contract';
import { api } from '../api/client';
import { selectAreas, useSelection } from '../selection/selection-store';
import { recordEdit } from '../undo/undo-store';
import { SortableTable, type Column } from './SortableTable';

const STRATA = ['Priority', 'Moderate', 'Basic', 'Self-care'] as const;
type Stratum = (typeof STRATA)[number];
const rank = (s: Stratum | null) => (s ? 3 - STRATA.indexOf(s) : -1);

interface Request {
  service: string;
  indicator: string;
  mode: 'walk' | 'drive';
  /** How the table is shown; never part of a decision. */
  presentation?: boolean;
}

function DecisionCell({ row, request, readOnly }: { row: StratumRow; request: Request; readOnly?: boolean }) {
  const [pending, setPending] = useState<Stratum | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  if (readOnly) return <span>{row.decision?.assigned ?? '–'}</span>;
  const record = async (assigned: Stratum, why: string | null) => {
    setError(null);
    try {
      // A decision is about the area, not about how the table is being shown.
      const { presentation: _shownAs, ...scope } = request;
      const { inverse } = await api.call('applyMoment', { moment: { strata: { decide: [{ ...scope, areaCode: row.areaCode, assigned, reason: why }] } } });
      recordEdit(`stratum of ${row.name ?? row.areaCode}`, inverse);
      setPending(null);
      setReason('');
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const choose = (value: Stratum) => {
    if (rank(value) < rank(row.proposed)) setPending(value);
    else void record(value, null);
  };
  return (
    <span className="decision-cell" onClick={(e) => e.stopPropagation()} onKeyDown={(e) => e.stopPropagation()}>
      <select aria-label={`Stratum for ${row.name ?? row.areaCode}`} value={pending ?? row.decision?.assigned ?? ''} onChange={(e) => choose(e.target.value as Stratum)}>
        <option value="" disabled>Confirm or change…</option>
        {STRATA.map((s) => <option key={s} value={s}>{s}</option>)}
      </select>
      {pending && (
        <form className="decision-cell__reason" onSubmit={(e) => { e.preventDefault(); void record(pending, reason); }}>
          <input type="text" aria-label="Reason for lowering" placeholder="Reason for lowering (required)" value={reason} onChange={(e) => setReason(e.target.value)} required autoFocus />
          <button type="submit" className="dock-button dock-button--small">Record</button>
        </form>
      )}
      {error && <span className="field__error" role="alert">{error}</span>}
    </span>
  );
}

export function StrataTable({ rows, request, compact }: { rows: StratumRow[]; request: Request; compact?: boolean }) {
  const selection = useSelection();
  const columns: Column<StratumRow>[] = [
    { key: 'area', header: 'Area', sticky: true, value: (r) => r.name ?? r.areaCode, render: (r) => <span className="area-cell"><span className="area-cell__name">{r.name ?? r.areaCode}</span>{r.name && <code className="area-cell__code">{r.areaCode}</code>}</span> },
    { key: 'proposed', header: 'Proposed', value: (r) => rank(r.proposed), render: (r) => (r.proposed ? <span className={`stratum stratum--${r.proposed.toLowerCase()}`}>{r.proposed}</span> : '–') },
    { key: 'flags', header: 'Why', value: (r) => r.flags.length, render: (r) => <span className="rule-cell" title={r.flags.map((f) => `${f.level}: ${f.reason}`).join('\n')}>{r.flags.map((f) => f.reason).join('; ') || 'No flags'}{r.escalation ? ` (${r.escalation})` : ''}</span> },
    { key: 'decision', header: 'Decision', value: (r) => rank(r.decision?.assigned ?? null), render: (r) => <DecisionCell row={r} request={request} readOnly={compact} /> },
    { key: 'effective', header: 'Stratum', value: (r) => rank(r.effective), render: (r) => <span className={`stratum stratum--${r.effective.toLowerCase()}`}>{r.effective}{r.proposalChanged ? ' ⚠' : ''}</span> },
  ];
  return (
    <SortableTable
      caption="Proposed and decided attention strata by area"
      className="strata-table"
      columns={columns}
      rows={rows}
      rowKey={(r) => r.areaCode}
      initialSort={{ key: 'proposed', dir: 'descending' }}
      selected={new Set(selection.codes)}
      scrollToSelected={selection.source === 'map'}
      onRowClick={(r) => selectAreas([r.areaCode], 'table', r.name ?? r.areaCode)}
      rowLabel={(r) => `${r.name ?? r.areaCode}: ${r.effective}`}
    />
  );
}
