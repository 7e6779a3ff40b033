// Postcodes packed into integers (postcode-key.ts) must stand for exactly the
// postcode: every shape Royal Mail issues round-trips, keys sort as the text
// sorts, and the in-place reader accepts exactly the cells that checkPostcode
// reads as a valid (non-pseudo) postcode, giving the same one. The reference is
// postcode.ts's own pattern and normaliser, which the importers used before.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { postcodeKey, postcodeOfKey, prefixRange, validPostcodeKeyAt } from '../../electron/importers/postcode-key';
import { checkPostcode } from '../../electron/importers/postcode';
import { plainDecimalAt } from '../../electron/importers/csv-spans';
import { areaCodeKey } from '../../electron/importers/postcode-rows';
import { mulberry32 as random } from '../support/random';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';
// The pattern's classes (postcode.ts VALID), position by position.
const FIRST = 'ABCDEFGHIJKLMNOPRSTUWYZ';
const SECOND = 'ABCDEFGHKLMNOPQRSTUVWXY';
const FOURTH = '0123456789ABCDEFGHJKMNPRSTUVWXY';
const INWARD = 'ABDEFGHJLNPQRSTUWXYZ';
const SHAPES: string[][] = [
  [FIRST, DIGITS], // A9
  [FIRST, DIGITS, DIGITS], // A99
  [FIRST, DIGITS, FOURTH.replace(/\d/g, '')], // A9A
  [FIRST, SECOND, DIGITS], // AA9
  [FIRST, SECOND, DIGITS, DIGITS], // AA99
  [FIRST, SECOND, DIGITS, FOURTH.replace(/\d/g, '')], // AA9A
];

function validPostcodes(n: number, seed: number): string[] {
  const next = random(seed);
  const pick = (s: string) => s[Math.floor(next() * s.length)];
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const shape = SHAPES[i % SHAPES.length];
    out.push(`${shape.map(pick).join('')} ${pick(DIGITS)}${pick(INWARD)}${pick(INWARD)}`);
  }
  return out;
}

describe('packed postcode keys', () => {
  it('round-trip every shape, GIR 0AA and the pseudo-postcodes, and stay exact integers', () => {
    const all = ['A1 1AA', 'A11 1AA', 'A1A 1AA', 'AA1 1AA', 'AA11 1AA', 'AA1A 1AA', 'GIR 0AA', 'ZZ99 3VZ', 'ZZ99 9ZZ', 'LS6 1AA', 'EC1A 1BB', 'W1A 0AX', 'M1 1AE', 'B33 8TH', 'CR2 6XH', 'DN55 1PT'];
    for (const pc of [...all, ...validPostcodes(5000, 1)]) {
      const key = postcodeKey(pc);
      expect(Number.isSafeInteger(key), pc).toBe(true);
      expect(postcodeOfKey(key)).toBe(pc);
      expect(validPostcodeKeyAt(`,${pc},`, 1, pc.length + 1), pc).toBe(pc.startsWith('ZZ') ? -1 : key);
    }
    // Not a normalised postcode: too long, lower case, punctuation, empty.
    for (const text of ['AA9A 9AAA', 'ls6 1aa', 'LS6-1AA', '', 'LS6\t1AA']) expect(postcodeKey(text), text).toBe(-1);
  });

  it('sort as the text sorts and as SQLite sorts it (so a sorted directory is a sorted key column, written in key order)', () => {
    const pcs = [...validPostcodes(20000, 2), 'A1 1AA', 'A11 1AA', 'A1A 1AA', 'AA1 1AA', 'B1 1AA', 'B10 1AA', 'B1A 1AA', 'ZZ99 9ZZ'];
    const byText = [...pcs].sort();
    const byKey = [...pcs].sort((a, b) => postcodeKey(a) - postcodeKey(b));
    expect(byKey).toEqual(byText);
    // And as SQLite orders cgm_postcodes (its key's B-tree, BINARY collation): rows written in key order append.
    const db = new Database(':memory:');
    db.exec('CREATE TABLE p (postcode TEXT PRIMARY KEY) WITHOUT ROWID');
    const insert = db.prepare('INSERT OR IGNORE INTO p VALUES (?)');
    for (const pc of pcs) insert.run(pc);
    expect(db.prepare('SELECT postcode FROM p').pluck().all()).toEqual([...new Set(byKey)]);
    db.close();
    // Distinct postcodes, distinct keys.
    expect(new Set(pcs.map(postcodeKey)).size).toBe(new Set(pcs).size);
  });

  it('a district prefix covers its postcodes and no longer district', () => {
    const [from, to] = prefixRange('LS6 ');
    const inside = (pc: string) => postcodeKey(pc) >= from && postcodeKey(pc) < to;
    expect(['LS6 1AA', 'LS6 9ZZ', 'LS6 0AA'].every(inside)).toBe(true);
    expect(['LS61 1AA', 'LS60 1AA', 'LS5 9ZZ', 'LS7 1AA', 'LS6A 1AA'].some(inside)).toBe(false);
  });

  it('read in place exactly where checkPostcode reads a valid postcode, and the same one', () => {
    const next = random(3);
    const alphabet = `${LETTERS}${DIGITS}  abcz-.\u00a0`;
    const cells: string[] = [];
    // Every character at every position of every shape, others held valid.
    const chars = Array.from({ length: 128 }, (_, i) => String.fromCharCode(i));
    for (const pc of validPostcodes(60, 4)) {
      for (let i = 0; i < pc.length; i++) for (const c of chars) cells.push(pc.slice(0, i) + c + pc.slice(i + 1));
      cells.push(pc.replace(' ', ''), pc.replace(' ', '  '), ` ${pc}`, pc.toLowerCase());
    }
    // Random cells of 4 to 9 characters, mostly of postcode characters.
    for (let i = 0; i < 200000; i++) {
      const n = 4 + Math.floor(next() * 6);
      let s = '';
      for (let j = 0; j < n; j++) s += alphabet[Math.floor(next() * alphabet.length)];
      cells.push(s);
    }
    cells.push('GIR0AA', 'GIR 0AA', 'GIR 0AB', 'ZZ993VZ', 'ZZ99 3VZ');
    let accepted = 0;
    for (const cell of cells) {
      const trimmed = cell.trim();
      const key = validPostcodeKeyAt(trimmed, 0, trimmed.length);
      const check = checkPostcode(trimmed);
      if (key >= 0) {
        accepted++;
        expect(check.ok && !check.pseudo && postcodeKey(check.postcode) === key, cell).toBe(true);
      } else if (check.ok && !check.pseudo && /^[A-Z0-9 ]*$/.test(trimmed)) {
        // Upper case and spaces only, valid: the fast path must not send it the slow way.
        throw new Error(`${JSON.stringify(cell)} is valid but not read in place`);
      }
    }
    expect(accepted).toBeGreaterThan(1000);
  });
});

describe('cells read in place', () => {
  it('a plain decimal reads as Number() reads it; anything else is left to the slow path', () => {
    const next = random(5);
    for (let i = 0; i < 20000; i++) {
      const digits = Math.floor(next() * 15) + 1;
      const m = Math.floor(next() * 10 ** digits);
      const scale = Math.floor(next() * 10);
      const s = (next() < 0.5 ? '-' : '') + (scale ? `${Math.floor(m / 10 ** scale)}.${String(m % 10 ** scale).padStart(scale, '0')}` : String(m));
      expect(plainDecimalAt(`,${s},`, 1, s.length + 1), s).toBe(Number(s));
    }
    for (const s of ['56.080153', '-4.224042', '99.999999', '0', '-0', '.5', '5.', '007.50']) expect(Object.is(plainDecimalAt(s, 0, s.length), Number(s)), s).toBe(true);
    for (const s of ['', '-', '.', '1,234', '1e5', '+1', '12.5%', '1.2.3', '1234567890123456', ' 1']) expect(plainDecimalAt(s, 0, s.length), s).toBeNaN();
  });

  it('area codes pack one to one, and only upper-case codes up to ten characters', () => {
    const codes = ['E00000001', 'E00000010', 'E0000001', 'W01000001', 'S00000000', 'A', '0', '00', 'ZZZZZZZZZZ', '9999999999', 'E01'];
    const keys = codes.map((c) => areaCodeKey(c, 0, c.length));
    expect(new Set(keys).size).toBe(codes.length);
    expect(keys.every(Number.isSafeInteger)).toBe(true);
    for (const c of ['e00000001', 'E00000001XY', 'E 1', 'E-1']) expect(areaCodeKey(c, 0, c.length), c).toBe(-1);
  });
});
