// A level's area attributes as columns (issue 18): a national level as JSON
// features was 190k objects to write, parse and check with zod on each side.
// As columns it is one typed array per figure and one table of the distinct
// strings, checked once per answer (lengths and indices), never per area.
// The renderer turns it back into the properties getAreaLayer gives, key for
// key and value for value, as JSON would carry them.
import { z } from 'zod';
import { typed } from './area-geometry';

/** A text column's index for an empty (null) value. */
export const NO_STRING = 0xffffffff;

const NumberColumn = z.object({
  name: z.string(),
  /** null is NaN: SQLite stores no NaN, and JSON would carry a non-finite number as null too. */
  kind: z.literal('number'),
  values: typed(Float64Array, 'Float64Array'),
});
const TextColumn = z.object({
  name: z.string(),
  /** Indices into `strings`; NO_STRING for null. */
  kind: z.literal('text'),
  values: typed(Uint32Array, 'Uint32Array'),
});
const ValueColumn = z.object({
  name: z.string(),
  /** A column of mixed kinds (a number in a TEXT column beside text): its values as JSON carries them. Rare. */
  kind: z.literal('values'),
  values: z.array(z.unknown()),
});
const AreaColumn = z.discriminatedUnion('kind', [NumberColumn, TextColumn, ValueColumn]);
export type AreaColumn = z.infer<typeof AreaColumn>;

export const AreaColumnsSchema = z
  .object({
    level: z.string(),
    /** Each area's feature id (the table's key), in the order of getAreaGeometry's codes. */
    ids: typed(Float64Array, 'Float64Array'),
    /** Every distinct string of the text columns, once. Checked as a whole below, not string by string. */
    strings: z.custom<string[]>((v) => Array.isArray(v), { message: 'expected an array of strings' }),
    /** In getAreaLayer's property order. */
    columns: z.array(AreaColumn),
  })
  .superRefine((c, ctx) => {
    const problem = columnsProblem(c);
    if (problem) ctx.addIssue({ code: 'custom', message: `inconsistent area columns: ${problem}` });
  });
export type AreaColumns = z.infer<typeof AreaColumnsSchema>;

/** Lengths and indices that agree, so a reader never indexes past an array or the string table. */
export function columnsProblem(c: AreaColumns): string | null {
  for (let i = 0; i < c.strings.length; i++) if (typeof c.strings[i] !== 'string') return `string ${i} is not a string`;
  const names = new Set<string>();
  for (const col of c.columns) {
    if (names.has(col.name)) return `column "${col.name}" appears twice`;
    names.add(col.name);
    if (col.values.length !== c.ids.length) return `column "${col.name}" has ${col.values.length} values for ${c.ids.length} areas`;
    if (col.kind !== 'text') continue;
    for (let i = 0; i < col.values.length; i++) {
      const s = col.values[i];
      if (s !== NO_STRING && s >= c.strings.length) return `column "${col.name}" names string ${s} of ${c.strings.length}`;
    }
  }
  return null;
}

/** One attribute's value for every area, as read (string, number or null). */
export interface AttributeValues {
  name: string;
  values: readonly unknown[];
}

/** What JSON would carry for a number: a non-finite one is null, and -0 is 0. */
const asJsonNumber = (v: number) => (Number.isFinite(v) ? v + 0 : NaN);

/** Attributes as columns: numbers as Float64, strings as indices into one table of distinct strings. */
export function encodeAreaColumns(level: string, ids: ArrayLike<number>, attributes: AttributeValues[]): AreaColumns {
  const strings: string[] = [];
  const index = new Map<string, number>();
  const columns = attributes.map((a): AreaColumn => {
    const kinds = new Set<string>();
    for (const v of a.values) if (v !== null && v !== undefined) kinds.add(typeof v);
    if (kinds.size === 1 && kinds.has('number')) {
      return { name: a.name, kind: 'number', values: Float64Array.from(a.values, (v) => (typeof v === 'number' ? asJsonNumber(v) : NaN)) };
    }
    if (kinds.size === 0 || (kinds.size === 1 && kinds.has('string'))) {
      const values = new Uint32Array(a.values.length);
      a.values.forEach((v, i) => {
        if (typeof v !== 'string') return void (values[i] = NO_STRING);
        let k = index.get(v);
        if (k === undefined) index.set(v, (k = strings.push(v) - 1));
        values[i] = k;
      });
      return { name: a.name, kind: 'text', values };
    }
    return { name: a.name, kind: 'values', values: JSON.parse(JSON.stringify(a.values.map((v) => v ?? null))) as unknown[] };
  });
  return { level, ids: Float64Array.from(ids), strings, columns };
}

/** The value area `i` has in a column, as getAreaLayer's JSON would give it. */
function valueAt(c: AreaColumns, col: AreaColumn, i: number): unknown {
  if (col.kind === 'number') return Number.isNaN(col.values[i]) ? null : col.values[i];
  if (col.kind === 'text') return col.values[i] === NO_STRING ? null : c.strings[col.values[i]];
  return col.values[i];
}

/** Each area's properties, keys in column order (one shape for all, which keeps 190k objects small). */
export function areaPropertiesOf(c: AreaColumns): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = new Array(c.ids.length);
  for (let i = 0; i < c.ids.length; i++) {
    const props: Record<string, unknown> = {};
    for (const col of c.columns) {
      // A column named __proto__ is an ordinary key in JSON; plain assignment would set the prototype.
      if (col.name === '__proto__') Object.defineProperty(props, col.name, { value: valueAt(c, col, i), enumerable: true, writable: true, configurable: true });
      else props[col.name] = valueAt(c, col, i);
    }
    out[i] = props;
  }
  return out;
}

export const areaColumnsMethods = {
  /** getAreaLayer's properties without geometry, as columns (a binary frame over HTTP): what the renderer holds per area. */
  getAreaColumns: {
    input: z.object({ level: z.string(), scheme: z.string().optional(), segmentLevel: z.string().optional() }).strict(),
    output: AreaColumnsSchema,
  },
} as const;
