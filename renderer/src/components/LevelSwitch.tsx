// The geography level switch (issue 16): OA, LSOA, ward, MSOA or any imported
// level, one click. Disclosure blanks most OAs of a small area in a shared
// map, so the LSOA map must be as near as the OA one. A radio group: Tab
// reaches it, the arrow keys move between levels, as a segmented control should.
import { useEffect, useState } from 'react';
import { levelsFinestFirst } from '../project/load-project';
import type { LoadedProject } from '../project/types';

interface Props {
  project: LoadedProject;
  /** Stores the choice in the project and redraws everything at the new level. */
  onChange(level: string): Promise<void>;
}

export function LevelSwitch({ project, onChange }: Props) {
  const levels = levelsFinestFirst(project.info);
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The new level shows once the project has been read again at it.
  useEffect(() => setPending((p) => (p === project.level ? null : p)), [project.level]);
  if (levels.length < 2) return <span className="badge badge--quiet">{project.level}</span>;
  const choose = (level: string) => {
    if (level === project.level || pending) return;
    setPending(level);
    setError(null);
    onChange(level).catch((e: unknown) => {
      setError(e instanceof Error ? e.message : String(e));
      setPending(null);
    });
  };
  return (
    <div className="level-switch" role="radiogroup" aria-label="Geography level" aria-busy={pending !== null} data-testid="level-switch">
      {levels.map((level) => (
        <label key={level} className={level === (pending ?? project.level) ? 'level-switch__option level-switch__option--on' : 'level-switch__option'}>
          <input type="radio" name="geography-level" value={level} checked={level === (pending ?? project.level)} onChange={() => choose(level)} />
          {level}
        </label>
      ))}
      {error && <span className="level-switch__error" role="alert">{error}</span>}
    </div>
  );
}
