// Large answers (area geometry, a value per area) cross the loopback HTTP
// transport as one binary frame instead of JSON: a typed header (the answer
// with each typed array replaced by a reference to its bytes) followed by the
// arrays' bytes, 8-byte aligned so the receiver views them without copying.
// Electron's IPC carries typed arrays natively (structured clone), so only
// browser mode needs the frame. The zod schema still validates the decoded
// answer on arrival, as it does a JSON one. A long array of strings (190k
// area codes) goes as one string and a Uint32Array of where each ends: as a
// JSON array, parsing it took ten times as long (V8 interns each short string).
//   'CGMB' | u32 header bytes | header (UTF-8 JSON) | pad to 8 | array bytes...

const MAGIC = [0x43, 0x47, 0x4d, 0x42];
export const BINARY_FRAME_TYPE = 'application/vnd.cgm.frame';

const TYPED = {
  Float64Array,
  Float32Array,
  Uint32Array,
  Int32Array,
  Uint16Array,
  Uint8Array,
} as const;
type TypedName = keyof typeof TYPED;
export type TypedArray = InstanceType<(typeof TYPED)[TypedName]>;

interface ArrayRef {
  $typed: TypedName;
  /** Byte offset from the start of the array section. */
  offset: number;
  length: number;
}

/** A string[] as its strings joined, and the (UTF-16) index where each ends. */
interface StringsRef {
  $strings: string;
  ends: Uint32Array;
}
/** Shorter arrays of strings stay plain JSON. */
const JOIN_STRINGS_FROM = 256;

function joinedStrings(v: unknown): StringsRef | null {
  if (!Array.isArray(v) || v.length < JOIN_STRINGS_FROM) return null;
  const ends = new Uint32Array(v.length);
  let at = 0;
  for (let i = 0; i < v.length; i++) {
    if (typeof v[i] !== 'string') return null;
    ends[i] = at += (v[i] as string).length;
  }
  return { $strings: (v as string[]).join(''), ends };
}

function splitStrings(text: unknown, ends: unknown): string[] {
  if (typeof text !== 'string' || !(ends instanceof Uint32Array)) throw new Error('binary answer frame: bad string array');
  const out = new Array<string>(ends.length);
  let from = 0;
  for (let i = 0; i < ends.length; i++) {
    if (ends[i] < from || ends[i] > text.length) throw new Error('binary answer frame: bad string array');
    out[i] = text.slice(from, ends[i]);
    from = ends[i];
  }
  if (from !== text.length) throw new Error('binary answer frame: bad string array');
  return out;
}

function typedName(value: unknown): TypedName | null {
  if (!ArrayBuffer.isView(value)) return null;
  for (const name of Object.keys(TYPED) as TypedName[]) if (value.constructor === TYPED[name]) return name;
  return null;
}

/** True when the answer holds a typed array anywhere: it goes as a frame. */
export function holdsTypedArray(value: unknown, depth = 0): boolean {
  if (typedName(value)) return true;
  if (depth > 6 || value === null || typeof value !== 'object') return false;
  return Object.values(value).some((v) => holdsTypedArray(v, depth + 1));
}

const align8 = (n: number) => (n + 7) & ~7;

export function encodeFrame(value: unknown): Uint8Array {
  const arrays: TypedArray[] = [];
  let offset = 0;
  const header = JSON.stringify(value, (_key, v: unknown) => {
    const name = typedName(v);
    if (!name) return joinedStrings(v) ?? v;
    const a = v as TypedArray;
    const ref: ArrayRef = { $typed: name, offset, length: a.length };
    arrays.push(a);
    offset = align8(offset + a.byteLength);
    return ref;
  });
  const headerBytes = new TextEncoder().encode(header);
  const start = align8(8 + headerBytes.length);
  const frame = new Uint8Array(start + offset);
  frame.set(MAGIC, 0);
  new DataView(frame.buffer).setUint32(4, headerBytes.length, true);
  frame.set(headerBytes, 8);
  let at = start;
  for (const a of arrays) {
    frame.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at);
    at = align8(at + a.byteLength);
  }
  return frame;
}

/** The answer a frame carries, its arrays viewing the frame's own bytes; throws on a damaged frame. */
export function decodeFrame(buffer: ArrayBuffer): unknown {
  const bytes = new Uint8Array(buffer);
  if (bytes.length < 8 || MAGIC.some((m, i) => bytes[i] !== m)) throw new Error('not a binary answer frame');
  const headerLength = new DataView(buffer).getUint32(4, true);
  if (8 + headerLength > bytes.length) throw new Error('binary answer frame: header runs past the end');
  const start = align8(8 + headerLength);
  const header = new TextDecoder().decode(bytes.subarray(8, 8 + headerLength));
  // A walk after parsing, not a JSON.parse reviver: the reviver is called for
  // every value (190k area codes), which made decoding take a second.
  const arrayOf = (ref: ArrayRef): TypedArray => {
    const Type = TYPED[ref.$typed];
    if (!Type || !Number.isInteger(ref.offset) || !Number.isInteger(ref.length) || ref.offset % 8 !== 0 || ref.length < 0) {
      throw new Error('binary answer frame: bad array reference');
    }
    const end = start + ref.offset + ref.length * Type.BYTES_PER_ELEMENT;
    if (end > bytes.length) throw new Error(`binary answer frame: a ${ref.$typed} of ${ref.length} runs past the end`);
    return new Type(buffer, start + ref.offset, ref.length);
  };
  const resolve = (v: unknown): unknown => {
    if (!v || typeof v !== 'object') return v;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) if (v[i] && typeof v[i] === 'object') v[i] = resolve(v[i]);
      return v;
    }
    if ('$typed' in v) return arrayOf(v as ArrayRef);
    if ('$strings' in v) return splitStrings((v as StringsRef).$strings, resolve((v as StringsRef).ends));
    const o = v as Record<string, unknown>;
    for (const k of Object.keys(o)) if (o[k] && typeof o[k] === 'object') o[k] = resolve(o[k]);
    return o;
  };
  return resolve(JSON.parse(header));
}
