// The toolkit's travel-time band table (§4): segments ranked by risk (prevalence), the
// cumulative % of each within <5, 5–10, … >25 minutes of the nearest site,
// and the whole population underneath. Cells are shaded by the %, so the
// segments that live far from the service stand out as pale rows.
import type { BandTableResult } from '../../../shared/contract';
import type { LoadedProject } from '../project/types';
import { useSelection } from '../selection/selection-store';
import { fmtCount, fmtExpected, fmtPct1 } from './format';
import { SegmentCell } from './SegmentCell';
import { selectSegment } from './segment-areas';
import { SortableTable, type Column } from './SortableTable';
import { proposedNote, WhatIfNote } from './WhatIfNote';

type Row = BandTableResult['rows'][number];

/** White to the accent teal: a light cell is a segment that is far from the service. */
function shade(pct: number | null): string {
  if (pct === null) return 'transparent';
  const t = Math.max(0, Math.min(1, pct / 100));
  const mix = (a: number, b: number) => Math.round(a + (b - a) * t);
  return `rgb(${mix(247, 116)}, ${mix(250, 183)}, ${mix(251, 196)})`;
}

function PctCell({ pct }: { pct: number | null }) {
  return (
    <span className="band-cell" style={{ background: shade(pct) }}>
      {fmtPct1(pct)}
    </span>
  );
}

export function BandTable({ project, table, compact }: { project: LoadedProject; table: BandTableResult; compact?: boolean }) {
  const selection = useSelection();
  const selectedSegment = selection.tag?.startsWith('segment:') ? selection.tag.slice(8) : null;
  const segments = table.rows.filter((r) => r.segmentCode !== null);
  const all = table.rows.find((r) => r.segmentCode === null);
  // Need exists only with an indicator: without one the column is left out, not shown empty, and rank is by population.
  const withNeed = table.indicator !== null;
  const transit = table.transit;
  const transitPct = (segment: string | null, i: number) => transit?.rows.find((t) => t.segmentCode === segment)?.cumulativePct[i] ?? null;
  const roadWords = table.carAccess ? 'realistic (no car: walk; the rest: drive)' : table.mode === 'walk' ? 'walking' : 'driving';
  const roadGroup = table.carAccess ? 'Realistic (no car: walk; the rest: drive)' : table.mode === 'walk' ? 'Walking' : 'Driving';
  const columns: Column<Row>[] = [
    {
      key: 'rank', header: 'Rank', sticky: true, numeric: true, value: (r) => r.rank, render: (r) => r.rank ?? '–',
      title: withNeed ? '1 = highest risk (prevalence); equal rates share a rank' : '1 = largest population (no need indicator to rank by risk)',
    },
    {
      key: 'segment', header: 'Segment', sticky: true, value: (r) => r.segmentCode,
      render: (r) => <SegmentCell project={project} code={r.segmentCode} name={r.segmentName} />,
    },
    ...(compact ? [] : [{ key: 'base', header: 'Base', numeric: true, value: (r: Row) => r.base, render: (r: Row) => fmtCount(r.base) }]),
    ...(withNeed && !compact ? [{ key: 'need', header: 'Need', numeric: true, value: (r: Row) => r.need, render: (r: Row) => fmtExpected(r.need), title: `${table.indicator}: base × prevalence` }] : []),
    ...table.labels.map((label, i) => ({
      key: `band${i}`,
      header: label,
      title: `Cumulative % of the segment's ${roadWords} time ${i === table.labels.length - 1 ? 'in any band' : `within ${table.limits[i]} minutes`}`,
      numeric: true,
      value: (r: Row) => r.cumulativePct[i],
      render: (r: Row) => <PctCell pct={r.cumulativePct[i]} />,
      className: 'band-col',
      ...(transit ? { group: roadGroup } : {}),
    })),
    // Public transport beside the road columns: the same segments, matched by code.
    ...(transit?.labels.map((label, i) => ({
      key: `transit${i}`,
      header: label,
      title: `Cumulative % of the segment's public-transport time (${transit.date}, leaving ${transit.depart === 'opening-hours' ? 'while the sites are open' : transit.depart}) ${i === transit.labels.length - 1 ? 'in any band' : `within ${transit.limits[i]} minutes`}`,
      numeric: true,
      value: (r: Row) => transitPct(r.segmentCode, i),
      render: (r: Row) => <PctCell pct={transitPct(r.segmentCode, i)} />,
      className: 'band-col band-col--transit',
      group: `By public transport (${transit.date}, ${transit.depart === 'opening-hours' ? 'during opening hours' : transit.depart})`,
    })) ?? []),
  ];
  const proposedSites = table.includeProposed ? table.proposedSites : 0;
  const note = proposedNote(proposedSites);
  return (
    <>
      <WhatIfNote proposedSites={proposedSites} className="band-table__whatif" />
      <SortableTable
        caption={`Cumulative % of each segment within each band of ${roadWords} time${transit ? ' and of public-transport time' : ''} to the nearest site${note ? `, ${note}` : ''}`}
        className="band-table"
        columns={columns}
        rows={segments}
        rowKey={(r) => r.segmentCode ?? 'all'}
        selected={new Set(selectedSegment ? [selectedSegment] : [])}
        onRowClick={(r) => selectSegment(project, r.segmentCode!, r.segmentName)}
        rowLabel={(r) => `Rank ${r.rank}: ${r.segmentCode} ${r.segmentName}`}
        footer={
          all && (
            <tr className="total-row">
              <td className="num">–</td>
              <th scope="row">All population</th>
              {!compact && <td className="num">{fmtCount(all.base)}</td>}
              {withNeed && !compact && <td className="num">{fmtExpected(all.need)}</td>}
              {all.cumulativePct.map((p, i) => (
                <td key={i} className="num band-col"><PctCell pct={p} /></td>
              ))}
              {transit?.labels.map((_, i) => (
                <td key={`t${i}`} className="num band-col band-col--transit"><PctCell pct={transitPct(null, i)} /></td>
              ))}
            </tr>
          )
        }
      />
      {transit && <p className="table-note">By public transport: {transit.assumptions}.</p>}
      {table.transitProblem && <p className="table-note" role="status">No public-transport columns: {table.transitProblem}.</p>}
    </>
  );
}
