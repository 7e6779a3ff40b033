// The ranked gap table: areas by unmet need (expected users not seen), with
// the uptake ratio and its 95% interval, significance, gap type and the rule
// that found it. A row click selects the area on the map; a map click marks
// and scrolls to its row.
import type { AreaAnalysisResult } from '../../../shared/contract';
import { selectAreas, useSelection } from '../selection/selection-store';
import { fmtCount, fmtExpected, fmtRatio } from './format';
import { SortableTable, type Column } from './SortableTable';
import { proposedNote, WhatIfNote } from './WhatIfNote';
import { UsersNote } from './UsersNote';

type Row = AreaAnalysisResult['rows'][number];

export const SIGNIFICANCE_LABEL: Record<Row['significance'], string> = { low: 'Low', high: 'High', 'not significant': 'Not significant', '*': '*' };

function ci(row: Row): string {
  if (row.ci95 === '*') return '*';
  return row.ci95 ? `${fmtRatio(row.ci95.lower)}–${fmtRatio(row.ci95.upper)}` : '–';
}

/** The nearest site and how far it is; under what-if a proposed site shows as "Name (proposed)". */
function nearest(row: Row): string {
  if (row.accessUnreachable) return 'None reachable';
  if (row.nearestSite === null) return '–';
  const far = row.accessMinutes !== null ? `${Math.round(row.accessMinutes)} min` : row.accessKm !== null ? `${row.accessKm.toFixed(1)} km` : null;
  return far ? `${row.nearestSite}, ${far}` : row.nearestSite;
}

/** proposedSites: what-if sites counted in the figures (from getScenarioAnalysis), for the note above the table. */
export function GapTable({ analysis, compact }: { analysis: AreaAnalysisResult & { proposedSites?: number }; compact?: boolean }) {
  const selection = useSelection();
  const columns: Column<Row>[] = [
    // "Rank" keeps the held column narrow; the tooltip and the caption say it ranks unmet need.
    { key: 'rank', header: 'Rank', sticky: true, numeric: true, value: (r) => r.unmetRank ?? Number.MAX_SAFE_INTEGER, render: (r) => r.unmetRank ?? '–', title: 'Unmet need rank: 1 = the most expected users not reached' },
    {
      key: 'area', header: 'Area', sticky: true, value: (r) => r.name ?? r.code,
      render: (r) => (
        <span className="area-cell">
          <span className="area-cell__name">{r.name ?? r.code}</span>
          {r.name && <code className="area-cell__code">{r.code}</code>}
        </span>
      ),
    },
    { key: 'users', header: 'Users', numeric: true, value: (r) => r.users, render: (r) => fmtCount(r.users) },
    { key: 'expected', header: 'Expected', numeric: true, value: (r) => r.expectedUsers, render: (r) => fmtExpected(r.expectedUsers), title: 'Users expected from need' },
    {
      key: 'ratio', header: 'Uptake ratio (95% CI)', numeric: true, value: (r) => r.ratio,
      render: (r) => (
        <span className="ratio-cell">
          <strong>{fmtRatio(r.ratio)}</strong> <span className="ratio-cell__ci">({ci(r)})</span>
        </span>
      ),
      title: 'Users ÷ expected; 1 = uptake in line with need',
    },
    { key: 'sig', header: 'Significance', value: (r) => r.significance, render: (r) => <span className={`sig-pill sig-pill--${r.significance === '*' ? 'suppressed' : r.significance.replace(' ', '-')}`}>{SIGNIFICANCE_LABEL[r.significance]}</span> },
    {
      key: 'gap', header: 'Gap type', value: (r) => r.gapTypes.join(' '),
      render: (r) =>
        r.gapTypes.length ? (
          <span className="gap-chips">{r.gapTypes.map((g) => <span key={g} className={`gap-chip gap-chip--${g}`}>{g}</span>)}</span>
        ) : r.gapState ? (
          <span className="gap-chip gap-chip--unclassified" title={r.gapState}>not classified</span>
        ) : (
          <span className="dock-muted">–</span>
        ),
    },
  ];
  if (!compact) {
    // Beside the rule: which site the access figures were measured to, so a what-if site's effect is visible per area.
    columns.push({ key: 'nearest', header: 'Nearest site', value: (r) => r.nearestSite ?? '', render: (r) => <span className="nearest-cell">{nearest(r)}</span> });
    columns.push({
      key: 'rule', header: 'Rule', value: (r) => r.rules.join('; ') || (r.gapState ?? ''),
      render: (r) => {
        const text = r.rules.map((x) => x.replace(/^[a-z]+: /, '')).join('; ') || r.gapState || '–';
        return <span className="rule-cell" title={r.rules.join('\n') || (r.gapState ?? '')}>{text}</span>;
      },
    });
  }
  const note = proposedNote(analysis.proposedSites);
  return (
    <>
      <WhatIfNote proposedSites={analysis.proposedSites} className="gap-table__whatif" />
      {!compact && <UsersNote notes={analysis} />}
      <SortableTable
        caption={`Areas ranked by unmet need${note ? `, ${note}` : ''}`}
        className="gap-table"
        columns={columns}
        rows={analysis.rows}
        rowKey={(r) => r.code}
        initialSort={{ key: 'rank', dir: 'ascending' }}
        selected={new Set(selection.codes)}
        scrollToSelected={selection.source === 'map'}
        onRowClick={(r) => selectAreas([r.code], 'table', r.name ?? r.code)}
        rowLabel={(r) => `${r.name ?? r.code}, unmet need rank ${r.unmetRank ?? 'none'}, uptake ratio ${fmtRatio(r.ratio)}`}
      />
    </>
  );
}
