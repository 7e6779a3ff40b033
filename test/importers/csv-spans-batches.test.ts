// spans() (the national imports' reader) must hand over exactly the records
// batches() does. A 64 KB piece that completes no line once made spans()
// return its previous chunk again: a users file's rows were counted twice.
import { describe, expect, it } from 'vitest';
import { openCsv } from '../../electron/importers/csv-read';

async function viaBatches(data: Buffer): Promise<string[]> {
  const out: string[] = [];
  for await (const batch of (await openCsv({ name: 't.csv', data })).batches()) {
    for (const r of batch) out.push(`${r.row}|${r.values[0] ?? ''}|${r.values[1] ?? ''}`);
  }
  return out;
}

async function viaSpans(data: Buffer): Promise<string[]> {
  const out: string[] = [];
  for await (const s of (await openCsv({ name: 't.csv', data })).spans(undefined, [0, 1])) {
    for (let r = 0; r < s.count; r++) out.push(`${s.rows[r]}|${s.cell(r, 0)}|${s.cell(r, 1)}`);
  }
  return out;
}

async function expectSame(data: Buffer, rows: number) {
  const [b, s] = [await viaBatches(data), await viaSpans(data)];
  expect(b.length).toBe(rows);
  expect(s).toEqual(b);
}

describe('spans() and batches() give the same records', () => {
  it('when the last line has no line end and starts in an earlier 64 KB piece', async () => {
    // 'pc,n\n' then rows of 10 bytes up to just past 64 KB, and a last row with no '\n' after it.
    const body = ['pc,n'];
    for (let i = 0; body.join('\n').length < 65_536 + 20; i++) body.push(`AB1 ${String(i % 10)}AB,${i % 10}`);
    const text = body.join('\n') + '\n' + 'AB9 9ZZ,'.padEnd(70_000, '9');
    await expectSame(Buffer.from(text), body.length);
  });

  it('when one line is longer than a 64 KB piece', async () => {
    const rows = ['pc,n'];
    for (let i = 0; i < 100; i++) rows.push(i === 50 ? `XX1 1XX,${'x'.repeat(200_000)}` : `AB1 ${i % 10}AB,${i}`);
    await expectSame(Buffer.from(rows.join('\n') + '\n'), 100);
  });

  it('in a CR-only file over 4 MB (the decoder holds CR-only text back until 4 MB)', async () => {
    const rows = ['pc,n'];
    for (let i = 0; i < 420_000; i++) rows.push(`AB${i % 90} 1AB,${i}`);
    const data = Buffer.from(rows.join('\r') + '\r');
    expect(data.length).toBeGreaterThan(4 * 1024 * 1024);
    await expectSame(data, 420_000);
  });
});
