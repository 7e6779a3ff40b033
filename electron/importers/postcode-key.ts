// A normalised UK postcode ("LS6 1AA", at most 8 characters of [A-Z0-9 ])
// packed into one exact integer (< 38^8 ≈ 4.3e12 < 2^53) whose order is the
// text's order: a national directory is then a sorted Float64Array searched in
// memory (user-directory.ts) instead of 2.3M strings or a B-tree seek per user.
// Digits: 0 pads a short postcode at the end (below every character, so a
// prefix sorts first as in text), 1 is the space, 2-11 '0'-'9', 12-37 'A'-'Z'.

const WIDTH = 8;
const BASE = 38;

/** Character code -> digit, 0 where the character cannot be in a normalised postcode. */
const DIGIT = new Uint8Array(128);
const CHAR: string[] = ['', ' '];
DIGIT[32] = 1;
for (let i = 0; i < 10; i++) { DIGIT[48 + i] = 2 + i; CHAR[2 + i] = String.fromCharCode(48 + i); }
for (let i = 0; i < 26; i++) { DIGIT[65 + i] = 12 + i; CHAR[12 + i] = String.fromCharCode(65 + i); }

/** BASE^i, i = 0..WIDTH. */
const POW = Array.from({ length: WIDTH + 1 }, (_, i) => BASE ** i);

/** A normalised postcode's key, -1 when the text is not one (too long, another character). */
export function postcodeKey(normalised: string): number {
  return keyAt(normalised, 0, normalised.length);
}

function keyAt(text: string, start: number, end: number): number {
  const n = end - start;
  if (n < 1 || n > WIDTH) return -1;
  let key = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(start + i);
    const d = c < 128 ? DIGIT[c] : 0;
    if (d === 0) return -1;
    key = key * BASE + d;
  }
  return key * POW[WIDTH - n];
}

/** Character code of each digit (0 for the padding). */
const CODE = new Uint8Array(BASE);
for (let d = 1; d < BASE; d++) CODE[d] = CHAR[d].charCodeAt(0);
/** BASE^4: a key is two halves of four digits, each an exact small integer. */
const HALF = BASE ** 4;

/**
 * The postcode a key stands for. One string made from char codes (not one per
 * character): writing a national directory turns 2.3M keys back into text.
 */
export function postcodeOfKey(key: number): string {
  const hi = Math.floor(key / HALF);
  const lo = key - hi * HALF;
  const c0 = CODE[Math.floor(hi / POW[3])], c1 = CODE[Math.floor(hi / POW[2]) % BASE], c2 = CODE[Math.floor(hi / BASE) % BASE], c3 = CODE[hi % BASE];
  const c4 = CODE[Math.floor(lo / POW[3])], c5 = CODE[Math.floor(lo / POW[2]) % BASE], c6 = CODE[Math.floor(lo / BASE) % BASE], c7 = CODE[lo % BASE];
  // The text ends at the first 0 (padding), as a normalised postcode's key always reads.
  if (c0 === 0) return '';
  if (c1 === 0) return String.fromCharCode(c0);
  if (c2 === 0) return String.fromCharCode(c0, c1);
  if (c3 === 0) return String.fromCharCode(c0, c1, c2);
  if (c4 === 0) return String.fromCharCode(c0, c1, c2, c3);
  if (c5 === 0) return String.fromCharCode(c0, c1, c2, c3, c4);
  if (c6 === 0) return String.fromCharCode(c0, c1, c2, c3, c4, c5);
  if (c7 === 0) return String.fromCharCode(c0, c1, c2, c3, c4, c5, c6);
  return String.fromCharCode(c0, c1, c2, c3, c4, c5, c6, c7);
}

/** The keys of every postcode starting with `prefix` ("LS6 ": a district): [from, to). */
export function prefixRange(prefix: string): [number, number] {
  const from = postcodeKey(prefix);
  if (from < 0) return [0, 0];
  return [from, from + POW[WIDTH - prefix.length]];
}

// Royal Mail's letter rules as postcode.ts's VALID pattern spells them, one bit per class:
// FIRST [A-PR-UWYZ], SECOND [A-HK-Y], DIGIT [0-9], FOURTH [0-9A-HJKMNPR-Y], INWARD [ABD-HJLNP-UW-Z].
const FIRST = 1, SECOND = 2, NUM = 4, FOURTH = 8, INWARD = 16;
const CLASS = new Uint8Array(128);
const mark = (bit: number, chars: string) => { for (const ch of chars) CLASS[ch.charCodeAt(0)] |= bit; };
mark(FIRST, 'ABCDEFGHIJKLMNOPRSTUWYZ');
mark(SECOND, 'ABCDEFGHKLMNOPQRSTUVWXY');
mark(NUM, '0123456789');
mark(FOURTH, '0123456789ABCDEFGHJKMNPRSTUVWXY');
mark(INWARD, 'ABDEFGHJLNPQRSTUWXYZ');

const isCode = (c: number, bit: number): boolean => (CLASS[c] & bit) !== 0;

/** The cell's letters and digits, at most 7 (a postcode's), reused between calls. */
const compact = new Uint16Array(7);

/**
 * The key of the postcode in text[start, end) when the cell holds upper-case
 * letters and digits with at most spaces between (ONSPD's "LS6 1AA", "LS61AA",
 * "LS6  1AA") that normalise to what postcode.ts's VALID pattern accepts
 * (A9 9AA ... AA9A 9AA, GIR 0AA); -1 for anything else, which the caller reads
 * the exact way (checkPostcode). A directory's postcode cells and most users'
 * are read so without making a string.
 */
export function validPostcodeKeyAt(text: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 32) continue;
    if (c >= 128 || DIGIT[c] < 2 || n === 7) return -1;
    compact[n++] = c;
  }
  if (n < 5) return -1;
  const o = n - 3; // the outward code's length: 2 to 4
  if (!isCode(compact[o], NUM) || !isCode(compact[o + 1], INWARD) || !isCode(compact[o + 2], INWARD)) return -1;
  let ok: boolean;
  if (!isCode(compact[0], FIRST)) ok = false;
  else if (o === 2) ok = isCode(compact[1], NUM);
  else if (o === 3) ok = (isCode(compact[1], SECOND) && isCode(compact[2], NUM)) || (isCode(compact[1], NUM) && isCode(compact[2], FOURTH));
  else ok = isCode(compact[1], SECOND) && isCode(compact[2], NUM) && isCode(compact[3], FOURTH);
  // GIR 0AA, the one non-geographic postcode the pattern allows.
  if (!ok && !(o === 3 && compact[0] === 71 && compact[1] === 73 && compact[2] === 82 && compact[3] === 48 && compact[4] === 65 && compact[5] === 65)) return -1;
  let key = 0;
  for (let i = 0; i < n; i++) {
    if (i === o) key = key * BASE + 1; // the space
    key = key * BASE + DIGIT[compact[i]];
  }
  return key * POW[WIDTH - n - 1];
}
