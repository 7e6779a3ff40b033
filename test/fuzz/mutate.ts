// Mutations: blind byte damage (what a bad disk, a cut download or a hostile
// file does) and text-aware damage (what a spreadsheet, an editor or an
// attacker does to CSV, JSON and XML). Each takes the run's Rng, so the same
// seed always gives the same bytes.
import type { Rng } from './prng';

const enc = new TextEncoder();
const dec = new TextDecoder('utf-8', { fatal: false });

/** Numbers that break parsers and arithmetic: overflow, precision, sign, notation. */
export const ODD_NUMBERS = [
  '1e999', '-1e999', '1e308', '-0', '0', 'NaN', 'Infinity', '-Infinity', '9007199254740993', '18446744073709551616',
  '2147483648', '-2147483649', '4294967296', '0x7fffffff', '1_000', '1,5', '5e-324', '.', '-', '+', '',
  '99999999999999999999999999999999999999', '0.1e-999999', '1e+', '١٢٣',
];

/** Byte sequences that are not what a UTF-8 reader expects. */
const ODD_BYTES: number[][] = [
  [0x00], [0xff, 0xfe], [0xfe, 0xff], [0xef, 0xbb, 0xbf], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80],
  [0xe2, 0x80, 0xae], [0x0d], [0x1a], [0x80], [0xc3], [0x22], [0x2c], [0x3b], [0x09], [0x0a, 0x0a],
];

// Every mutation copies first (new Uint8Array(x)): a Buffer's slice() is a view, and a seed must never change.
function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A range [from, to) of at most `max` bytes inside `length`. */
function range(rng: Rng, length: number, max: number): [number, number] {
  const from = rng.int(length + 1);
  return [from, Math.min(length, from + 1 + rng.int(max))];
}

type ByteMutation = (data: Uint8Array, rng: Rng, donor: Uint8Array) => Uint8Array;

const BYTE_MUTATIONS: Record<string, ByteMutation> = {
  'bit flips': (data, rng) => {
    const out = new Uint8Array(data);
    for (let n = 1 + rng.int(8); n > 0 && out.length; n--) out[rng.int(out.length)] ^= 1 << rng.int(8);
    return out;
  },
  'odd bytes': (data, rng) => {
    const out = new Uint8Array(data);
    for (let n = 1 + rng.int(4); n > 0 && out.length; n--) out[rng.int(out.length)] = rng.pick([0, 0xff, 0x7f, 0x80, 0x20, 0x30 + rng.int(10)]);
    return out;
  },
  truncation: (data, rng) => data.slice(0, rng.chance(0.2) ? rng.int(64) : rng.int(data.length + 1)),
  'chunk deleted': (data, rng) => {
    const [a, b] = range(rng, data.length, 512);
    return concat(data.subarray(0, a), data.subarray(b));
  },
  'chunk duplicated': (data, rng) => {
    const [a, b] = range(rng, data.length, 512);
    const chunk = data.subarray(a, b);
    const copies = rng.chance(0.1) ? 50 + rng.int(500) : 1 + rng.int(3);
    return concat(data.subarray(0, b), ...Array.from({ length: copies }, () => chunk), data.subarray(b));
  },
  'random bytes inserted': (data, rng) => {
    const at = rng.int(data.length + 1);
    const junk = Uint8Array.from({ length: 1 + rng.int(64) }, () => rng.int(256));
    return concat(data.subarray(0, at), junk, data.subarray(at));
  },
  'spliced with another file': (data, rng, donor) => {
    const [a, b] = range(rng, donor.length, 4096);
    const at = rng.int(data.length + 1);
    return rng.chance(0.5) ? concat(data.subarray(0, at), donor.subarray(a, b)) : concat(data.subarray(0, at), donor.subarray(a, b), data.subarray(at));
  },
  'odd encoding bytes': (data, rng) => {
    const at = rng.int(data.length + 1);
    return concat(data.subarray(0, at), Uint8Array.from(rng.pick(ODD_BYTES)), data.subarray(at));
  },
  'number overwritten': (data, rng) => {
    const at = rng.int(data.length + 1);
    const text = enc.encode(rng.pick(ODD_NUMBERS));
    return concat(data.subarray(0, at), text, data.subarray(Math.min(data.length, at + text.length)));
  },
};

export const BYTE_MUTATION_NAMES = Object.keys(BYTE_MUTATIONS);

/** One to three blind byte mutations; returns the bytes and what was done. */
export function mutateBytes(data: Uint8Array, rng: Rng, donor: Uint8Array): { data: Uint8Array; how: string[] } {
  const how: string[] = [];
  let out = data;
  for (let n = 1 + (rng.chance(0.3) ? rng.int(3) : 0); n > 0; n--) {
    const name = rng.pick(BYTE_MUTATION_NAMES);
    how.push(name);
    out = BYTE_MUTATIONS[name](out, rng, donor);
  }
  return { data: out, how };
}

// ---- text-aware ----

const NUMBER = /-?\d+(\.\d+)?([eE][-+]?\d+)?/g;

function replaceNth(text: string, pattern: RegExp, rng: Rng, by: (match: string) => string): string {
  const matches = [...text.matchAll(pattern)];
  if (!matches.length) return text;
  const m = rng.pick(matches);
  return text.slice(0, m.index) + by(m[0]) + text.slice(m.index! + m[0].length);
}

type TextMutation = (text: string, rng: Rng) => string;

const TEXT_MUTATIONS: Record<string, TextMutation> = {
  'odd number': (t, rng) => replaceNth(t, NUMBER, rng, () => rng.pick(ODD_NUMBERS)),
  'numbers all odd': (t, rng) => {
    const odd = rng.pick(ODD_NUMBERS);
    return t.replace(NUMBER, (m) => (rng.chance(0.1) ? odd : m));
  },
  'line duplicated': (t, rng) => {
    const lines = t.split('\n');
    const i = rng.int(lines.length);
    const copies = rng.chance(0.1) ? 1000 + rng.int(5000) : 1 + rng.int(3);
    lines.splice(i, 0, ...Array.from({ length: copies }, () => lines[i]));
    return lines.join('\n');
  },
  'line deleted': (t, rng) => {
    const lines = t.split('\n');
    lines.splice(rng.int(lines.length), 1 + rng.int(3));
    return lines.join('\n');
  },
  'lines shuffled': (t, rng) => {
    const lines = t.split('\n');
    const i = rng.int(lines.length), j = rng.int(lines.length);
    [lines[i], lines[j]] = [lines[j], lines[i]];
    return lines.join('\n');
  },
  'huge token': (t, rng) => {
    const at = rng.int(t.length + 1);
    const unit = rng.pick(['A', '9', ',', '"', 'é', ' ', '\t', 'x,']);
    return t.slice(0, at) + unit.repeat(rng.chance(0.5) ? 70_000 : 1 + rng.int(300)) + t.slice(at);
  },
  'deep nesting': (t, rng) => {
    const at = rng.int(t.length + 1);
    const depth = rng.pick([100, 10_000, 200_000]);
    const [open, close] = rng.pick([['[', ']'], ['{"a":', '}'], ['<a>', '</a>'], ['"', '"']]);
    return t.slice(0, at) + open.repeat(depth) + (rng.chance(0.5) ? close.repeat(depth) : '') + t.slice(at);
  },
  'odd characters': (t, rng) => {
    const at = rng.int(t.length + 1);
    return t.slice(0, at) + rng.pick(['\u0000', '\uFEFF', '\u202E', '\uD800', '\r', '\u2028', '"', "'", ';', '\\', '\u00A0', '\uFFFD', '𝟘', '&#0;', '&amp', ']]>']) + t.slice(at);
  },
  'delimiter swapped': (t, rng) => {
    const [from, to] = rng.pick([[',', ';'], [',', '\t'], ['\n', '\r\n'], ['\n', '\r'], ['"', "'"], [':', ','], ['.', ',']]);
    return t.split(from).join(to);
  },
  'key renamed': (t, rng) => replaceNth(t, /"[A-Za-z_][A-Za-z0-9_]*"/g, rng, () => rng.pick(['""', '"__proto__"', '"constructor"', '"type"', '"coordinates"', '"features"', '"OA11CD"'])),
};

export const TEXT_MUTATION_NAMES = Object.keys(TEXT_MUTATIONS);

/** One to three text-level mutations, then the text re-encoded (sometimes not as UTF-8). */
export function mutateText(data: Uint8Array, rng: Rng): { data: Uint8Array; how: string[] } {
  let text = dec.decode(data);
  const how: string[] = [];
  for (let n = 1 + (rng.chance(0.3) ? rng.int(3) : 0); n > 0; n--) {
    const name = rng.pick(TEXT_MUTATION_NAMES);
    how.push(name);
    text = TEXT_MUTATIONS[name](text, rng);
  }
  return { data: encodeOddly(text, rng, how), how };
}

/** Usually UTF-8; sometimes UTF-16 (with or without BOM) or Latin-1, as Windows tools write. */
export function encodeOddly(text: string, rng: Rng, how: string[]): Uint8Array {
  const roll = rng.next();
  if (roll < 0.9) return enc.encode(text);
  if (roll < 0.95) {
    how.push('UTF-16LE');
    const bom = rng.chance(0.5);
    const out = new Uint8Array((text.length + (bom ? 1 : 0)) * 2);
    const view = new DataView(out.buffer);
    if (bom) view.setUint16(0, 0xfeff, true);
    for (let i = 0; i < text.length; i++) view.setUint16((i + (bom ? 1 : 0)) * 2, text.charCodeAt(i), true);
    return out;
  }
  how.push('Latin-1');
  return Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff);
}

/** A JSON tree mutation: one node replaced by something hostile but still JSON. */
export function mutateJson(data: Uint8Array, rng: Rng): { data: Uint8Array; how: string[] } {
  let root: unknown;
  try {
    root = JSON.parse(dec.decode(data));
  } catch {
    return mutateText(data, rng);
  }
  const how: string[] = [];
  for (let n = 1 + (rng.chance(0.3) ? rng.int(4) : 0); n > 0; n--) {
    const replacement = hostileValue(rng);
    how.push(`json node ← ${replacement.name}`);
    root = replaceRandomNode(root, rng, replacement.value);
  }
  let text = JSON.stringify(root).replace(/"__DEEP_(\d+)__"/g, (_, n) => '['.repeat(Number(n)) + ']'.repeat(Number(n)));
  // JSON cannot say 1e999 or NaN; a hand-edited file can.
  if (rng.chance(0.2)) {
    how.push('odd number literal');
    text = replaceNth(text, NUMBER, rng, () => rng.pick(['1e999', 'NaN', '-Infinity', '01', '1.', '.5', '+1', '0x1F']));
  }
  return { data: encodeOddly(text, rng, how), how };
}

function hostileValue(rng: Rng): { name: string; value: () => unknown } {
  return rng.pick([
    { name: 'null', value: () => null },
    { name: 'empty array', value: () => [] },
    { name: 'empty object', value: () => ({}) },
    { name: 'huge number', value: () => rng.pick([1e308, -1e308, 2 ** 53 + 2, 5e-324, -0, 1e21]) },
    { name: 'string', value: () => rng.pick(['', '0', 'NaN', 'x'.repeat(100_000), '\u0000', '../../etc/passwd', 'Polygon']) },
    { name: 'boolean', value: () => rng.chance(0.5) },
    // Deep values are spliced in as text after stringify, which would overflow its own stack on them.
    { name: 'deep array', value: () => `__DEEP_${rng.pick([50, 5_000, 100_000])}__` },
    { name: 'proto key', value: () => JSON.parse('{"__proto__":{"polluted":1},"constructor":{"prototype":{"x":1}}}') },
    { name: 'long array', value: () => Array.from({ length: rng.pick([3, 100_000]) }, (_, i) => i) },
    { name: 'point', value: () => [rng.pick([-200, 200, 1e300, 0, 181]), rng.pick([-91, 91, 52.6, 1e-300])] },
  ]);
}

/** Walks to a random node (arrays and objects descend) and replaces it, or one of its children. */
function replaceRandomNode(root: unknown, rng: Rng, make: () => unknown): unknown {
  if (root === null || typeof root !== 'object' || rng.chance(0.03)) return make();
  let node = root as Record<string, unknown>;
  for (let depth = 0; depth < 40; depth++) {
    const keys = Object.keys(node);
    if (!keys.length) break;
    const key = rng.pick(keys);
    const child = node[key];
    if (child !== null && typeof child === 'object' && Object.keys(child).length && rng.chance(0.8)) {
      node = child as Record<string, unknown>;
      continue;
    }
    if (Array.isArray(node) && rng.chance(0.3)) node.splice(Number(key), rng.chance(0.5) ? 1 : 0, ...(rng.chance(0.5) ? [make()] : [child, child]));
    else if (rng.chance(0.15)) delete node[key];
    else node[key] = make();
    break;
  }
  return root;
}
