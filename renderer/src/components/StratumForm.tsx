// The area's attention stratum: the proposal with the flags behind it, the
// analyst's decision, and a form to decide. Lowering below the proposal needs
// a written reason; the services enforce it and the error shows here, inline.
import { useEffect, useId, useState } from 'react';
import type { StratumRow } from '../../../shared/contract';

const STRATA: StratumRow['effective'][] = ['Priority', 'Moderate', 'Basic', 'Self-care'];

interface Props {
  row: StratumRow | undefined;
  onDecide(assigned: StratumRow['effective'], reason: string): Promise<void>;
}

export function StratumForm({ row, onDecide }: Props) {
  const id = useId();
  const [assigned, setAssigned] = useState<StratumRow['effective']>(row?.effective ?? 'Basic');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    setAssigned(row?.effective ?? 'Basic');
    setError(null);
    setSaved(false);
  }, [row?.areaCode, row?.effective]);
  if (!row) return <p className="area-panel__muted">No stratum: the area has no need estimate.</p>;

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setSaved(false);
    try {
      await onDecide(assigned, reason);
      setError(null);
      setReason('');
      setSaved(true);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };

  return (
    <div className="stratum">
      <p className="stratum__line">
        <span className={`stratum-chip stratum-chip--${row.effective.toLowerCase()}`}>{row.effective}</span>
        <span className="area-panel__muted">
          {row.decision ? `decided (proposed ${row.proposed ?? 'none'})` : 'proposed'}
          {row.proposalChanged ? ' · proposal changed since' : ''}
        </span>
      </p>
      {row.flags.length > 0 && (
        <ul className="stratum__flags">
          {row.flags.map((f) => <li key={f.source + f.reason}>{f.level}: {f.reason}</li>)}
          {row.escalation && <li>{row.escalation}</li>}
        </ul>
      )}
      {row.decision?.reason && <p className="stratum__reason">Reason: “{row.decision.reason}”</p>}
      <form className="stratum__form" onSubmit={submit}>
        <div className="field">
          <label htmlFor={`${id}-assigned`}>Stratum</label>
          <select id={`${id}-assigned`} value={assigned} onChange={(e) => setAssigned(e.target.value as StratumRow['effective'])}>
            {STRATA.map((s) => <option key={s} value={s}>{s}{s === row.proposed ? ' (proposed)' : ''}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-reason`}>Reason {row.proposed && STRATA.indexOf(assigned) > STRATA.indexOf(row.proposed) ? '(required when lowering)' : '(optional)'}</label>
          <textarea
            id={`${id}-reason`}
            rows={2}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
          />
        </div>
        {error && <p id={`${id}-error`} className="field__error" role="alert">{error}</p>}
        <div className="stratum__submit">
          <button type="submit" className="text-button text-button--primary">Record decision</button>
          {saved && <span className="area-panel__muted" role="status">Saved</span>}
        </div>
      </form>
    </div>
  );
}
