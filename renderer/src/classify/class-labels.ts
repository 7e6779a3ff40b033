// Legend labels for graduated classes. Three significant figures read well,
// but two thresholds close together (8.996 and 9.004) both print as "9", and a
// legend that says "9 to under 9" misleads a room. Precision grows until every
// threshold shown reads differently from its neighbours.

const MAX_DIGITS = 12;

// One formatter per precision, made once: every layer row and the legend label their classes on
// each render (a recolour), and making an Intl.NumberFormat costs far more than using one.
const formatters = new Map<number, (v: number) => string>();

function formatter(digits: number): (v: number) => string {
  let f = formatters.get(digits);
  if (f) return f;
  // Hundreds and more read as whole numbers first (1,250, not 1.25E3); then decimals as needed.
  const large = new Intl.NumberFormat('en-GB', { maximumFractionDigits: Math.max(0, digits - 3) });
  const small = new Intl.NumberFormat('en-GB', { maximumSignificantDigits: digits });
  f = (v) => (Math.abs(v) >= 100 ? large.format(v) : small.format(v));
  formatters.set(digits, f);
  return f;
}

/** The fewest-digit formatter (three significant figures at least) that tells neighbouring `values` apart. */
export function distinctFormat(values: readonly number[]): (v: number) => string {
  for (let digits = 3; digits <= MAX_DIGITS; digits++) {
    const f = formatter(digits);
    const shown = values.map(f);
    if (shown.every((s, i) => i === 0 || s !== shown[i - 1] || values[i] === values[i - 1])) return f;
  }
  return formatter(MAX_DIGITS);
}

/**
 * "a to under b" for each class whose lower bounds are `lower` (the minimum,
 * then each break), the last "a and over" (with `unit` when given: "8 users and over").
 */
export function classRangeLabels(lower: readonly number[], unit = ''): string[] {
  const f = distinctFormat(lower);
  const over = unit ? ` ${unit} and over` : ' and over';
  return lower.map((v, k) => (k === lower.length - 1 ? `${f(v)}${over}` : `${f(v)} to under ${f(lower[k + 1])}`));
}
