// Test helper: compare to a stated number of significant figures, the
// precision the published reference values are quoted to.
import { expect } from 'vitest';

export function toSigFigs(value: number, figures: number): number {
  return Number(value.toPrecision(figures));
}

export function expectSigFigs(actual: number, reference: number, figures = 3): void {
  expect(toSigFigs(actual, figures)).toBe(toSigFigs(reference, figures));
}
