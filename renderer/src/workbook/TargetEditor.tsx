// Adds a numeric target to a baseline: segment or area, code, measure,
// at least / at most, value (the same targets as `cgm baseline target --add`).
import { useId, useState } from 'react';
import { MEASURE_LABELS, TARGET_MEASURES, type ReviewTarget, type TargetMeasure } from '../../../shared/analysis/review-targets';

export function TargetEditor({ onAdd, disabled }: { onAdd(target: ReviewTarget): Promise<void>; disabled: boolean }) {
  const id = useId();
  const [kind, setKind] = useState<ReviewTarget['kind']>('segment');
  const [code, setCode] = useState('');
  const [measure, setMeasure] = useState<TargetMeasure>('uptake');
  const [op, setOp] = useState<ReviewTarget['op']>('>=');
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  async function add() {
    const v = Number(value);
    if (!code.trim()) return setProblem(`Give the ${kind}'s code.`);
    if (value.trim() === '' || !Number.isFinite(v)) return setProblem('The target value must be a number.');
    if (kind === 'area' && measure === 'index') return setProblem('Areas have no index; use uptake or users.');
    setProblem(null);
    await onAdd({ kind, code: code.trim(), measure, op, value: v });
    setCode('');
    setValue('');
  }

  return (
    <div className="wb-target-form" role="group" aria-labelledby={`${id}-h`}>
      <span id={`${id}-h`} className="wb-field__label">Add a target</span>
      <select aria-label="Target applies to" value={kind} onChange={(e) => setKind(e.target.value as ReviewTarget['kind'])} disabled={disabled}>
        <option value="segment">Segment</option>
        <option value="area">Area</option>
      </select>
      <input aria-label="Segment or area code" className="wb-input wb-target-code" placeholder="code" value={code} onChange={(e) => setCode(e.target.value)} disabled={disabled} />
      <select aria-label="Measure" value={measure} onChange={(e) => setMeasure(e.target.value as TargetMeasure)} disabled={disabled}>
        {TARGET_MEASURES.map((m) => <option key={m} value={m}>{MEASURE_LABELS[m]}</option>)}
      </select>
      <select aria-label="Comparison" value={op} onChange={(e) => setOp(e.target.value as ReviewTarget['op'])} disabled={disabled}>
        <option value=">=">at least</option>
        <option value="<=">at most</option>
      </select>
      <input aria-label="Target value" className="wb-input wb-target-value" inputMode="decimal" value={value} onChange={(e) => setValue(e.target.value)} disabled={disabled} />
      <button type="button" className="text-button" onClick={() => void add()} disabled={disabled}>Add target</button>
      {problem && <p className="field__error" role="alert">{problem}</p>}
    </div>
  );
}
