// The mapping step's "every level at once" for segment assignments: a file with
// a column per level (OAC's supergroup, group, subgroup, maybe with names)
// defines the scheme's segments and their parents and assigns each area at the
// finest level, in one import. Plain selects, so the keyboard works throughout.
import { useId } from 'react';
import { levelsOf, withLevels, MAX_LEVELS } from './levels';

interface Props {
  headers: string[];
  options: Record<string, string>;
  onOptions(options: Record<string, string>): void;
  /** Fewer than two level columns chosen, shown once the analyst has tried to import. */
  invalid: boolean;
}

export function LevelsChoice({ headers, options, onOptions, invalid }: Props) {
  const id = useId();
  const on = options.allLevels === 'yes';
  const levels = levelsOf(options);
  const set = (which: 'codes' | 'names', i: number, value: string) => {
    const next = { codes: [...levels.codes], names: [...levels.names] };
    next[which][i] = value;
    onOptions(withLevels(options, next));
  };
  const select = (label: string, value: string, onChange: (v: string) => void, isInvalid = false) => (
    <div className="import-field">
      <label htmlFor={`${id}-${label}`}>{label}</label>
      <select id={`${id}-${label}`} value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={isInvalid || undefined}>
        <option value="">— not in this file —</option>
        {headers.map((h) => <option key={h} value={h}>{h}</option>)}
      </select>
    </div>
  );
  return (
    <fieldset className="import-group import-levels">
      <legend>Levels</legend>
      <label className="import-choice">
        <input type="checkbox" checked={on} onChange={(e) => onOptions({ ...options, allLevels: e.target.checked ? 'yes' : '' })} />
        The file holds every level of the scheme (e.g. supergroup, group, subgroup): import them all at once
      </label>
      {on && (
        <>
          <p className="import-field__hint">Coarsest first. Each code’s parent is the code in the level above; codes without a name column take the published OAC names when the scheme is called OAC 2011 or OAC 2021.</p>
          <div className="import-grid">
            {Array.from({ length: MAX_LEVELS }, (_, i) => (
              <div key={i} className="import-levels__row">
                {select(`Level ${i + 1} code`, levels.codes[i], (v) => set('codes', i, v), invalid && i < 2 && !levels.codes[i])}
                {select(`Level ${i + 1} name`, levels.names[i], (v) => set('names', i, v))}
              </div>
            ))}
          </div>
        </>
      )}
    </fieldset>
  );
}
