// One editable cell of the actions table: saved when the analyst leaves it.
import { useEffect, useState } from 'react';

export function TextCell({ label, value, onSave }: { label: string; value: string; onSave(value: string): void }) {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  return (
    <input
      type="text"
      className="wb-cell"
      aria-label={label}
      value={draft}
      data-dirty={draft !== value ? 'true' : 'false'}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={() => draft !== value && onSave(draft)}
      onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()}
    />
  );
}
