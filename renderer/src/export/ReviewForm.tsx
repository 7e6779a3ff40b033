// The Export dialog's review and what-if files: a baseline's comparison or
// its targets (CSV), the last suggestion's table (CSV) and the what-if sites
// (GeoJSON) — the files `cgm review --out`, `cgm suggest --out` and
// `cgm export geojson --layer proposed_sites` write.
import { useEffect, useState } from 'react';
import type { MethodOutput } from '../../../shared/contract';
import { api } from '../api/client';
import type { ExportForm, ReviewExportKind } from './export-request';

type Baseline = MethodOutput<'listBaselines'>[number];

const KINDS: { kind: ReviewExportKind; label: string; hint: string }[] = [
  { kind: 'changes', label: 'Review against a baseline (CSV)', hint: 'Change in users, index and uptake by segment and by area since the baseline.' },
  { kind: 'targets', label: 'Review targets (CSV)', hint: 'Each of the baseline’s targets with today’s figure: met, not met, or unknown where a count is suppressed.' },
  { kind: 'suggestions', label: 'Suggested sites (CSV)', hint: 'The last “Suggest sites” run: covered need after each added site.' },
  { kind: 'proposed', label: 'Proposed sites (GeoJSON)', hint: 'The what-if sites of the service, as points.' },
];

interface Props {
  value: ExportForm['review'];
  onChange(next: ExportForm['review']): void;
  disabled: boolean;
}

export function ReviewForm({ value, onChange, disabled }: Props) {
  const [baselines, setBaselines] = useState<Baseline[] | null>(null);
  useEffect(() => {
    let live = true;
    api.call('listBaselines', {}).then((list) => {
      if (!live) return;
      setBaselines(list);
      if (!value.baseline && list.length) onChange({ ...value, baseline: list.at(-1)!.name });
    }, () => live && setBaselines([]));
    return () => {
      live = false;
    };
    // Read once when the tab opens; the choice is the form's.
  }, []);
  const needsBaseline = value.kind === 'changes' || value.kind === 'targets';
  return (
    <fieldset className="export-group">
      <legend>Review and what-if files</legend>
      {KINDS.map((k) => (
        <label key={k.kind} className="export-radio export-radio--described">
          <input type="radio" name="export-review" value={k.kind} checked={value.kind === k.kind} onChange={() => onChange({ ...value, kind: k.kind })} disabled={disabled} />
          <span>
            <strong>{k.label}</strong>
            <span className="export-hint">{k.hint}</span>
          </span>
        </label>
      ))}
      {needsBaseline && (
        <label className="export-field export-field--wide">
          <span>Baseline</span>
          <select value={value.baseline} onChange={(e) => onChange({ ...value, baseline: e.target.value })} disabled={disabled || !baselines?.length}>
            {!baselines?.length && <option value="">{baselines ? 'No baseline saved yet' : 'Reading the baselines…'}</option>}
            {baselines?.map((b) => <option key={b.name} value={b.name}>{b.name}</option>)}
          </select>
        </label>
      )}
      {value.kind === 'suggestions' && !value.suggestion && <p className="export-hint">No suggestion yet: run “Suggest sites” in the what-if panel.</p>}
    </fieldset>
  );
}
