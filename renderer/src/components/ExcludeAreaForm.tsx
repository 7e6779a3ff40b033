// Whether the area counts: an area that should not (a prison, a barracks) is
// excluded with a written reason and drops out of need, base, users and every
// ranking; Ctrl+Z undoes it like any other edit.
import { useEffect, useId, useState } from 'react';

interface Props {
  code: string;
  excluded: { reason: string; excludedAt?: string } | null;
  onExclude(reason: string | null): Promise<void>;
}

export function ExcludeAreaForm({ code, excluded, onExclude }: Props) {
  const id = useId();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setReason('');
    setError(null);
  }, [code, excluded?.reason]);

  const run = async (next: string | null) => {
    try {
      await onExclude(next);
      setError(null);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };

  if (excluded) {
    return (
      <div className="exclude-area" data-excluded="true">
        <p className="stratum__reason">Left out of every analysis. Reason: “{excluded.reason}”</p>
        <button type="button" className="text-button" onClick={() => void run(null)}>Count this area again</button>
        {error && <p className="field__error" role="alert">{error}</p>}
      </div>
    );
  }
  return (
    <form className="exclude-area" onSubmit={(e) => (e.preventDefault(), void run(reason))}>
      <div className="field">
        <label htmlFor={`${id}-reason`}>Reason to leave it out (e.g. a prison)</label>
        <input
          id={`${id}-reason`}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />
      </div>
      {error && <p id={`${id}-error`} className="field__error" role="alert">{error}</p>}
      <button type="submit" className="text-button" disabled={!reason.trim()}>Exclude this area</button>
    </form>
  );
}
