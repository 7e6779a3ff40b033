// `printJson` writes large tables in pieces (issue 18: the national gap table
// was one 111 MB string); what a script reads must stay exactly
// JSON.stringify(value, null, 2) and a newline, the reference here.
import { describe, expect, it } from 'vitest';
import { printJson } from '../../electron/cli/output';

function printed(value: unknown): { text: string; writes: number } {
  let text = '';
  let writes = 0;
  printJson({ stdout: (t) => { text += t; writes++; }, stderr: () => {} }, value);
  return { text, writes };
}

const reference = (value: unknown) => JSON.stringify(value, null, 2) + '\n';

describe('printJson', () => {
  const cases: [string, unknown][] = [
    ['a gap-table-like object', {
      service: 'GP', usersLeftOut: undefined, fn: () => 1, settings: { travelMinutes: { walk: 15 }, empty: {}, list: [] },
      scopeNotes: [], summary: { top: [{ code: 'E1', n: [1, 2] }] },
      rows: [{ area_code: 'E00000001', area_name: 'Line\nbreak "quoted"', users: '*', ci95_lower: null, rule: 'a | b' }, { nested: [[], [1, [2]], {}] }],
    }],
    ['undefined, functions and holes in arrays', { rows: [undefined, () => 1, , 3, null] }], // eslint-disable-line no-sparse-arrays
    ['a top-level array', [{ a: 1 }, [], 'x', undefined]],
    ['an empty object and an empty array', { a: {}, b: [] }],
    ['no keys written at all', { a: undefined }],
    ['a Date and a toJSON at the top', { when: new Date(Date.UTC(2026, 11, 3)), custom: { toJSON: () => ['swapped'] } }],
    ['an object with toJSON at the top', { toJSON: () => ({ rows: [1] }) }],
    ['scalars', 'a "string"'],
    ['null', null],
    ['unicode keys and values', { 'clé ü': ['☃', '\u2028'], '': 0 }],
  ];
  for (const [name, value] of cases) {
    it(`writes ${name} exactly as JSON.stringify(value, null, 2)`, () => {
      expect(printed(value).text).toBe(reference(value));
    });
  }

  it('writes a large table a thousand rows at a time, the same bytes as one string', () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => ({ area_code: `E${String(i).padStart(8, '0')}`, ratio: i / 7, notes: ['a', 'b'], gap: i % 3 ? null : 'awareness' }));
    const value = { service: 'GP', rows, after: { n: rows.length } };
    const { text, writes } = printed(value);
    expect(text).toBe(reference(value));
    // ~3 MB of JSON: 20 writes of a thousand rows, with the head and the tail, not one per row.
    expect(text.length).toBeGreaterThan(2_500_000);
    expect(writes).toBeGreaterThanOrEqual(20);
    expect(writes).toBeLessThan(30);
  });
});
