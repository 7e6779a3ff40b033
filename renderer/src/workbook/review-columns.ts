// Columns of a review comparison (the `cgm review` table), shared by the dock's
// period review and the workbook's baseline review.
import type { MethodOutput } from '../../../shared/contract';
import { fmtCount, fmtRatio } from '../tables/format';
import type { Column } from '../tables/SortableTable';

export type ReviewRow = MethodOutput<'getBaselineReview'>['rows'][number];
type Cell = ReviewRow[string];
const count = (v: Cell) => (typeof v === 'string' && v !== '*' ? v : fmtCount(v as number | '*' | null));
const ratio = (v: Cell) => (typeof v === 'string' && v !== '*' ? v : fmtRatio(v as number | '*' | null));
const num = (v: Cell): number | string | null => (v === undefined ? null : v);

export const REVIEW_TABLE_COLUMNS: Column<ReviewRow>[] = [
  { key: 'kind', header: 'Kind', sticky: true, value: (r) => num(r.kind) },
  { key: 'code', header: 'Code', sticky: true, value: (r) => num(r.code) },
  { key: 'name', header: 'Name', value: (r) => num(r.name) },
  { key: 'users_before', header: 'Users before', numeric: true, value: (r) => num(r.users_before), render: (r) => count(r.users_before) },
  { key: 'users_after', header: 'Users after', numeric: true, value: (r) => num(r.users_after), render: (r) => count(r.users_after) },
  { key: 'users_change', header: 'Change', numeric: true, value: (r) => num(r.users_change), render: (r) => count(r.users_change) },
  { key: 'index_after', header: 'Index after', numeric: true, value: (r) => num(r.index_after), render: (r) => count(r.index_after) },
  { key: 'uptake_before', header: 'Uptake before', numeric: true, value: (r) => num(r.uptake_before), render: (r) => ratio(r.uptake_before) },
  { key: 'uptake_after', header: 'Uptake after', numeric: true, value: (r) => num(r.uptake_after), render: (r) => ratio(r.uptake_after) },
  { key: 'significance_after', header: 'Significance after', value: (r) => num(r.significance_after) },
];
