// UK postcode normalisation and classification, shared by the postcode
// directory, service-user and site importers so "pr1 1aa", "PR11AA" and
// ONSPD's padded "PR1  1AA" all join.

export type PostcodeStatus = 'live' | 'terminated' | 'pseudo';

// Royal Mail's letter rules (no Q/V/X first, no I/J/Z second, inward letters
// exclude C I K M O V), plus the non-geographic GIR 0AA.
const VALID = /^(GIR 0AA|[A-PR-UWYZ][A-HK-Y]?[0-9][0-9A-HJKMNPR-Y]? [0-9][ABD-HJLNP-UW-Z]{2})$/;
// ZZ99 pseudo-postcodes (NHS "no fixed abode", "address not known", country codes).
const PSEUDO = /^ZZ99 ?[0-9][A-Z]{2}$/;

/** "pr101az" -> "PR10 1AZ"; null when it cannot be a postcode at all. */
export function normalisePostcode(raw: string): string | null {
  const compact = raw.toUpperCase().replace(/[^A-Z0-9]/g, '');
  if (compact.length < 5 || compact.length > 7) return null;
  return `${compact.slice(0, -3)} ${compact.slice(-3)}`;
}

export function isPseudoPostcode(normalised: string): boolean {
  return PSEUDO.test(normalised);
}

export function isValidPostcode(normalised: string): boolean {
  return VALID.test(normalised) || isPseudoPostcode(normalised);
}

export type PostcodeCheck =
  | { ok: true; postcode: string; pseudo: boolean }
  | { ok: false; reason: 'missing' | 'invalid format' };

export function checkPostcode(raw: string): PostcodeCheck {
  // Already in the normal form (a directory's pcds column, most users): no rebuilding.
  if (raw.length <= 8 && VALID.test(raw)) return { ok: true, postcode: raw, pseudo: false };
  if (raw.trim() === '') return { ok: false, reason: 'missing' };
  const postcode = normalisePostcode(raw);
  if (!postcode || !isValidPostcode(postcode)) return { ok: false, reason: 'invalid format' };
  return { ok: true, postcode, pseudo: isPseudoPostcode(postcode) };
}

/** The outward code (district): "PR10 1AZ" -> "PR10". */
export function outwardCode(normalised: string): string {
  const space = normalised.indexOf(' ');
  return space < 0 ? normalised : normalised.slice(0, space);
}

/** Directory status from a pseudo flag and ONSPD's `doterm` (yyyymm, empty when live). */
export function postcodeStatus(normalised: string, dateTerminated: string | undefined): PostcodeStatus {
  if (isPseudoPostcode(normalised)) return 'pseudo';
  return dateTerminated && dateTerminated.trim() !== '' ? 'terminated' : 'live';
}
