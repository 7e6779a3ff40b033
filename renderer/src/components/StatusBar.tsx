// Sources and counts: attributions are shown here because the map has no remote attribution control.
import type { LoadedProject } from '../project/types';

const n = new Intl.NumberFormat('en-GB');

export function StatusBar({ project }: { project: LoadedProject }) {
  const population = project.areas.features.reduce((s, f) => s + (typeof f.properties?.population === 'number' ? f.properties.population : 0), 0);
  return (
    <footer className="status-bar">
      <span>
        {n.format(project.areas.features.length)} {project.level} areas · {n.format(population)} residents · {n.format(project.sites.length)} service sites
      </span>
      <span className="status-bar__attribution">{project.info.attributions.join(' · ')}</span>
    </footer>
  );
}
