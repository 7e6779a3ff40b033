// Which rows to import: conditions (field, operator, value) that every kept
// row passes, written to the request as the CLI's --where text (one grammar,
// shared/import/row-filter.ts), with the count of rows they keep, counted on
// the staged file by the same code the import runs.
import { useEffect, useState } from 'react';
import type { StagedFile } from '../../../shared/contract';
import { proposedRowFilter } from '../../../shared/import/proposed-filter';
import { OPERATOR_LABELS, ROW_FILTER_OPERATORS, formatRowFilter, parseRowFilter, type RowCondition, type RowFilterOperator } from '../../../shared/import/row-filter';
import { api } from '../api/client';

interface Props {
  staged: StagedFile;
  /** The filter as --where text; '' keeps every row. */
  where: string;
  onWhere(where: string): void;
}

type Count = { rows: number; kept: number } | { error: string } | null;

const rowsWord = (n: number) => `${n.toLocaleString('en-GB')} row${n === 1 ? '' : 's'}`;

function initialConditions(where: string): RowCondition[] {
  try {
    return parseRowFilter(where);
  } catch {
    return [];
  }
}

export function RowFilterStep({ staged, where, onWhere }: Props) {
  const [conditions, setConditions] = useState<RowCondition[]>(() => initialConditions(where));
  const [count, setCount] = useState<Count>(null);
  const proposal = proposedRowFilter(staged.headers);
  const proposed = proposal !== null && formatRowFilter(proposal.conditions) === where;

  const change = (next: RowCondition[]) => {
    setConditions(next);
    onWhere(formatRowFilter(next.filter((c) => c.field)));
  };

  // Counted on the staged file after a short pause, so typing a value does not send a request per key.
  useEffect(() => {
    // What the grammar refuses is said here, by the same parser, without asking the main process.
    try {
      parseRowFilter(where);
    } catch (error) {
      setCount({ error: error instanceof Error ? error.message : String(error) });
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      api.call('countImportRows', { fileId: staged.fileId, where }).then(
        (c) => live && setCount(c),
        (e: unknown) => live && setCount({ error: e instanceof Error ? e.message : String(e) }),
      );
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [staged.fileId, where]);

  const set = (i: number, patch: Partial<RowCondition>) => change(conditions.map((c, j) => (j === i ? { ...c, ...patch } : c)));

  return (
    <fieldset className="import-group import-filter">
      <legend>Rows to import</legend>
      {proposed && <p className="import-note import-filter__proposal">{proposal.reason} Change or remove the conditions to import other rows.</p>}
      {conditions.length === 0 && <p className="import-filter__none">Every row is imported. Add a condition to import only some.</p>}
      {conditions.map((c, i) => (
        <div className="import-filter__row" key={i}>
          <select aria-label={`Field of condition ${i + 1}`} value={c.field} onChange={(e) => set(i, { field: e.target.value })}>
            <option value="">Choose a field…</option>
            {staged.headers.map((h) => (
              <option key={h} value={h}>
                {h}
              </option>
            ))}
          </select>
          <select aria-label={`Test of condition ${i + 1}`} value={c.operator} onChange={(e) => set(i, { operator: e.target.value as RowFilterOperator })}>
            {ROW_FILTER_OPERATORS.map((op) => (
              <option key={op} value={op}>
                {OPERATOR_LABELS[op]}
              </option>
            ))}
          </select>
          <input aria-label={`Value of condition ${i + 1}`} type="text" value={c.value} spellCheck={false} onChange={(e) => set(i, { value: e.target.value })} />
          <button type="button" className="dialog-button" aria-label={`Remove condition ${i + 1}`} onClick={() => change(conditions.filter((_, j) => j !== i))}>
            Remove
          </button>
        </div>
      ))}
      <div className="import-filter__footer">
        <button type="button" className="dialog-button" onClick={() => change([...conditions, { field: '', operator: '=', value: '' }])}>
          Add a condition
        </button>
        <p className="import-filter__count" role="status" aria-live="polite">
          {count === null ? 'Counting rows…' : 'error' in count ? <span className="import-filter__error">{count.error}</span> : `The filter keeps ${count.kept.toLocaleString('en-GB')} of ${rowsWord(count.rows)}.`}
        </p>
      </div>
    </fieldset>
  );
}
