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
