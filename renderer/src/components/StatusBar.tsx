// Sources and counts: attributions are shown here because the map has no remote attribution control.
// They are the credits of the layers shown (as a print carries them), with the date of their data.
import { useMemo } from 'react';
import type { LoadedProject } from '../project/types';
import type { LayerDef } from '../layers/types';
import { MapCreditsLine } from '../credits/MapCreditsLine';

const n = new Intl.NumberFormat('en-GB');

/** `siteCount`: the real sites now (one kept from the what-if counts at once); default as loaded. Proposed sites never count. */
export function StatusBar({ project, siteCount, layers = [] }: { project: LoadedProject; siteCount?: number; layers?: readonly LayerDef[] }) {
  // Summed once per set of areas: the bar re-renders with every layer change (a recolour), and 190k areas take ms.
  const population = useMemo(() => project.areas.features.reduce((s, f) => s + (typeof f.properties?.population === 'number' ? f.properties.population : 0), 0), [project.areas]);
  return (
    <footer className="status-bar">
      <span>
        {n.format(project.areas.features.length)} {project.level} areas · {n.format(population)} residents · <span className="status-bar__sites">{n.format(siteCount ?? project.sites.length)} service sites</span>
      </span>
      <MapCreditsLine layers={layers} fallback={project.info.attributions} />
    </footer>
  );
}
