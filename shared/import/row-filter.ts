// Which rows of a file an import keeps: the grammar of `cgm import --where`
// and of the import dialog's filter, parsed here once so both keep the same rows.
//
//   status_code=A,prescribing_setting=4      every condition must hold
//   status_code!=C                           not equal
//   list_size>=1000                          numbers: < <= > >=
//   name~surgery                             contains, ignoring case
//   name="SMITH, JONES & CO"                 a value with a comma: in double quotes ("" for a quote)
//
// Values are compared with the cell as read (trimmed): "=" is exact, case and all,
// as `--where` always was.

export const ROW_FILTER_OPERATORS = ['=', '!=', '<', '<=', '>', '>=', '~'] as const;
export type RowFilterOperator = (typeof ROW_FILTER_OPERATORS)[number];

export interface RowCondition {
  field: string;
  operator: RowFilterOperator;
  value: string;
}

/** What each operator means, in the analyst's words (the dialog's choices). */
export const OPERATOR_LABELS: Record<RowFilterOperator, string> = {
  '=': 'is',
  '!=': 'is not',
  '<': 'is less than',
  '<=': 'is at most',
  '>': 'is more than',
  '>=': 'is at least',
  '~': 'contains',
};

export class RowFilterError extends Error {
  override name = 'RowFilterError';
}

const NUMERIC: ReadonlySet<RowFilterOperator> = new Set(['<', '<=', '>', '>=']);
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Splits at commas outside double quotes. */
function splitConditions(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    if (ch === ',' && !quoted) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  if (quoted) throw new RowFilterError(`${JSON.stringify(text)}: a double quote is not closed`);
  parts.push(current);
  return parts;
}

function unquote(raw: string, condition: string): string {
  const value = raw.trim();
  if (!value.startsWith('"')) {
    if (value.includes('"')) throw new RowFilterError(`${JSON.stringify(condition)}: put the whole value in double quotes to use a quote in it`);
    return value;
  }
  if (value.length < 2 || !value.endsWith('"')) throw new RowFilterError(`${JSON.stringify(condition)}: text after the closing double quote`);
  const inner = value.slice(1, -1);
  if (inner.replace(/""/g, '').includes('"')) throw new RowFilterError(`${JSON.stringify(condition)}: a quote inside a quoted value is written ""`);
  return inner.replace(/""/g, '"');
}

function parseCondition(text: string): RowCondition {
  const at = text.search(/[=!<>~]/);
  const field = at < 0 ? '' : text.slice(0, at).trim();
  if (at <= 0 || !field) throw new RowFilterError(`${JSON.stringify(text.trim())}: expected field=value (or !=, <, <=, >, >=, ~)`);
  const rest = text.slice(at);
  const operator = (['!=', '<=', '>=', '=', '<', '>', '~'] as const).find((op) => rest.startsWith(op));
  if (!operator) throw new RowFilterError(`${JSON.stringify(text.trim())}: "!" must be followed by "=" (not equal)`);
  const value = unquote(rest.slice(operator.length), text.trim());
  if (NUMERIC.has(operator) && !NUMBER.test(value)) throw new RowFilterError(`${JSON.stringify(text.trim())}: ${operator} compares numbers, and ${JSON.stringify(value)} is not a number`);
  return { field, operator, value };
}

/** The conditions of a filter; empty text keeps every row. */
export function parseRowFilter(text: string | undefined): RowCondition[] {
  if (!text || !text.trim()) return [];
  return splitConditions(text).filter((c) => c.trim()).map(parseCondition);
}

/** A value written back so that parseRowFilter reads it unchanged. */
function formatValue(value: string): string {
  const plain = value === value.trim() && value !== '' && !/[",]/.test(value);
  return plain ? value : `"${value.replace(/"/g, '""')}"`;
}

/** The `--where` text for conditions (the dialog sends this, so the CLI would keep the same rows). */
export function formatRowFilter(conditions: readonly RowCondition[]): string {
  return conditions.map((c) => `${c.field}${c.operator}${formatValue(c.value)}`).join(',');
}

/** Whether one cell passes one condition. A cell that is not a number fails a numeric comparison. */
export function conditionHolds(condition: RowCondition, cell: string): boolean {
  const { operator, value } = condition;
  switch (operator) {
    case '=':
      return cell === value;
    case '!=':
      return cell !== value;
    case '~':
      return cell.toLowerCase().includes(value.toLowerCase());
    default: {
      if (!NUMBER.test(cell.trim())) return false;
      const a = Number(cell);
      const b = Number(value);
      return operator === '<' ? a < b : operator === '<=' ? a <= b : operator === '>' ? a > b : a >= b;
    }
  }
}

/** Whether a row passes every condition; `get` gives the row's (trimmed) cell for a field. */
export function rowKept(conditions: readonly RowCondition[], get: (field: string) => string): boolean {
  return conditions.every((c) => conditionHolds(c, get(c.field)));
}
