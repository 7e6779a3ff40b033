// "Only areas in IMD deciles": the profile of the most deprived areas (or any
// chosen deciles), offered when the project holds an IMD decile (File 7
// imported as area indicators). Nothing ticked is every area.
import { useEffect, useId, useState } from 'react';
import { api } from '../api/client';

export function useHasImdDecile(projectPath: string): boolean {
  const [has, setHas] = useState(false);
  useEffect(() => {
    let live = true;
    api.call('getAreaContext', {}).then((c) => live && setHas(c.crosstabBy.includes('imd_decile')), () => live && setHas(false));
    return () => {
      live = false;
    };
  }, [projectPath]);
  return has;
}

const DECILES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

export function DecileFilter({ value, onChange }: { value: number[]; onChange(deciles: number[]): void }) {
  const id = useId();
  const toggle = (d: number, on: boolean) => onChange(on ? [...value, d].sort((a, b) => a - b) : value.filter((x) => x !== d));
  return (
    <fieldset className="review-periods decile-filter" aria-describedby={`${id}-hint`}>
      <legend>Only areas in IMD deciles</legend>
      {DECILES.map((d) => (
        <label key={d} className="decile-filter__decile">
          <input type="checkbox" checked={value.includes(d)} onChange={(e) => toggle(d, e.target.checked)} />
          {d}
        </label>
      ))}
      <span id={`${id}-hint`} className="dock-description"> 1 = most deprived; none ticked = every area.</span>
    </fieldset>
  );
}
