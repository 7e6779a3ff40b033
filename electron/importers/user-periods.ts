// Dates in service-user files, as UK systems export them, reduced to a period
// so that only the period (never the date) reaches the project.

export type PeriodKind = 'month' | 'quarter' | 'year' | 'financial-year';

/** yyyy-mm-dd[ time], dd/mm/yyyy, dd-mm-yyyy, dd.mm.yyyy, yyyymmdd, yyyy-mm -> [y, m, d]; null if not a date. */
export function parseUkDate(text: string): [number, number, number] | null {
  const t = text.trim();
  let m = /^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?(?:[T ].*)?$/.exec(t);
  let y: number, mo: number, d: number;
  if (m) [y, mo, d] = [Number(m[1]), Number(m[2]), m[3] ? Number(m[3]) : 1];
  else if ((m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?: .*)?$/.exec(t))) [y, mo, d] = [Number(m[3]), Number(m[2]), Number(m[1])];
  else if ((m = /^(\d{4})(\d{2})(\d{2})$/.exec(t))) [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else return null;
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null;
  if (y < 1900 || y > 2100) return null;
  return [y, mo, d];
}

export function periodOf([y, m]: [number, number, number], kind: PeriodKind): string {
  switch (kind) {
    case 'month':
      return `${y}-${String(m).padStart(2, '0')}`;
    case 'quarter':
      return `${y}-Q${Math.ceil(m / 3)}`;
    case 'year':
      return String(y);
    case 'financial-year': {
      // UK public-sector year: 1 April to 31 March, written 2023/24.
      const start = m >= 4 ? y : y - 1;
      return `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
    }
  }
}

const DASH = 45;
/** dd/mm/yyyy's separators: '-' '.' '/' are 45, 46, 47. */
const isSeparator = (c: number) => c >= DASH && c <= 47;

/** The 8 digits of text[a, a + 10) outside positions skip1 and skip2 as a number; -1 if any is not a digit. */
function digitsAt(text: string, a: number, skip1: number, skip2: number): number {
  let n = 0;
  for (let i = 0; i < 10; i++) {
    if (i === skip1 || i === skip2) continue;
    const c = text.charCodeAt(a + i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/**
 * A number that stands for the date text at text[a, b) when it has one of the two
 * shapes users files nearly always use, dd/mm/yyyy (or with . or -) and yyyy-mm-dd;
 * -1 otherwise. Equal numbers mean equal text, so a million rows' dates are looked
 * up by number without a string each (parseUkDate still reads each new one).
 */
export function dateKeyAt(text: string, a: number, b: number): number {
  if (b - a !== 10) return -1;
  const s2 = text.charCodeAt(a + 2);
  const s5 = text.charCodeAt(a + 5);
  let digits: number;
  let shape: number;
  if (isSeparator(s2) && isSeparator(s5)) {
    digits = digitsAt(text, a, 2, 5);
    shape = (s2 - DASH) * 3 + (s5 - DASH); // 0..8
  } else if (text.charCodeAt(a + 4) === DASH && text.charCodeAt(a + 7) === DASH) {
    digits = digitsAt(text, a, 4, 7);
    shape = 9;
  } else return -1;
  return digits < 0 ? -1 : digits * 16 + shape;
}
