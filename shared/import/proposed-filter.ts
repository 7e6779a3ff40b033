// A filter the import dialog proposes for files whose columns it recognises.
// NHS ODS's epraccur (the GP practice list) also lists closed practices,
// out-of-hours services, prisons and walk-in centres: as GP sites an analyst
// wants the active practices only, status code A ("active") with prescribing
// setting 4 ("GP practice", in ODS's own code list).
import type { RowCondition } from './row-filter';

export interface ProposedFilter {
  conditions: RowCondition[];
  /** Why, in the analyst's words, shown beside the proposal. */
  reason: string;
}

export function proposedRowFilter(headers: readonly string[]): ProposedFilter | null {
  const named = (name: string) => headers.find((h) => h.trim().toLowerCase() === name);
  const status = named('status_code');
  const setting = named('prescribing_setting');
  if (!status) return null;
  if (!setting) return { conditions: [{ field: status, operator: '=', value: 'A' }], reason: 'An NHS ODS file: only active organisations (status code A).' };
  return {
    conditions: [
      { field: status, operator: '=', value: 'A' },
      { field: setting, operator: '=', value: '4' },
    ],
    reason: 'An NHS ODS practice list (epraccur): only active GP practices (status code A, prescribing setting 4).',
  };
}
