// .dbf attribute records, read the way the `shapefile` package reads them
// (same field types and values: trimmed text or null, numbers or null, dates,
// booleans), but synchronously and with the platform's TextDecoder: the
// package decodes through a pure-JS text-encoding polyfill and a promise per
// record, ~0.7 s of a national boundary import. Plain ASCII text, the usual
// case for codes and names, skips the decoder altogether.

interface Field {
  name: string;
  type: string;
  length: number;
  parse: ((text: string) => unknown) | undefined;
}

const PARSERS: Record<string, (text: string) => unknown> = {
  B: readNumber,
  C: (text) => text.trim() || null,
  D: (text) => new Date(+text.substring(0, 4), +text.substring(4, 6) - 1, +text.substring(6, 8)),
  F: readNumber,
  L: (text) => (/^[nf]$/i.test(text) ? false : /^[yt]$/i.test(text) ? true : null),
  M: readNumber,
  N: readNumber,
};

function readNumber(text: string): number | null {
  const t = text.trim();
  const n = +t;
  return !t || Number.isNaN(n) ? null : n;
}

/** Up to `limit` records; throws (like the package) on a record with a field type it does not know. */
export function readDbf(dbf: Uint8Array, encoding: string, limit = Infinity): Record<string, unknown>[] {
  const decoder = new TextDecoder(encoding);
  const view = new DataView(dbf.buffer, dbf.byteOffset, dbf.byteLength);
  if (dbf.length < 32) throw new Error('the .dbf header is cut short');
  const headerLength = view.getUint16(8, true);
  const recordLength = view.getUint16(10, true);
  const fields: Field[] = [];
  for (let at = 32; dbf[at] !== 0x0d; at += 32) {
    if (at + 32 > dbf.length) throw new Error('the .dbf field list is cut short');
    let j = 0;
    while (j < 11 && dbf[at + j] !== 0) j++;
    const type = String.fromCharCode(dbf[at + 11]);
    fields.push({ name: decoder.decode(dbf.subarray(at, at + j)), type, length: dbf[at + 16], parse: PARSERS[type] });
  }
  const ascii = /^(utf-?8|windows-1252|iso-8859-1|latin1|ascii|us-ascii)$/i.test(encoding.trim());
  const text = Buffer.from(dbf.buffer, dbf.byteOffset, dbf.byteLength);
  const records: Record<string, unknown>[] = [];
  for (let at = headerLength; at < dbf.length && dbf[at] !== 0x1a && records.length < limit; at += recordLength) {
    const end = Math.min(at + recordLength, dbf.length);
    const record: Record<string, unknown> = {};
    let i = at + 1;
    for (const f of fields) {
      const s = Math.min(i, end);
      const e = Math.min(i + f.length, end);
      i += f.length;
      if (!f.parse) throw new Error(`unsupported .dbf field type ${f.type}`);
      record[f.name] = f.parse(ascii && isAscii(dbf, s, e) ? text.toString('latin1', s, e) : decoder.decode(dbf.subarray(s, e)));
    }
    records.push(record);
  }
  return records;
}

function isAscii(bytes: Uint8Array, s: number, e: number): boolean {
  for (let i = s; i < e; i++) if (bytes[i] > 0x7f) return false;
  return true;
}
