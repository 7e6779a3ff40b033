// Aggregation up a hierarchy, for areas (OA → LSOA → MSOA …) and for segment
// levels (subgroup → group → supergroup). Both are a child → parent code map;
// values are summed, never averaged, so any count aggregates correctly.

/** child code → parent code (one level up). */
export type ParentMap = Record<string, string | null | undefined>;

/** Walk `steps` levels up; null when the chain runs out. */
export function ancestorOf(code: string, parentOf: ParentMap, steps: number): string | null {
  let current: string | null = code;
  for (let i = 0; i < steps && current !== null; i++) current = parentOf[current] ?? null;
  return current;
}

/** Sum values keyed by child code into their parents. Unmapped children are reported, not dropped silently. */
export function sumToParent(values: Record<string, number>, parentOf: ParentMap): { totals: Record<string, number>; unmapped: string[] } {
  const totals: Record<string, number> = {};
  const unmapped: string[] = [];
  for (const [code, value] of Object.entries(values)) {
    const parent = parentOf[code];
    if (parent == null) {
      unmapped.push(code);
      continue;
    }
    totals[parent] = (totals[parent] ?? 0) + value;
  }
  return { totals, unmapped };
}

/** Sum values up `steps` levels at once (e.g. OA straight to MSOA). */
export function sumUpLevels(values: Record<string, number>, parentOf: ParentMap, steps: number): { totals: Record<string, number>; unmapped: string[] } {
  let current = { totals: values, unmapped: [] as string[] };
  const unmapped: string[] = [];
  for (let i = 0; i < steps; i++) {
    current = sumToParent(current.totals, parentOf);
    unmapped.push(...current.unmapped);
  }
  return { totals: current.totals, unmapped };
}

/** Generic regrouping of keyed rows by a key function, summing a numeric field. */
export function sumBy<T>(rows: readonly T[], key: (row: T) => string | null, value: (row: T) => number): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const row of rows) {
    const k = key(row);
    if (k === null) continue;
    totals[k] = (totals[k] ?? 0) + value(row);
  }
  return totals;
}
