// Review (toolkit step 8) in the workbook: save the current analysis as a
// named baseline, set numeric targets on it, and later compare a new users
// import or another period with it — change in users, index and uptake by
// segment and by area, and each target met or not met. The same records and
// runners as `cgm baseline` and `cgm review --baseline`.
import { useCallback, useEffect, useId, useState } from 'react';
import type { MethodOutput } from '../../../shared/contract';
import type { ReviewTarget } from '../../../shared/analysis/review-targets';
import { api } from '../api/client';
import { onMomentApplied, recordEdit } from '../undo/undo-store';
import type { LoadedProject } from '../project/types';
import { SortableTable } from '../tables/SortableTable';
import type { AnalysisSettings } from '../tables/TableView';
import { REVIEW_TABLE_COLUMNS } from './review-columns';
import { TargetEditor } from './TargetEditor';

type Baseline = MethodOutput<'listBaselines'>[number];
type Review = MethodOutput<'getBaselineReview'>;

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
const shown = (v: number | '*' | null) => (v === null ? '–' : String(v));

export function ReviewBaselines({ project, settings }: { project: LoadedProject; settings: AnalysisSettings }) {
  const id = useId();
  const [baselines, setBaselines] = useState<Baseline[] | null>(null);
  const [periods, setPeriods] = useState<string[]>([]);
  const [selected, setSelected] = useState('');
  const [later, setLater] = useState('');
  const [name, setName] = useState('');
  const [review, setReview] = useState<Review | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(async (choose?: string) => {
    const list = await api.call('listBaselines', {});
    setBaselines(list);
    setSelected((s) => choose ?? (list.some((b) => b.name === s) ? s : (list.at(-1)?.name ?? '')));
  }, []);
  useEffect(() => {
    void refresh().catch((e) => setError(message(e)));
    api.call('getAnalysisScope', { service: settings.service }).then((s) => setPeriods(s.periods), () => setPeriods([]));
  }, [refresh, settings.service]);

  const current = baselines?.find((b) => b.name === selected) ?? null;
  const targetKey = current?.targets.map((t) => t.id).join(',') ?? '';
  useEffect(() => {
    if (!selected) return setReview(null);
    let live = true;
    setReview(null);
    api.call('getBaselineReview', { name: selected, ...(later ? { period: later } : {}), presentation: settings.presentation }).then(
      (r) => live && (setReview(r), setError(null)),
      (e) => live && setError(message(e)),
    );
    return () => {
      live = false;
    };
  }, [selected, later, settings.presentation, settings.scopeRevision, targetKey]);

  async function act(work: () => Promise<void>) {
    setBusy(true);
    try {
      await work();
      setError(null);
    } catch (e) {
      setError(message(e));
    } finally {
      setBusy(false);
    }
  }

  const save = () =>
    act(async () => {
      if (!project.scheme) throw new Error('Import a segmentation first: a baseline is a profile by segment.');
      const saved = await api.call('saveBaseline', {
        name, service: settings.service, indicator: settings.indicator, scheme: project.scheme,
        ...(settings.period ? { period: settings.period } : {}), ...(settings.base ? { base: settings.base } : {}),
      });
      setName('');
      await refresh(saved.name);
    });
  // Undoable like every workbook edit; an undo or redo re-reads the targets.
  const setTargets = (targets: ReviewTarget[], label: string) =>
    act(async () => {
      const { inverse } = await api.call('applyMoment', { moment: { reviewTargets: { baseline: selected, targets } } });
      recordEdit(label, inverse);
    });
  useEffect(() => onMomentApplied((domains) => domains.has('reviewTargets') && void refresh().catch((e) => setError(message(e)))), [refresh]);
  const plain = (b: Baseline) => b.targets.map(({ kind, code, measure, op, value }) => ({ kind, code, measure, op, value }));

  return (
    <section className="wb-review" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`} className="wb-review__title">Baselines and targets</h3>
      <div className="wb-review__save">
        <label htmlFor={`${id}-name`} className="wb-field__label">Save the current analysis as a baseline</label>
        <input id={`${id}-name`} className="wb-input" placeholder="e.g. 2024-Q1 before outreach" value={name} onChange={(e) => setName(e.target.value)} disabled={busy} />
        <button type="button" className="text-button text-button--on" onClick={() => void save()} disabled={busy || !name.trim()}>Save baseline</button>
        <span className="wb-field__help">
          {settings.service}, {settings.indicator}{settings.period ? `, ${settings.period}` : ''}: users, index and uptake by segment and by area.
        </span>
      </div>
      {error && <p className="field__error" role="alert">{error}</p>}
      {baselines && baselines.length === 0 && <p className="wb-field__help">No baseline yet.</p>}
      {current && (
        <>
          <div className="wb-review__choose">
            <label>
              Baseline{' '}
              <select value={selected} onChange={(e) => setSelected(e.target.value)} disabled={busy}>
                {baselines!.map((b) => <option key={b.name} value={b.name}>{b.name}</option>)}
              </select>
            </label>
            <label>
              Compare with{' '}
              <select value={later} onChange={(e) => setLater(e.target.value)} disabled={busy}>
                <option value="">the users as imported now</option>
                {periods.map((p) => <option key={p} value={p}>period {p}</option>)}
              </select>
            </label>
            <button type="button" className="text-button" onClick={() => void act(async () => {
              await api.call('deleteBaseline', { name: selected });
              await refresh();
            })} disabled={busy} aria-label={`Delete baseline ${selected}`}>Delete baseline</button>
          </div>
          <p className="wb-field__help">
            Saved {new Date(current.savedAt).toLocaleString('en-GB')} for {current.service}, {current.indicator}, {current.scheme}{current.period ? `, period ${current.period}` : ''}.
          </p>
          <table className="wb-targets" aria-label={`Targets of ${selected}`}>
            <thead>
              <tr><th>Target</th><th>Now</th><th>Status</th><th><span className="visually-hidden">Remove</span></th></tr>
            </thead>
            <tbody>
              {current.targets.length === 0 && <tr><td colSpan={4} className="wb-field__help">No targets yet.</td></tr>}
              {current.targets.map((t) => {
                const check = review?.targets.find((c) => c.id === t.id);
                return (
                  <tr key={t.id} data-status={check?.status ?? ''}>
                    <td>{`${t.kind} ${t.code} ${t.measure} ${t.op} ${t.value}`}</td>
                    <td>{check ? shown(check.actual) : '…'}</td>
                    <td className={`wb-target-status wb-target-status--${(check?.status ?? '').replace(' ', '-')}`}>{check ? `${check.status}${check.reason ? ` (${check.reason})` : ''}` : ''}</td>
                    <td>
                      <button type="button" className="text-button" disabled={busy} aria-label={`Remove target ${t.kind} ${t.code} ${t.measure}`}
                        onClick={() => void setTargets(plain(current).filter((_, i) => current.targets[i].id !== t.id), 'removing a review target')}>Remove</button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <TargetEditor disabled={busy} onAdd={(t) => setTargets([...plain(current), t], 'adding a review target')} />
          {!review && !error && <p className="table-status" role="status">Comparing…</p>}
          {review && (
            <>
              <p className="wb-field__help">{review.exactCounts ? 'Exact counts: not for sharing.' : review.disclosureNote}</p>
              <SortableTable caption={`Review: ${review.baseline} to ${review.period ?? 'the users now'}`} className="review-table" columns={REVIEW_TABLE_COLUMNS} rows={review.rows} rowKey={(r) => `${r.kind}:${r.code}`} />
            </>
          )}
        </>
      )}
    </section>
  );
}
