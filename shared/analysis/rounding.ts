// Rounding used for every published figure.
//
// Rule: round half away from zero, applied to the exact value. When a figure
// is a ratio of whole numbers (users / base × 100) we round the rational number
// itself with integer arithmetic, so a true tie such as 0.125 rounds up and a
// value that merely prints as a tie in binary floating point (0.1249999…) is
// judged on what it really is. Rounding a value that was itself already
// rounded is never done: the toolkit's index (51 for group A) only comes out
// right from the exact percentages, not from the 2-decimal ones.

/** Round half away from zero to `dp` decimals (floating-point input). */
export function roundHalfAway(value: number, dp = 0): number {
  if (!Number.isFinite(value)) return value;
  const factor = 10 ** dp;
  const scaled = Math.abs(value) * factor;
  // The epsilon nudge treats 2.675 (stored as 2.67499999…) as the tie it was typed as.
  const rounded = Math.floor(scaled + 0.5 + Number.EPSILON * scaled * 4);
  return (Math.sign(value) * rounded) / factor;
}

/**
 * Round (numerator / denominator) × scale to `dp` decimals, exactly, when all
 * inputs are safe integers; otherwise fall back to floating point.
 */
export function roundRatio(numerator: number, denominator: number, scale: number, dp: number): number {
  if (denominator === 0) return NaN;
  const factor = 10 ** dp;
  const allIntegers = [numerator, denominator, scale, factor].every(Number.isSafeInteger);
  if (!allIntegers) return roundHalfAway((numerator / denominator) * scale, dp);
  const negative = numerator < 0 !== denominator < 0;
  const num = BigInt(Math.abs(numerator)) * BigInt(scale) * BigInt(factor);
  const den = BigInt(Math.abs(denominator));
  let quotient = num / den;
  const remainder = num % den;
  if (remainder * 2n >= den) quotient += 1n;
  const result = Number(quotient) / factor;
  return negative ? -result : result;
}
