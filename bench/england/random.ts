// One seeded generator for every national input, so the files are the same
// bytes on every machine and a cached copy can be trusted by its version stamp.

/** Numerical Recipes' LCG: uniform in [0, 1), period 2^32 (ample for one file). */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}
