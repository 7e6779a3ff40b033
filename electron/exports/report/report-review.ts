// The report's review section (toolkit step 8, workbook section 9): when a
// baseline was saved for the report's service and indicator, the change since
// it by segment (users, index, uptake) and its targets, met or not, as the
// workbook's Review panel and `cgm review` show them, under the same rule.
import type { DisclosureRule } from '../../../shared/domain';
import { listReviewBaselines, reviewAgainstBaseline } from '../../analysis/review-baselines';
import type { Project } from '../../store/project';
import type { CsvValue } from '../csv-writer';
import type { ExportTable } from '../export-tables';
import type { ExportParams } from '../params';

export type ReviewBlock = { kind: 'table'; table: ExportTable } | { kind: 'note'; text: string };

const col = (key: string, label: string, numeric = false) => ({ key, label, numeric });

/** The latest baseline saved for the report's service, indicator and scheme, compared with now; none: no blocks. */
export function reviewBlocks(project: Project, p: ExportParams, rule: DisclosureRule): ReviewBlock[] {
  const baseline = listReviewBaselines(project)
    .filter((b) => b.service === p.service && b.indicator === p.indicator && b.scheme === p.scheme)
    .sort((a, b) => b.savedAt.localeCompare(a.savedAt) || a.name.localeCompare(b.name))[0];
  if (!baseline) return [];
  let review: ReturnType<typeof reviewAgainstBaseline>;
  try {
    review = reviewAgainstBaseline(project, baseline.name, { ...(p.period ? { period: p.period } : {}), ...(p.base ? { base: p.base } : {}) }, rule);
  } catch (err) {
    return [{ kind: 'note', text: `The comparison with baseline “${baseline.name}” is not available: ${(err as Error).message}.` }];
  }
  const saved = baseline.savedAt.slice(0, 10);
  const changes: ExportTable = {
    name: 'review-changes',
    title: `Change since baseline “${baseline.name}” (saved ${saved}), by segment`,
    columns: [
      col('code', 'Segment'), col('name', 'Name'),
      col('users_before', 'Users then', true), col('users_after', 'Users now', true), col('users_change', 'Change', true),
      col('index_before', 'Index then', true), col('index_after', 'Index now', true), col('index_change', 'Change', true),
      col('uptake_before', 'Uptake then', true), col('uptake_after', 'Uptake now', true), col('uptake_change', 'Change', true),
    ],
    rows: review.comparison.rows.filter((r) => r.kind === 'segment').map((r) => ({ ...r }) as Record<string, CsvValue>),
    notes: ['Uptake is users over the users the need would lead one to expect (1 = as expected). The Review export (cgm review --out) lists every area too.'],
  };
  const blocks: ReviewBlock[] = [{ kind: 'table', table: changes }];
  if (review.targets.length === 0) {
    blocks.push({ kind: 'note', text: `Baseline “${baseline.name}” has no numeric targets yet: add them in the workbook’s Review section (e.g. “segment 2 uptake >= 0.9”).` });
    return blocks;
  }
  const met = review.targets.filter((t) => t.status === 'met').length;
  blocks.push({
    kind: 'table',
    table: {
      name: 'review-targets',
      title: `Targets: ${met} of ${review.targets.length} met`,
      columns: [col('target', 'Target'), col('actual', 'Now', true), col('status', 'Status'), col('reason', 'Why unknown')],
      rows: review.targets.map((t) => ({ target: t.target, actual: t.actual, status: t.status, reason: t.reason })),
      notes: ['A target on a suppressed count is unknown, never met or not met from a hidden figure.'],
    },
  });
  return blocks;
}
