// Area attributes as columns: what crosses is what getAreaLayer's JSON would
// have carried, value for value (JSON.parse(JSON.stringify(...)) is the
// reference), through a real binary frame and the contract's schema; and a
// frame whose lengths or indices disagree is refused as a whole.
import { describe, expect, it } from 'vitest';
import { AreaColumnsSchema, areaPropertiesOf, columnsProblem, encodeAreaColumns, NO_STRING, type AttributeValues } from '../../shared/contract/area-columns';
import { decodeFrame, encodeFrame } from '../../shared/contract/binary-frame';

const copy = (u: Uint8Array) => u.buffer.slice(u.byteOffset, u.byteOffset + u.byteLength) as ArrayBuffer;

/** Hand-built level: odd names (unicode, commas, quotes, empty, a NUL), nulls, numbers JSON cannot carry as they are. */
const ROWS: Record<string, unknown>[] = [
  { code: 'W00000001', name: 'Ynys Môn, Llanfair‑pwll', parent_code: 'W01', population: 312, segment: '1', mixed: 'a' },
  { code: 'E00000002', name: '', parent_code: null, population: 0, segment: '1', mixed: 7 },
  { code: 'E00000003', name: '東京 "quoted" \\ back\nslash 🗺️', parent_code: 'W01', population: null, segment: null, mixed: null },
  { code: 'S00000004', name: null, parent_code: 'S01', population: -0, segment: '8a', mixed: 'a' },
  { code: 'N00000005', name: 'nul\u0000inside', parent_code: null, population: Number.NaN, segment: '', mixed: 2.5 },
  { code: 'N00000006', name: 'Ynys Môn, Llanfair‑pwll', parent_code: null, population: Number.POSITIVE_INFINITY, segment: '1', mixed: null },
];
const NAMES = ['code', 'name', 'parent_code', 'population', 'segment', 'mixed'];
const attributes: AttributeValues[] = NAMES.map((name) => ({ name, values: ROWS.map((r) => r[name]) }));
const IDS = [1, 2, 3, 10, 11, 2 ** 40];

function viaFrame(level: string, ids: number[], attrs: AttributeValues[]) {
  return AreaColumnsSchema.parse(decodeFrame(copy(encodeFrame(encodeAreaColumns(level, ids, attrs)))));
}

describe('area columns', () => {
  it('round-trip through a binary frame to the properties JSON would carry', () => {
    const columns = viaFrame('OA', IDS, attributes);
    expect(areaPropertiesOf(columns)).toEqual(JSON.parse(JSON.stringify(ROWS)));
    expect([...columns.ids]).toEqual(IDS);
    // Keys in column order, as getAreaLayer sets them.
    expect(Object.keys(areaPropertiesOf(columns)[2])).toEqual(NAMES);
    // -0 arrives as 0 and non-finite numbers as null, as JSON.stringify writes them.
    const population = areaPropertiesOf(columns).map((p) => p.population);
    expect(population).toEqual([312, 0, null, 0, null, null]);
    expect(Object.is(population[3], 0)).toBe(true);
  });

  it('sends numbers as Float64, text as indices into one table of distinct strings, a mixed column as it is', () => {
    const columns = encodeAreaColumns('OA', IDS, attributes);
    const kind = (name: string) => columns.columns.find((c) => c.name === name)!;
    expect(kind('population').kind).toBe('number');
    expect(kind('population').values).toBeInstanceOf(Float64Array);
    expect(kind('code').kind).toBe('text');
    expect(kind('mixed').kind).toBe('values');
    // "1" (segment) and the repeated name are stored once; an empty string is a string, null is NO_STRING.
    expect(columns.strings.filter((s) => s === '1')).toHaveLength(1);
    expect(columns.strings.filter((s) => s === 'Ynys Môn, Llanfair‑pwll')).toHaveLength(1);
    expect(columns.strings).toContain('');
    expect([...(kind('segment').values as Uint32Array)].map((k) => (k === NO_STRING ? null : columns.strings[k]))).toEqual(['1', '1', null, '8a', '', '1']);
    // 6 codes + 4 distinct names (one of them '') + 2 parents + 2 new segments ('1', '8a'; '' is the name's);
    // the mixed column's 'a' is not in the table.
    expect(columns.strings).toHaveLength(6 + 4 + 2 + 2);
  });

  it('carries a level of no areas, a column of nulls only, and a column named __proto__ as a plain key', () => {
    expect(areaPropertiesOf(viaFrame('Empty', [], [{ name: 'code', values: [] }]))).toEqual([]);
    const odd = viaFrame('OA', [1, 2], [{ name: 'code', values: ['A', 'B'] }, { name: 'nothing', values: [null, null] }, { name: '__proto__', values: ['x', null] }]);
    const props = areaPropertiesOf(odd);
    expect(props).toEqual(JSON.parse('[{"code":"A","nothing":null,"__proto__":"x"},{"code":"B","nothing":null,"__proto__":null}]'));
    expect(Object.getPrototypeOf(props[0])).toBe(Object.prototype);
  });

  it('refuses columns whose lengths or string indices disagree, naming the column', () => {
    const good = encodeAreaColumns('OA', IDS, attributes);
    const text = good.columns.findIndex((c) => c.name === 'segment');
    const bad = (patch: (c: typeof good) => void) => {
      const c = structuredClone(good);
      patch(c);
      return columnsProblem(c);
    };
    expect(columnsProblem(good)).toBeNull();
    expect(bad((c) => (c.columns[text].values = Uint32Array.of(0, 0, 0, 0, 0, c.strings.length)))).toMatch(/"segment" names string 14 of 14/);
    expect(bad((c) => (c.columns[0].values = Uint32Array.of(0)))).toMatch(/"code" has 1 values for 6 areas/);
    expect(bad((c) => ((c.strings as unknown[])[2] = 7))).toMatch(/string 2 is not a string/);
    expect(bad((c) => c.columns.push(c.columns[0]))).toMatch(/"code" appears twice/);
    // The schema refuses plain arrays where typed ones belong, and runs the same check.
    expect(AreaColumnsSchema.safeParse({ ...good, ids: [...IDS] }).success).toBe(false);
    const wrong = structuredClone(good);
    wrong.columns[0].values = Uint32Array.of(0);
    expect(AreaColumnsSchema.safeParse(wrong).error?.issues[0].message).toMatch(/inconsistent area columns/);
  });
});
