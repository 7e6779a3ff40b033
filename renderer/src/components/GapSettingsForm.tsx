// The gap thresholds (project settings, as `cgm settings` sets them): minutes
// per mode, hours open outside office time, dominant share, significance
// level. Saved as an undoable moment; the analysis recomputes after it.
import { useEffect, useId, useState } from 'react';
import type { MethodOutput } from '../../../shared/contract';
import { api } from '../api/client';
import { onMomentApplied, recordEdit } from '../undo/undo-store';

type Settings = MethodOutput<'getGapSettings'>['settings'];

export function GapSettingsForm() {
  const id = useId();
  const [settings, setSettings] = useState<Settings | null>(null);
  const [fields, setFields] = useState({ walk: '', drive: '', hours: '', share: '', significance: '0.95', access: 'mode', realistic: '20' });
  const [error, setError] = useState<string | null>(null);
  const [revision, setRevision] = useState(0);
  useEffect(() => onMomentApplied((d) => d.has('gapSettings') && setRevision((r) => r + 1)), []);
  useEffect(() => {
    let cancelled = false;
    api.call('getGapSettings', {}).then(({ settings: s }) => {
      if (cancelled) return;
      setSettings(s);
      setFields({
        walk: String(s.travelMinutes.walk), drive: String(s.travelMinutes.drive), hours: String(s.minHoursOutsideOffice),
        share: String(Math.round(s.dominantShare * 100)), significance: String(s.significanceLevel),
        access: s.accessView, realistic: String(Math.round(s.realisticShare * 1000) / 10),
      });
    });
    return () => {
      cancelled = true;
    };
  }, [revision]);
  if (!settings) return null;

  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    const { stored } = await api.call('getGapSettings', {});
    const next = {
      ...stored,
      travelMinutes: { ...stored.travelMinutes, walk: Number(fields.walk), drive: Number(fields.drive) },
      minHoursOutsideOffice: Number(fields.hours),
      dominantShare: Number(fields.share) / 100,
      significanceLevel: fields.significance === '0.998' ? (0.998 as const) : (0.95 as const),
      accessView: fields.access as Settings['accessView'],
      realisticShare: Number(fields.realistic) / 100,
    };
    try {
      const { inverse } = await api.call('applyMoment', { moment: { gapSettings: { settings: next } } });
      recordEdit('gap thresholds', inverse);
      setError(null);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  const set = (k: keyof typeof fields) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setFields({ ...fields, [k]: e.target.value });
  const num = (k: 'walk' | 'drive' | 'hours' | 'share' | 'realistic', label: string) => (
    <div className="field">
      <label htmlFor={`${id}-${k}`}>{label}</label>
      <input id={`${id}-${k}`} type="number" min={0} step="any" value={fields[k]} onChange={set(k)} />
    </div>
  );

  return (
    <details className="gap-settings" data-testid="gap-settings">
      <summary>Gap thresholds</summary>
      <form onSubmit={save} className="gap-settings__form">
        {num('walk', 'Too far: walk over (min)')}
        {num('drive', 'Too far: drive over (min)')}
        {num('hours', 'Wrong hours: under (h/week outside Mon–Fri 9–5)')}
        {num('share', 'Dominant segments cover (%)')}
        <div className="field">
          <label htmlFor={`${id}-sig`}>Significantly low at</label>
          <select id={`${id}-sig`} value={fields.significance} onChange={set('significance')}>
            <option value="0.95">95%</option>
            <option value="0.998">99.8%</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-access`}>Judge accessibility by</label>
          <select id={`${id}-access`} value={fields.access} onChange={set('access')}>
            <option value="mode">The analysis mode</option>
            <option value="walk">Walking</option>
            <option value="drive">Driving</option>
            <option value="realistic">Realistic (no car: walk; the rest: drive)</option>
          </select>
        </div>
        {fields.access === 'realistic' && num('realistic', 'Realistic: too far for over (% of households)')}
        <button type="submit" className="text-button text-button--primary">Apply thresholds</button>
        {error && <p className="field__error" role="alert">{error}</p>}
      </form>
    </details>
  );
}
