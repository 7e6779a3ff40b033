// Classification of a numeric layer: method, number of classes, colour ramp
// and manual breaks. Every change rebuilds the style; the map only recolours.
import { useId, useState } from 'react';
import type { Feature } from 'geojson';
import type { ClassMethod, GraduatedStyle } from '../layers/types';
import { buildGraduated } from '../layers/graduated';
import { METHOD_LABELS, parseManualBreaks } from './breaks';
import { RAMPS, rampColours } from './ramps';

interface Props {
  style: GraduatedStyle;
  features: Feature[];
  onChange(style: GraduatedStyle): void;
}

export function ClassificationEditor({ style, features, onChange }: Props) {
  const id = useId();
  const [manualText, setManualText] = useState(style.breaks.map((b) => Math.round(b)).join(', '));
  const [manualError, setManualError] = useState<string | null>(null);
  const base = { measure: style.measure, measureLabel: style.measureLabel, unit: style.unit, ...(style.decimals !== undefined ? { decimals: style.decimals } : {}) };
  const rebuild = (patch: Partial<{ method: ClassMethod; classCount: number; ramp: string; manualBreaks: number[] }>) =>
    onChange(buildGraduated(features, base, { method: style.method, classCount: style.classCount, ramp: style.ramp, manualBreaks: style.breaks, ...patch }));

  const applyManual = () => {
    const breaks = parseManualBreaks(manualText);
    if (!breaks) return setManualError('Enter numbers separated by commas, e.g. 1000, 2500, 5000.');
    if (breaks.length > 8) return setManualError('At most 8 breaks (9 classes).');
    setManualError(null);
    rebuild({ method: 'manual', manualBreaks: breaks });
  };

  return (
    <div className="classify">
      <div className="field field--wide">
        <label htmlFor={`${id}-method`}>Method</label>
        <select id={`${id}-method`} value={style.method} onChange={(e) => rebuild({ method: e.target.value as ClassMethod })}>
          {(Object.keys(METHOD_LABELS) as ClassMethod[]).map((m) => (
            <option key={m} value={m}>
              {METHOD_LABELS[m]}
            </option>
          ))}
        </select>
      </div>
      {style.method !== 'manual' ? (
        <div className="field field--wide">
          <label htmlFor={`${id}-classes`}>Classes</label>
          <select id={`${id}-classes`} value={style.classCount} onChange={(e) => rebuild({ classCount: Number(e.target.value) })}>
            {[3, 4, 5, 6, 7, 8, 9].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </div>
      ) : (
        <div className="field field--wide">
          <label htmlFor={`${id}-breaks`}>Breaks ({style.unit})</label>
          <div className="field__row">
            <input
              id={`${id}-breaks`}
              type="text"
              inputMode="decimal"
              value={manualText}
              aria-invalid={manualError ? true : undefined}
              aria-describedby={manualError ? `${id}-breaks-error` : undefined}
              onChange={(e) => setManualText(e.target.value)}
              onKeyDown={(e) => e.key === 'Enter' && applyManual()}
            />
            <button type="button" className="text-button" onClick={applyManual}>
              Apply
            </button>
          </div>
          {manualError && (
            <p id={`${id}-breaks-error`} className="field__error" role="alert">
              {manualError}
            </p>
          )}
        </div>
      )}
      <fieldset className="field field--wide ramps">
        <legend>Colour ramp</legend>
        {RAMPS.map((r) => (
          <label key={r.id} className="ramp" title={r.label + (r.colourBlindSafe ? ' (colour-blind safe)' : '')}>
            <input type="radio" name={`${id}-ramp`} value={r.id} checked={style.ramp === r.id} onChange={() => rebuild({ ramp: r.id })} />
            <span className="ramp__bar" aria-hidden="true">
              {rampColours(r.id, 5).map((c) => (
                <span key={c} style={{ background: c }} />
              ))}
            </span>
            <span className="visually-hidden">{r.label}</span>
          </label>
        ))}
      </fieldset>
    </div>
  );
}
