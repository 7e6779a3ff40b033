// The toolkit's profile table: users and base by segment, their shares,
// penetration and index (users % ÷ base % × 100), with the index chart —
// horizontal bars either side of 100, over- and under-represented coloured
// differently — and the total row.
import type { MethodOutput } from '../../../shared/contract';
import type { LoadedProject } from '../project/types';
import { useSelection } from '../selection/selection-store';
import { fmtCount, fmtIndex, fmtPct } from './format';
import { SegmentCell } from './SegmentCell';
import { selectSegment } from './segment-areas';
import { SortableTable, type Column } from './SortableTable';
import { UsersNote } from './UsersNote';

type Profile = MethodOutput<'getProfile'>;
type Row = Profile['rows'][number];

export const OVER_COLOUR = '#2468a8';
export const UNDER_COLOUR = '#d4660f';

function indexDomain(rows: Row[]): number {
  const max = Math.max(200, ...rows.map((r) => (typeof r.index === 'number' ? r.index : 0)));
  return Math.ceil(max / 50) * 50;
}

function IndexBar({ index, domain }: { index: Row['index']; domain: number }) {
  const width = 180;
  const x = (v: number) => (Math.min(v, domain) / domain) * width;
  if (typeof index !== 'number') return <span className="index-bar__none">{index === '*' ? '*' : '–'}</span>;
  const over = index >= 100;
  const [from, to] = over ? [x(100), x(index)] : [x(index), x(100)];
  return (
    <svg className="index-bar" width={width} height={16} viewBox={`0 0 ${width} 16`} role="img" aria-label={`Index ${index}: ${over ? 'over' : 'under'}-represented`}>
      <rect x={from} y={3} width={Math.max(1, to - from)} height={10} rx={1.5} fill={over ? OVER_COLOUR : UNDER_COLOUR} />
      <line x1={x(100)} x2={x(100)} y1={0} y2={16} stroke="#1f2933" strokeWidth={1} />
    </svg>
  );
}

function IndexAxis({ domain }: { domain: number }) {
  // The domain's own end is labelled only when it is well clear of 200.
  const ticks = domain >= 300 ? [0, 100, 200, domain] : [0, 100, 200];
  return (
    <span className="index-axis" aria-hidden="true">
      {ticks.map((t) => (
        <span key={t} style={{ left: `${(t / domain) * 100}%` }}>{t}</span>
      ))}
    </span>
  );
}

export function ProfileTable({ project, profile, compact }: { project: LoadedProject; profile: Profile; compact?: boolean }) {
  const selection = useSelection();
  const domain = indexDomain(profile.rows);
  const selectedSegment = selection.tag?.startsWith('segment:') ? selection.tag.slice(8) : null;

  const columns: Column<Row>[] = [
    {
      key: 'segment', header: 'Segment', sticky: true, value: (r) => r.segmentCode,
      render: (r) => <SegmentCell project={project} code={r.segmentCode} name={r.segmentName} />,
    },
    { key: 'users', header: 'Users', numeric: true, value: (r) => r.users, render: (r) => fmtCount(r.users) },
    { key: 'usersPct', header: 'Users %', numeric: true, value: (r) => r.usersPct, render: (r) => fmtPct(r.usersPct) },
    { key: 'base', header: 'Base', numeric: true, value: (r) => r.base, render: (r) => fmtCount(r.base), title: `Population base: ${profile.base} (${project.scheme ?? 'segments'})` },
    { key: 'basePct', header: 'Base %', numeric: true, value: (r) => r.basePct, render: (r) => fmtPct(r.basePct) },
    { key: 'penetration', header: 'Penetration %', numeric: true, value: (r) => r.penetration, render: (r) => fmtPct(r.penetration), title: 'Users per 100 of the base' },
    { key: 'index', header: 'Index', numeric: true, value: (r) => r.index, render: (r) => fmtIndex(r.index), title: 'Users % ÷ base % × 100; 100 = represented in proportion' },
  ];
  // A comparator base chosen: its share and both indexes beside the index against the study area.
  const cmp = profile.comparator;
  const c = (r: Row) => cmp?.bySegment[r.segmentCode];
  if (cmp) {
    columns.push(
      { key: 'comparatorPct', header: `${cmp.name} %`, numeric: true, value: (r) => c(r)?.comparator_pct, render: (r) => fmtPct(c(r)?.comparator_pct ?? null), title: `The segment's share of ${cmp.name}'s base` },
      { key: 'indexVsComparator', header: `Index vs ${cmp.name}`, numeric: true, value: (r) => c(r)?.index_vs_comparator, render: (r) => fmtIndex(c(r)?.index_vs_comparator ?? null), title: `Users % ÷ ${cmp.name} % × 100` },
      { key: 'baseIndexVsComparator', header: `Base index vs ${cmp.name}`, numeric: true, value: (r) => c(r)?.base_index_vs_comparator, render: (r) => fmtIndex(c(r)?.base_index_vs_comparator ?? null), title: `Base % ÷ ${cmp.name} % × 100: how the study area differs from ${cmp.name}` },
    );
  }
  if (!compact) {
    columns.push({ key: 'chart', header: <IndexAxis domain={domain} />, unsortable: true, value: () => null, render: (r) => <IndexBar index={r.index} domain={domain} />, className: 'index-col' });
  }
  const t = profile.total;
  return (
    <>
    {!compact && <UsersNote notes={profile} />}
    <SortableTable
      caption={`Profile of service users by ${project.scheme ?? 'segment'}`}
      className="profile-table"
      columns={columns}
      rows={profile.rows}
      rowKey={(r) => r.segmentCode}
      selected={new Set(selectedSegment ? [selectedSegment] : [])}
      onRowClick={(r) => selectSegment(project, r.segmentCode, r.segmentName)}
      rowLabel={(r) => `${r.segmentCode} ${r.segmentName}: index ${fmtIndex(r.index)}`}
      footer={
        <tr className="total-row">
          <th scope="row">Total</th>
          <td className="num">{fmtCount(t.users)}</td>
          <td className="num">{fmtPct(t.usersPct)}</td>
          <td className="num">{fmtCount(t.base)}</td>
          <td className="num">{fmtPct(t.basePct)}</td>
          <td className="num">{fmtPct(t.penetration)}</td>
          <td className="num">{fmtIndex(t.index)}</td>
          {cmp && (
            <>
              <td className="num">{fmtPct(cmp.bySegment[t.segmentCode]?.comparator_pct ?? null)}</td>
              <td className="num">{fmtIndex(cmp.bySegment[t.segmentCode]?.index_vs_comparator ?? null)}</td>
              <td className="num">{fmtIndex(cmp.bySegment[t.segmentCode]?.base_index_vs_comparator ?? null)}</td>
            </>
          )}
          {!compact && <td className="index-col"><IndexBar index={t.index} domain={domain} /></td>}
        </tr>
      }
    />
    </>
  );
}
