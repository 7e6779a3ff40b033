// Switching the scheme or level the workspace shows: load the scheme's view,
// swap it into the project and rebuild the segment layer, keeping everything
// else (layers' switches, the analysis choice) as it was.
import { useCallback, useState, type Dispatch } from 'react';
import { initialLayers } from '../layers/catalogue';
import type { LayerAction } from '../layers/layer-state';
import { loadSchemeView, rememberPick, type SchemePick } from './scheme-view';
import type { LoadedProject } from './types';

export function useSchemePick(project: LoadedProject | null, setProject: (p: LoadedProject) => void, dispatch: Dispatch<LayerAction>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const pick = useCallback(
    async (choice: SchemePick) => {
      if (!project) return;
      setBusy(true);
      try {
        const view = await loadSchemeView(project.level, choice);
        const next = { ...project, ...view };
        rememberPick(project.info, { scheme: next.scheme!, segmentLevel: next.segmentLevel });
        const segmentLayer = initialLayers(next).find((l) => l.id === 'segments');
        if (segmentLayer) dispatch({ type: 'upsert', layers: [{ def: segmentLayer, placement: 'bottom' }] });
        setProject(next);
        setError(null);
      } catch (e) {
        setError(e instanceof Error ? e.message : String(e));
      } finally {
        setBusy(false);
      }
    },
    [project, setProject, dispatch],
  );
  return { pick, busy, error };
}
