// One table component for every analysis table: headers sort on click or
// Enter/Space (aria-sort says how), rows select on click or Enter/Space and
// show the shared selection, and a row selected on the map scrolls into view.
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode, type RefObject } from 'react';
import { sortValue } from './format';

export interface Column<R> {
  key: string;
  header: ReactNode;
  /** Longer explanation, shown as a tooltip on the header. */
  title?: string;
  value(row: R): number | string | null | undefined | '*';
  render?(row: R): ReactNode;
  numeric?: boolean;
  /** Not sortable (e.g. the index bar chart). */
  unsortable?: boolean;
  className?: string;
  /**
   * The column names the row (segment, area): it stays in view while the table
   * scrolls sideways. Only leading columns, at most two (rank and area).
   */
  sticky?: boolean;
  /** A heading over a run of columns (e.g. "Public transport"): consecutive columns with the same group share one. */
  group?: string;
}

export interface SortState {
  key: string;
  dir: 'ascending' | 'descending';
}

interface Props<R> {
  caption: string;
  columns: Column<R>[];
  rows: R[];
  rowKey(row: R): string;
  initialSort?: SortState;
  /** Keys of the rows to show as selected. */
  selected?: ReadonlySet<string>;
  /** Scroll the first selected row into view (when the selection came from the map). */
  scrollToSelected?: boolean;
  onRowClick?(row: R): void;
  rowLabel?(row: R): string;
  footer?: ReactNode;
  className?: string;
}

export function SortableTable<R>({ caption, columns, rows, rowKey, initialSort, selected, scrollToSelected, onRowClick, rowLabel, footer, className }: Props<R>) {
  const [sort, setSort] = useState<SortState | null>(initialSort ?? null);
  const body = useRef<HTMLTableSectionElement>(null);
  const table = useRef<HTMLTableElement>(null);
  const stuck = leadingSticky(columns);
  useStickyOffset(table, stuck);

  const sorted = useMemo(() => {
    const column = sort && columns.find((c) => c.key === sort.key);
    if (!sort || !column) return rows;
    const sign = sort.dir === 'ascending' ? 1 : -1;
    // Stable: equal values keep the order the services gave.
    return rows
      .map((row, i) => ({ row, i, v: sortValue(column.value(row)) }))
      .sort((a, b) => {
        if (a.v === b.v) return a.i - b.i;
        if (typeof a.v === 'number' && typeof b.v === 'number') return sign * (a.v - b.v);
        return sign * String(a.v).localeCompare(String(b.v), 'en-GB', { numeric: true });
      })
      .map((x) => x.row);
  }, [rows, columns, sort]);

  const toggle = (key: string) =>
    setSort((s) => (s?.key === key ? { key, dir: s.dir === 'ascending' ? 'descending' : 'ascending' } : { key, dir: columns.find((c) => c.key === key)?.numeric ? 'descending' : 'ascending' }));

  useEffect(() => {
    if (!scrollToSelected || !selected?.size) return;
    const row = body.current?.querySelector<HTMLTableRowElement>('tr[aria-selected="true"]');
    row?.scrollIntoView({ block: 'nearest' });
  }, [scrollToSelected, selected]);

  return (
    <table ref={table} className={`data-table ${className ?? ''}`} aria-rowcount={rows.length + 1} data-sticky={stuck || undefined}>
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        {columns.some((c) => c.group) && <ColumnGroups columns={columns} />}
        <tr>
          {columns.map((c) => {
            const ariaSort = sort?.key === c.key ? sort.dir : c.unsortable ? undefined : 'none';
            return (
              <th key={c.key} scope="col" aria-sort={ariaSort} className={`${c.numeric ? 'num' : ''} ${c.className ?? ''}`} title={c.title}>
                {c.unsortable ? (
                  c.header
                ) : (
                  <button type="button" className="data-table__sort" onClick={() => toggle(c.key)}>
                    {c.header}
                    <span className="data-table__arrow" aria-hidden="true">
                      {sort?.key === c.key ? (sort.dir === 'ascending' ? '▲' : '▼') : '↕'}
                    </span>
                  </button>
                )}
              </th>
            );
          })}
        </tr>
      </thead>
      <tbody ref={body}>
        {sorted.map((row) => {
          const key = rowKey(row);
          const isSelected = selected?.has(key) ?? false;
          return (
            <tr
              key={key}
              data-key={key}
              aria-selected={onRowClick ? isSelected : undefined}
              className={isSelected ? 'is-selected' : undefined}
              tabIndex={onRowClick ? 0 : undefined}
              aria-label={rowLabel?.(row)}
              onClick={onRowClick ? () => onRowClick(row) : undefined}
              onKeyDown={
                onRowClick
                  ? (e) => {
                      if (e.key === 'Enter' || e.key === ' ') {
                        e.preventDefault();
                        onRowClick(row);
                      } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                        e.preventDefault();
                        const next = (e.key === 'ArrowDown' ? e.currentTarget.nextElementSibling : e.currentTarget.previousElementSibling) as HTMLElement | null;
                        next?.focus();
                      }
                    }
                  : undefined
              }
            >
              {columns.map((c) => (
                <td key={c.key} className={`${c.numeric ? 'num' : ''} ${c.className ?? ''}`}>
                  {c.render ? c.render(row) : String(c.value(row) ?? '–')}
                </td>
              ))}
            </tr>
          );
        })}
      </tbody>
      {footer && <tfoot>{footer}</tfoot>}
    </table>
  );
}

/** One header cell per run of columns in the same group; an ungrouped column keeps its own empty cell, so the held columns line up. */
function ColumnGroups<R>({ columns }: { columns: Column<R>[] }) {
  const runs: { group: string | undefined; span: number; key: string }[] = [];
  for (const c of columns) {
    const last = runs[runs.length - 1];
    if (c.group && last?.group === c.group) last.span++;
    else runs.push({ group: c.group, span: 1, key: c.key });
  }
  return (
    <tr className="column-groups">
      {runs.map((r) => (r.group ? <th key={r.key} scope="colgroup" colSpan={r.span}>{r.group}</th> : <td key={r.key} aria-hidden="true" />))}
    </tr>
  );
}

/** How many leading columns hold still (0, 1 or 2). */
function leadingSticky<R>(columns: Column<R>[]): number {
  let n = 0;
  while (n < Math.min(2, columns.length) && columns[n].sticky) n++;
  return n;
}

/** A second fixed column sits just right of the first: its offset is the first column's width, measured. */
function useStickyOffset(table: RefObject<HTMLTableElement | null>, stuck: number): void {
  useLayoutEffect(() => {
    const el = table.current;
    // The columns' own header row: the last one (a group row may sit above it).
    const first = el?.tHead?.rows[el.tHead.rows.length - 1]?.cells[0];
    if (!el || !first || stuck < 2) return;
    const apply = () => el.style.setProperty('--sticky-second', `${first.getBoundingClientRect().width}px`);
    apply();
    const observer = new ResizeObserver(apply);
    observer.observe(first);
    return () => observer.disconnect();
  }, [table, stuck]);
}
