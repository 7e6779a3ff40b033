// Dissolves edge-sharing rings into one outline by cancelling every edge that
// appears in both directions. Exact on the shared 6 dp vertices, so an LSOA is
// precisely the union of its OAs, vertex for vertex.
import { signedArea, type Pt } from './planar';
import { vertexKey } from './zone-topology';

/** Returns [exterior, ...holes]: exterior counter-clockwise, holes clockwise. */
export function dissolveRings(rings: readonly Pt[][]): Pt[][] {
  const edges = new Map<string, [Pt, Pt]>();
  for (const ring of rings) {
    ring.forEach((a, i) => {
      const b = ring[(i + 1) % ring.length];
      const reverse = `${vertexKey(b)}>${vertexKey(a)}`;
      if (edges.has(reverse)) edges.delete(reverse);
      else edges.set(`${vertexKey(a)}>${vertexKey(b)}`, [a, b]);
    });
  }
  const outgoing = new Map<string, [Pt, Pt][]>();
  // Map iteration follows insertion order, which keeps the output deterministic.
  for (const edge of edges.values()) {
    const k = vertexKey(edge[0]);
    outgoing.set(k, [...(outgoing.get(k) ?? []), edge]);
  }
  const loops: Pt[][] = [];
  for (const first of edges.values()) {
    const list = outgoing.get(vertexKey(first[0]));
    if (!list || !list.includes(first)) continue;
    const loop: Pt[] = [];
    let edge: [Pt, Pt] | undefined = first;
    while (edge) {
      const from = outgoing.get(vertexKey(edge[0]))!;
      from.splice(from.indexOf(edge), 1);
      loop.push(edge[0]);
      const next = outgoing.get(vertexKey(edge[1]));
      edge = next && next.length > 0 ? next[0] : undefined;
    }
    loops.push(loop);
  }
  const exteriors = loops.filter((l) => signedArea(l) > 0);
  if (exteriors.length !== 1) throw new Error(`Dissolve gave ${exteriors.length} outer rings; group is not contiguous`);
  return [exteriors[0], ...loops.filter((l) => signedArea(l) < 0)];
}
