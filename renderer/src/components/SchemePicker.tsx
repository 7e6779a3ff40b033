// Which segmentation scheme (OAC 2011, OAC 2021, Mosaic, a custom one) and which
// of its levels the map, the profile and band tables, the area panel and the
// exports speak of. Two plain selects, so Tab and the arrow keys work; the
// choice is remembered per project (scheme-view.ts).
import { useEffect, useId, useState } from 'react';
import { api } from '../api/client';
import { segmentLevelsOf, type SchemePick } from '../project/scheme-view';
import type { LoadedProject } from '../project/types';

interface Props {
  project: LoadedProject;
  onPick(pick: SchemePick): void;
  busy?: boolean;
  error?: string | null;
}

export function SchemePicker({ project, onPick, busy, error }: Props) {
  const id = useId();
  const schemes = project.info.schemes.filter((s) => s.segmentCount > 0);
  const [levels, setLevels] = useState<string[]>([]);
  useEffect(() => {
    if (!project.scheme) return;
    let cancelled = false;
    api.call('getSegments', { scheme: project.scheme }).then((all) => !cancelled && setLevels(segmentLevelsOf(all)), () => !cancelled && setLevels([]));
    return () => {
      cancelled = true;
    };
  }, [project.scheme, project.info]);
  if (!project.scheme || schemes.length === 0) return null;

  return (
    <div className="scheme-picker" data-testid="scheme-picker">
      <div className="field">
        <label htmlFor={`${id}-scheme`} title="The segmentation the map, the profile and the band table use">Segments</label>
        <select id={`${id}-scheme`} value={project.scheme} disabled={busy} onChange={(e) => onPick({ scheme: e.target.value, segmentLevel: null })}>
          {schemes.map((s) => <option key={s.name} value={s.name}>{s.name}</option>)}
        </select>
      </div>
      {levels.length > 1 && (
        <div className="field">
          <label htmlFor={`${id}-level`}>Segment level</label>
          <select id={`${id}-level`} value={project.segmentLevel ?? levels[levels.length - 1]} disabled={busy} onChange={(e) => onPick({ scheme: project.scheme!, segmentLevel: e.target.value })}>
            {levels.map((l) => <option key={l} value={l}>{l}</option>)}
          </select>
        </div>
      )}
      {error && <p className="field__error" role="alert">{error}</p>}
    </div>
  );
}
