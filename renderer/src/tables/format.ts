// Number formats for the tables (as the toolkit prints them, UK style) and the dialogs.
const whole = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const two = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const one = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

type Shown = number | '*' | null | undefined;

/** A suppressed count shows as the asterisk the disclosure rule uses; missing as an en dash. */
function shown(v: Shown, f: (n: number) => string): string {
  if (v === '*') return '*';
  if (v === null || v === undefined || !Number.isFinite(v)) return '–';
  return f(v);
}

export const fmtCount = (v: Shown) => shown(v, (n) => whole.format(n));
export const fmtPct = (v: Shown) => shown(v, (n) => two.format(n));
export const fmtPct1 = (v: Shown) => shown(v, (n) => `${one.format(n)}%`);
export const fmtRatio = (v: Shown) => shown(v, (n) => two.format(n));
export const fmtIndex = (v: Shown) => shown(v, (n) => whole.format(n));
export const fmtExpected = (v: Shown) => shown(v, (n) => one.format(n));

/** Sorting treats suppressed and missing values as smallest, so they gather at one end. */
export function sortValue(v: Shown | string): number | string {
  if (typeof v === 'string' && v !== '*') return v;
  return typeof v === 'number' && Number.isFinite(v) ? v : -Infinity;
}

/** A file's size for the import and export dialogs: "812 bytes", "4.7 KB", "38 KB", "9.2 MB". */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(n < 10 * 1024 ? 1 : 0)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

/** "1 area", "3 areas". */
export function areaCount(n: number): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? 'area' : 'areas'}`;
}
