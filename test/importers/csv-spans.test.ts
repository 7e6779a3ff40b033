// The national imports read cells as spans of the CSV text (csv-spans.ts): a
// quote-free line in place, a quoted record by the splitter's exact path. Every
// record, row number and cell must be what the array reader gives (cell():
// trimmed, '' past a short record), and a fault in either path must name the
// file, row and field as before.
import { describe, expect, it } from 'vitest';
import { cell, openCsv } from '../../electron/importers/csv-read';
import { importBoundaries, importPostcodes } from '../../electron/importers/index';
import { RUTLAND, bytes, newProject, tempDir } from './helpers';

async function both(text: string, columns: number[]): Promise<{ arrays: [number, string[]][]; spans: [number, string[]][] }> {
  const input = { name: 'x.csv', data: bytes(text) };
  const arrays: [number, string[]][] = [];
  for await (const batch of (await openCsv(input)).batches(undefined, columns)) {
    for (const rec of batch) arrays.push([rec.row, columns.map((c) => cell(rec, c))]);
  }
  const spans: [number, string[]][] = [];
  for await (const s of (await openCsv(input)).spans(undefined, columns)) {
    for (let r = 0; r < s.count; r++) spans.push([s.rows[r], columns.map((_, k) => s.cell(r, k))]);
  }
  return { arrays, spans };
}

describe('CSV cells as spans', () => {
  it.each([
    ['plain', 'a,b,c,d\n1,2,3,4\n5,6,7,8\n'],
    ['CR LF, padding and a short row', 'a,b,c,d\r\n 1 ,\t2,3\r\n5\r\n,,,\r\n9,10,11,12'],
    ['quoted cells with commas, quotes and line breaks', 'a,b,c,d\n"x, y","say ""hi""",3,"4\nmore"\n5,"",7, 8 \n'],
    ['blank lines still count as rows', 'a,b,c,d\n\n1,2,3,4\n , , , \n\n5,6,7,8\n'],
    ['Unicode spaces trimmed as String#trim trims', 'a,b,c,d\n\u00a01\u00a0,\u20032,\ufeff3,4\u3000\n"\u00a0q\u00a0",2,3,4\n'],
    ['a last line with no break, quoted', 'a,b,c,d\n1,2,3,4\n"5",6,7,"8"'],
  ])('%s: the same rows and cells as the array reader', async (_name, text) => {
    for (const columns of [[0, 1, 2, 3], [1, 3], [3], [0, 2, 5]]) {
      const { arrays, spans } = await both(text, columns);
      expect(spans).toEqual(arrays);
      expect(spans.length).toBeGreaterThan(0);
    }
  });

  // Runs of 4 or more cells not asked for are passed by one pattern (csv-split.ts fieldSkipper): rows ending
  // inside, at and past such a run, for each delimiter the reader finds, LF and CR LF.
  it.each([',', ';', '\t', '|'])('wide rows with runs of cells not asked for (delimiter %j): the same cells as the array reader', async (delimiter) => {
    for (const eol of ['\n', '\r\n']) {
      const header = Array.from({ length: 16 }, (_, c) => `h${c}`).join(delimiter);
      const lines = [header];
      for (let i = 0; i < 400; i++) {
        const width = 1 + ((i * 7) % 18); // 1 to 18 cells: short rows, whole rows and rows with cells past the header's
        lines.push(Array.from({ length: width }, (_, c) => ((i + c) % 5 === 0 ? '' : (i + c) % 7 === 0 ? ` v${i}.${c} ` : `v${i}.${c}`)).join(delimiter));
      }
      const text = lines.join(eol) + eol;
      for (const columns of [[0, 6, 13], [5, 15], [2, 3, 9, 10], [15], [0, 1, 14]]) {
        const { arrays, spans } = await both(text, columns);
        expect(spans.length).toBeGreaterThan(390); // rows of blank cells are left out by both
        expect(spans).toEqual(arrays);
      }
    }
  });

  it('a long file read in chunks: every row as the array reader reads it', async () => {
    const lines = ['pc,lat,long,note'];
    for (let i = 0; i < 60000; i++) lines.push(i % 97 === 0 ? `"P${i}",${i / 1000},-1.5,"a, ""b""\nc"` : `P${i},${i / 1000},-1.5,note ${i}`);
    const { arrays, spans } = await both(`${lines.join('\n')}\n`, [0, 1, 3]);
    expect(spans.length).toBe(60000);
    expect(spans).toEqual(arrays);
  });
});

describe('a malformed directory row names the file, row and field in both paths', () => {
  const tmp = tempDir();
  const header = 'pcds,lat,long,oa11\n';
  const good = 'LE15 6NT,52.67,-0.73,E00069596\n';

  it.each([
    ['quote-free (read in place)', `${header}${good}LE15 6NU,-0.73,52.67,E00069596\n`],
    ['quoted (read by the exact path)', `${header}${good}"LE15 6NU","-0.73","52.67","E00069596"\n`],
  ])('%s: swapped coordinates on row 3', async (_name, text) => {
    const p = newProject(tmp.dir, `${_name.length}-${Math.random().toString(36).slice(2)}.gpkg`);
    await importBoundaries(p, `${RUTLAND}oa11_boundaries.geojson`, { level: 'OA', codeField: 'OA11CD' });
    await expect(importPostcodes(p, { name: 'onspd.csv', data: bytes(text) })).rejects.toThrow(
      'onspd.csv row 3, field "lat": -0.73 is a longitude and "long" 52.67 a latitude; the lat/lon columns look swapped',
    );
    p.close();
  });

  it.each([
    ['a stray quote', `${header}${good}LE15 6NU,52.67,-0.73,E000"69596\n`, 'onspd.csv row 3, field "oa11": malformed CSV, a quote inside a value that does not start with one (quote the whole value and double inner quotes)'],
    ['text after a closing quote', `${header}${good}${good}"LE15 6NU"x,52.67,-0.73,E00069596\n`, 'onspd.csv row 4, field "pcds": malformed CSV, text after the closing quote of a quoted value'],
    ['a quote never closed', `${header}${good}LE15 6NU,"52.67,-0.73,E00069596\n`, 'onspd.csv row 3, field "lat": malformed CSV, a quoted value is never closed (is the file cut short?)'],
  ])('%s', async (_name, text, message) => {
    const p = newProject(tmp.dir, `${Math.random().toString(36).slice(2)}.gpkg`);
    await expect(importPostcodes(p, { name: 'onspd.csv', data: bytes(text) })).rejects.toThrow(message);
    p.close();
  });
});
