// Details of the clicked area: identity and segment, need, use and uptake with
// its interval, travel to the nearest site by both modes, the gap and the rule
// that found it, and the attention stratum with the analyst's decision.
import { useEffect, useRef } from 'react';
import type { Feature } from 'geojson';
import type { AreaCoverageRow, StratumRow } from '../../../shared/contract';
import { coverageText } from '../layers/coverage-layer';
import { GAP_CATEGORIES, NO_GAP_COLOUR } from '../layers/analysis-catalogue';
import { gapKey, type AreaRow } from '../layers/analysis-values';
import type { LayerDef } from '../layers/types';
import type { LoadedProject } from '../project/types';
import { SwatchIcon } from '../legend/SwatchIcon';
import { SegmentProfileForm } from './SegmentProfileForm';
import { SiteHoursForm } from './SiteHoursForm';
import { StratumForm } from './StratumForm';
import { ExcludeAreaForm } from './ExcludeAreaForm';
import { AreaContext } from './AreaContext';

const whole = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const one = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });
const two = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const count = (v: number | '*') => (v === '*' ? 'Suppressed' : whole.format(v));

type Rows = [string, React.ReactNode][];

interface Props {
  project: LoadedProject;
  layers: LayerDef[];
  code: string;
  onClose(): void;
  row?: AreaRow;
  otherRow?: AreaRow;
  /** Minutes to the nearest site by `mode`: shown on its own where there is no need analysis (access only). */
  coverage?: AreaCoverageRow;
  mode?: 'walk' | 'drive';
  /** The analysed service, for editing the nearest site's hours. */
  service?: string;
  exactCounts?: boolean;
  stratum?: StratumRow;
  onDecide?(assigned: StratumRow['effective'], reason: string): Promise<void>;
  /** Set when the analyst has left this area out of every analysis. */
  excluded?: { reason: string; excludedAt?: string } | null;
  /** Excludes the area with a reason, or (null) counts it again. */
  onExclude?(reason: string | null): Promise<void>;
}

function Section({ title, rows }: { title?: string; rows: Rows }) {
  return (
    <>
      {title && <h3 className="area-panel__section">{title}</h3>}
      <dl className="area-panel__rows">
        {rows.map(([k, v]) => (
          <div key={k} className="area-panel__row">
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}

function Uptake({ row }: { row: AreaRow }) {
  const sig = row.significance;
  // A suppressed count keeps a flag only where every count it may hide shares it; "*" leaves it unsaid.
  const badge = sig === '*' ? null : (
    <span className={`sig-badge sig-badge--${sig.replace(' ', '-')}`}>{sig === 'low' ? 'Significantly low' : sig === 'high' ? 'Significantly high' : 'Not significant'}</span>
  );
  if (row.ratio === '*') return <span className="uptake" data-testid="uptake">Suppressed {sig === 'low' || sig === 'high' ? badge : null}</span>;
  if (row.ratio === null) return <>No expected users</>;
  const ci = row.ci95 === '*' || row.ci95 === null ? null : row.ci95;
  return (
    <span className="uptake" data-testid="uptake">
      <strong>{two.format(row.ratio)}</strong>
      {ci && <span className="uptake__ci"> (95% CI {two.format(ci.lower)}–{two.format(ci.upper)})</span>}
      {badge}
    </span>
  );
}

function minutes(r: AreaRow | undefined): string {
  if (!r) return '—';
  if (r.accessMinutes !== null) return `${one.format(r.accessMinutes)} min`;
  if (r.accessKm !== null) return `${one.format(r.accessKm)} km (straight line)`;
  return r.accessUnreachable ? 'No site reachable' : 'Not assessed';
}

export function AreaPanel({ project, layers, code, onClose, row, otherRow, coverage, mode = 'walk', service, exactCounts, stratum, onDecide, excluded = null, onExclude }: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  const feature = project.areas.features.find((f) => f.properties?.code === code) as Feature | undefined;
  // Move focus to the panel so keyboard and screen-reader users know it opened.
  useEffect(() => heading.current?.focus(), [code]);
  if (!feature) return null;
  const p = feature.properties ?? {};
  const segmentLayer = layers.find((l) => l.id === 'segments');
  const category = segmentLayer?.style.type === 'categorical-fill' ? segmentLayer.style.categories.find((c) => c.value === String(p.segment)) : undefined;
  const identity: Rows = [
    ['Code', <code key="c">{p.code}</code>],
    ...(p.name ? ([['Name', p.name]] as Rows) : []),
    ...(p.parent_code ? ([[`${project.parentLevel ?? 'Parent'}`, <code key="p">{p.parent_code}</code>]] as Rows) : []),
  ];
  if (project.scheme) {
    identity.push([
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
  identity.push(['Population', typeof p.population === 'number' ? whole.format(p.population) : 'Not recorded']);

  const walk = mode === 'walk' ? row : otherRow;
  const drive = mode === 'drive' ? row : otherRow;
  const gap = row ? gapKey(row) : null;
  const gapCategory = GAP_CATEGORIES.find((c) => c.value === gap);

  return (
    <aside className="area-panel" aria-labelledby="area-panel-heading" data-area-code={code}>
      <div className="area-panel__header">
        <div>
          <h2 id="area-panel-heading" ref={heading} tabIndex={-1}>
            {p.name ?? p.code}
          </h2>
          <p className="area-panel__kind">{project.level}{p.name ? ` · ${p.code}` : ''}</p>
        </div>
        <button type="button" className="icon-button" onClick={onClose} aria-label="Close area details" title="Close">
          <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true"><path d="M3 3l8 8M11 3l-8 8" stroke="currentColor" strokeWidth="1.8" /></svg>
        </button>
      </div>
      {row && exactCounts && <p className="exact-notice" role="note">Exact counts — not for sharing</p>}
      <Section rows={identity} />
      <AreaContext level={project.level} code={code} />
      {!row && coverage && (
        <Section
          title={`Nearest site (${mode === 'walk' ? 'walking' : 'driving'})`}
          rows={[
            ['Site', coverage.nearestSite ?? '—'],
            ['Travel time', <span key="t" data-testid="coverage-minutes">{coverageText(coverage, mode)}</span>],
          ]}
        />
      )}
      {row && (
        <>
          <Section
            title="Need and use"
            rows={[
              ['Base', `${count(row.base)} residents`],
              ['Need', <span key="n">{one.format(row.need)} expected{row.needIndex !== null && <span className="area-panel__muted"> · index {row.needIndex}</span>}</span>],
              ['Users', count(row.users)],
              ['Expected', one.format(row.expectedUsers)],
              ['Uptake ratio', <Uptake key="u" row={row} />],
              ['Unmet need', row.unmet === '*' ? 'Suppressed' : `${one.format(row.unmet)}${row.unmetRank ? ` (rank ${row.unmetRank})` : ''}`],
            ]}
          />
          <Section
            title="Nearest site"
            rows={[
              ['Site', row.nearestSite ?? '—'],
              ['Walk', <span key="w" className={mode === 'walk' ? 'access access--current' : 'access'} data-mode="walk">{minutes(walk)}</span>],
              ['Drive', <span key="d" className={mode === 'drive' ? 'access access--current' : 'access'} data-mode="drive">{minutes(drive)}</span>],
              ['Out of hours', row.hoursOutsideOffice === null ? '—' : `${one.format(row.hoursOutsideOffice)} h/week outside Mon–Fri 9–5`],
            ]}
          />
          <h3 className="area-panel__section">Gap ({mode === 'walk' ? 'walking' : 'driving'})</h3>
          <div className="gap" data-gap={gap ?? ''}>
            <span className="gap__type">
              <SwatchIcon swatch={{ shape: 'fill', colour: gapCategory?.colour ?? NO_GAP_COLOUR, opacity: 1 }} />
              {gapCategory?.label ?? 'No gap classified'}
            </span>
            {row.gapState && <p className="gap__rule gap__state" data-testid="gap-state">Not classified: {row.gapState}</p>}
            {(row.rules.length ? row.rules : row.gapState ? [] : row.notes).map((r) => <p key={r} className="gap__rule">{r}</p>)}
          </div>
          {service && row.nearestSiteId !== null && row.nearestSite && (
            <SiteHoursForm service={service} siteId={row.nearestSiteId} siteName={row.nearestSite} />
          )}
          {project.scheme && row.dominantSegment && (
            <>
              <h3 className="area-panel__section">Segment profile</h3>
              <SegmentProfileForm scheme={project.scheme} code={row.dominantSegment} />
            </>
          )}
        </>
      )}
      {row && onDecide && (
        <>
          <h3 className="area-panel__section">Stratum</h3>
          <StratumForm row={stratum} onDecide={onDecide} />
        </>
      )}
      {onExclude && (
        <>
          <h3 className="area-panel__section">Counting</h3>
          <ExcludeAreaForm code={code} excluded={excluded} onExclude={onExclude} />
        </>
      )}
    </aside>
  );
}
