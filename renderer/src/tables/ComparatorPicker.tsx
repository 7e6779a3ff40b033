// "Compare with": a comparator base (England, a region, a neighbour) for the
// profile, offered when the project holds one for the scheme shown.
import { useEffect, useId, useState } from 'react';
import { api } from '../api/client';

export function useComparators(scheme: string | null, projectPath: string): string[] {
  const [names, setNames] = useState<string[]>([]);
  useEffect(() => {
    let live = true;
    api.call('getAreaContext', {}).then((c) => live && setNames(c.comparators.filter((x) => x.scheme === scheme).map((x) => x.name)), () => live && setNames([]));
    return () => {
      live = false;
    };
  }, [scheme, projectPath]);
  return names;
}

export function ComparatorPicker({ names, value, onChange }: { names: string[]; value: string; onChange(name: string): void }) {
  const id = useId();
  if (names.length === 0) return null;
  return (
    <div className="review-periods">
      <label htmlFor={id}>Compare with</label>{' '}
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">No comparator</option>
        {names.map((n) => <option key={n} value={n}>{n}</option>)}
      </select>
    </div>
  );
}
