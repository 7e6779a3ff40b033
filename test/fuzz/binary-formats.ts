// Structure-aware damage to binary formats: fields a reader trusts (record
// counts, lengths, offsets, types) set to hostile values while the rest of the
// file stays well formed, so the reader gets past its first sanity check.
import { deflateRawSync, deflateSync, inflateSync, crc32 } from 'node:zlib';
import type { Rng } from './prng';
import { mutateBytes } from './mutate';

const ODD_INT32 = [0, 1, -1, 2, 3, 0x7fffffff, -0x80000000, 0xffff, 0x10000, 1_000_000_000, 255, 100, 8];
const ODD_DOUBLES = [NaN, Infinity, -Infinity, 1e308, -1e308, 0, -0, 5e-324, 2 ** 53, 700000, -200, 1e15];

function view(data: Uint8Array): DataView {
  return new DataView(data.buffer, data.byteOffset, data.byteLength);
}

/** .shp: a header field, a record's length, part count, point count or coordinate. */
export function mutateShp(shp: Uint8Array, rng: Rng): { data: Uint8Array; how: string } {
  const out = new Uint8Array(shp);
  const v = view(out);
  if (out.length < 100 || rng.chance(0.2)) {
    const at = rng.pick([24, 28, 32, 36, 44, 52, 60]);
    if (out.length >= at + 8) {
      if (at >= 36) v.setFloat64(at, rng.pick(ODD_DOUBLES), true);
      else v.setInt32(at, rng.pick(ODD_INT32), at !== 24 ? true : false);
    }
    return { data: out, how: `shp header field at ${at}` };
  }
  // Walk to a random record by the lengths the file gives.
  const records: number[] = [];
  for (let at = 100; at + 8 <= out.length && records.length < 10_000; ) {
    records.push(at);
    const len = v.getInt32(at + 4, false) * 2;
    if (len <= 0) break;
    at += 8 + len;
  }
  const rec = rng.pick(records.length ? records : [100]);
  const field = rng.pick(['content length', 'shape type', 'part count', 'point count', 'part index', 'coordinate', 'bbox']);
  const safe = (at: number, bytes: number) => at + bytes <= out.length;
  const int = rng.pick(ODD_INT32);
  const dbl = rng.pick(ODD_DOUBLES);
  switch (field) {
    case 'content length': if (safe(rec + 4, 4)) v.setInt32(rec + 4, int, false); break;
    case 'shape type': if (safe(rec + 8, 4)) v.setInt32(rec + 8, rng.pick([0, 1, 3, 5, 8, 11, 13, 15, 18, 23, 25, 28, 31, 99, -1]), true); break;
    case 'bbox': if (safe(rec + 12, 32)) v.setFloat64(rec + 12 + 8 * rng.int(4), dbl, true); break;
    case 'part count': if (safe(rec + 44, 4)) v.setInt32(rec + 44, int, true); break;
    case 'point count': if (safe(rec + 48, 4)) v.setInt32(rec + 48, int, true); break;
    case 'part index': if (safe(rec + 52, 4)) v.setInt32(rec + 52, int, true); break;
    case 'coordinate': {
      const at = rec + 56 + 8 * rng.int(40);
      if (safe(at, 8)) v.setFloat64(at, dbl, true);
      break;
    }
  }
  return { data: out, how: `shp record at ${rec}: ${field}` };
}

/** .dbf: record count, header or record length, a field's type or width, the terminator. */
export function mutateDbf(dbf: Uint8Array, rng: Rng): { data: Uint8Array; how: string } {
  const out = new Uint8Array(dbf);
  if (out.length < 32) return { data: out, how: 'dbf too short' };
  const v = view(out);
  const fields = Math.max(1, Math.floor((v.getUint16(8, true) - 33) / 32));
  const f = 32 + 32 * rng.int(fields);
  const choice = rng.pick(['record count', 'header length', 'record length', 'field type', 'field width', 'field name', 'version', 'no terminator']);
  switch (choice) {
    case 'record count': v.setUint32(4, rng.pick([0, 1, 0xffffffff, 0x7fffffff, 1_000_000, v.getUint32(4, true) + 1]), true); break;
    case 'header length': v.setUint16(8, rng.pick([0, 1, 32, 33, 0xffff, v.getUint16(8, true) + 32]), true); break;
    case 'record length': v.setUint16(10, rng.pick([0, 1, 0xffff, v.getUint16(10, true) - 1, v.getUint16(10, true) + 1]), true); break;
    case 'field type': if (f + 11 < out.length) out[f + 11] = rng.pick([0x43, 0x4e, 0x46, 0x44, 0x4c, 0x4d, 0x40, 0x00, 0xff]); break;
    case 'field width': if (f + 16 < out.length) out[f + 16] = rng.pick([0, 1, 254, 255]); break;
    case 'field name': if (f + 11 < out.length) out.fill(rng.pick([0x00, 0xff, 0x20, 0x41]), f, f + 11); break;
    case 'version': out[0] = rng.pick([0x00, 0x02, 0x30, 0x83, 0x8b, 0xff]); break;
    case 'no terminator': {
      const end = v.getUint16(8, true) - 1;
      if (end > 0 && end < out.length) out[end] = 0x20;
      break;
    }
  }
  return { data: out, how: `dbf ${choice}` };
}

// ---- OSM PBF: [int32 BE length][BlobHeader][Blob], Blob.zlib_data inflating to a block ----

function readVarint(b: Uint8Array, at: number): [number, number] {
  let value = 0, shift = 0, i = at;
  for (; i < b.length && shift < 49; i++, shift += 7) {
    value += (b[i] & 0x7f) * 2 ** shift;
    if (!(b[i] & 0x80)) return [value, i + 1];
  }
  return [value, i];
}

function writeVarint(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) byte |= 0x80;
    out.push(byte);
  } while (n > 0);
  return out;
}

interface PbField { field: number; wire: number; value: number | Uint8Array }

function decodeMessage(b: Uint8Array): PbField[] {
  const out: PbField[] = [];
  for (let at = 0; at < b.length; ) {
    const [key, next] = readVarint(b, at);
    const field = Math.floor(key / 8), wire = key % 8;
    if (wire === 0) {
      const [value, end] = readVarint(b, next);
      out.push({ field, wire, value });
      at = end;
    } else if (wire === 2) {
      const [len, start] = readVarint(b, next);
      out.push({ field, wire, value: b.subarray(start, start + len) });
      at = start + len;
    } else break;
  }
  return out;
}

function encodeMessage(fields: PbField[]): Uint8Array {
  const parts: number[] = [];
  for (const f of fields) {
    parts.push(...writeVarint(f.field * 8 + f.wire));
    if (typeof f.value === 'number') parts.push(...writeVarint(f.value));
    else parts.push(...writeVarint(f.value.length), ...f.value);
  }
  return Uint8Array.from(parts);
}

interface PbfBlock { header: PbField[]; blob: PbField[] }

export function splitPbf(data: Uint8Array): PbfBlock[] {
  const blocks: PbfBlock[] = [];
  for (let at = 0; at + 4 <= data.length; ) {
    const hlen = view(data).getUint32(at, false);
    const header = decodeMessage(data.subarray(at + 4, at + 4 + hlen));
    const size = header.find((f) => f.field === 3)?.value as number;
    blocks.push({ header, blob: decodeMessage(data.subarray(at + 4 + hlen, at + 4 + hlen + size)) });
    at += 4 + hlen + size;
  }
  return blocks;
}

export function joinPbf(blocks: PbfBlock[], lie = false): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const b of blocks) {
    const blob = encodeMessage(b.blob);
    const header = encodeMessage(b.header.map((f) => (f.field === 3 && !lie ? { ...f, value: blob.length } : f)));
    const len = new Uint8Array(4);
    view(len).setUint32(0, header.length, false);
    parts.push(len, header, blob);
  }
  return Buffer.concat(parts);
}

/**
 * Re-compressed damage: a block's inflated protobuf is mutated and deflated
 * again, so the zlib layer passes and the OSM decoder meets the damage; or
 * whole blocks are dropped, doubled, reordered, or their sizes lie.
 */
export function mutatePbf(data: Uint8Array, rng: Rng, donor: Uint8Array): { data: Uint8Array; how: string } {
  const blocks = splitPbf(data);
  if (blocks.length < 2) return { data: mutateBytes(data, rng, donor).data, how: 'pbf bytes' };
  const i = 1 + rng.int(blocks.length - 1);
  const choice = rng.pick(['block content', 'block content', 'block content', 'raw size lies', 'header size lies', 'block dropped', 'block doubled', 'blocks swapped', 'block type']);
  const b = blocks[i];
  switch (choice) {
    case 'block content': {
      const zlib = b.blob.find((f) => f.field === 3);
      if (zlib && typeof zlib.value !== 'number') {
        const raw = new Uint8Array(inflateSync(zlib.value));
        const damaged = mutateBytes(raw, rng, raw).data;
        zlib.value = new Uint8Array(deflateSync(damaged));
        const rawSize = b.blob.find((f) => f.field === 2);
        if (rawSize) rawSize.value = damaged.length;
      }
      break;
    }
    case 'raw size lies': {
      const rawSize = b.blob.find((f) => f.field === 2);
      if (rawSize) rawSize.value = rng.pick([0, 1, 2 ** 31, 2 ** 32 + 5, 64 * 1024 * 1024]);
      break;
    }
    case 'header size lies': {
      const size = b.header.find((f) => f.field === 3);
      if (size) size.value = rng.pick([0, 1, 2 ** 31, (size.value as number) + 1]);
      return { data: joinPbf(blocks, true), how: `pbf block ${i}: ${choice}` };
    }
    case 'block dropped': blocks.splice(i, 1); break;
    case 'block doubled': blocks.splice(i, 0, blocks[i]); break;
    case 'blocks swapped': [blocks[0], blocks[i]] = [blocks[i], blocks[0]]; break;
    case 'block type': b.header[0] = { field: 1, wire: 2, value: new TextEncoder().encode(rng.pick(['OSMHeader', 'OSMData', '', 'x'])) }; break;
  }
  return { data: joinPbf(blocks), how: `pbf block ${i}: ${choice}` };
}

// ---- zip: a minimal writer, so zips with hostile entries are made in process ----

export interface ZipEntry { name: string; data: Uint8Array; stored?: boolean }

export function writeZip(entries: ZipEntry[]): Uint8Array {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const body = e.stored ? e.data : new Uint8Array(deflateRawSync(e.data));
    const crc = crc32(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(e.stored ? 0 : 8, 8); local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18); local.writeUInt32LE(e.data.length, 22); local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6); central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(e.stored ? 0 : 8, 10); central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20); central.writeUInt32LE(e.data.length, 24); central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(entries.length, 8); end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}
