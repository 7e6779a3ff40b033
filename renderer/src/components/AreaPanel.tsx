// Details of the clicked area. Analysis values (need, uptake, gaps) join this
// list when the contract offers them; for now: identity, segment and population.
import { useEffect, useRef } from 'react';
import type { Feature } from 'geojson';
import type { LayerDef } from '../layers/types';
import type { LoadedProject } from '../project/types';
import { SwatchIcon } from '../legend/SwatchIcon';

const whole = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const area = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });

interface Props {
  project: LoadedProject;
  layers: LayerDef[];
  code: string;
  onClose(): void;
}

export function AreaPanel({ project, layers, code, onClose }: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  const feature = project.areas.features.find((f) => f.properties?.code === code) as Feature | undefined;
  // Move focus to the panel so keyboard and screen-reader users know it opened.
  useEffect(() => heading.current?.focus(), [code]);
  if (!feature) return null;
  const p = feature.properties ?? {};
  const segmentLayer = layers.find((l) => l.style.type === 'categorical-fill');
  const category = segmentLayer?.style.type === 'categorical-fill' ? segmentLayer.style.categories.find((c) => c.value === String(p.segment)) : undefined;
  const densityLayer = layers.find((l) => l.style.type === 'graduated-fill' && l.style.measure === 'density');
  const rows: [string, React.ReactNode][] = [
    ['Code', <code key="c">{p.code}</code>],
    ...(p.name ? ([['Name', p.name]] as [string, React.ReactNode][]) : []),
    ['Geography', project.level],
    ...(p.parent_code ? ([[`${project.parentLevel ?? 'Parent'}`, <code key="p">{p.parent_code}</code>]] as [string, React.ReactNode][]) : []),
  ];
  if (project.scheme) {
    rows.push([
      'Segment',
      category ? (
        <span className="area-panel__segment">
          <SwatchIcon swatch={{ shape: 'fill', colour: category.colour, opacity: 1 }} />
          {category.label}
        </span>
      ) : (
        'Not assigned'
      ),
    ]);
  }
  rows.push(['Population', typeof p.population === 'number' ? whole.format(p.population) : 'Not recorded']);
  rows.push(['Area', typeof p.area_km2 === 'number' ? `${area.format(p.area_km2)} km²` : '—']);
  if (densityLayer) rows.push(['Density', typeof p.density === 'number' ? `${whole.format(p.density)} people per km²` : '—']);

  return (
    <aside className="area-panel" aria-labelledby="area-panel-heading">
      <div className="area-panel__header">
        <h2 id="area-panel-heading" ref={heading} tabIndex={-1}>
          {p.name ?? p.code}
        </h2>
        <button type="button" className="icon-button" onClick={onClose} aria-label="Close area details" title="Close">
          <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true"><path d="M3 3l8 8M11 3l-8 8" stroke="currentColor" strokeWidth="1.8" /></svg>
        </button>
      </div>
      <dl className="area-panel__rows">
        {rows.map(([k, v]) => (
          <div key={k} className="area-panel__row">
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      {project.scheme && <p className="area-panel__note">Segment: {project.scheme}{project.segmentLevel ? ` ${project.segmentLevel}` : ''}, the largest by population in this area.</p>}
    </aside>
  );
}
