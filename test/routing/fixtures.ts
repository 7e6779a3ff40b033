// Hand-made OSM XML for routing tests. Nodes lie on the equator 0.001° apart,
// so every segment's length is one arc of 0.001° on the sphere —
// checkable by hand, without a haversine: L = 6,371,008.8 m × π/180 × 0.001.

export const SEGMENT_M = (6_371_008.8 * Math.PI * 0.001) / 180; // 111.19508 m

export function equatorNodes(ids: number[]): string {
  return ids.map((id) => `  <node id="${id}" lat="0" lon="${(id * 0.001).toFixed(3)}"/>`).join('\n');
}

export function way(id: number, nodes: number[], tags: Record<string, string>): string {
  const nds = nodes.map((n) => `    <nd ref="${n}"/>`).join('\n');
  const tg = Object.entries(tags).map(([k, v]) => `    <tag k="${k}" v="${v}"/>`).join('\n');
  return `  <way id="${id}">\n${nds}\n${tg}\n  </way>`;
}

/** A small network exercising inclusion, one-way and missing-node rules. */
export const SMALL_NETWORK = `<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6" generator="test">
${equatorNodes([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])}
${way(10, [1, 2, 3], { highway: 'residential', name: 'High Street' })}
${way(11, [3, 4], { highway: 'primary', oneway: 'yes' })}
${way(12, [4, 5], { highway: 'primary', junction: 'roundabout', oneway: '-1' })}
${way(13, [5, 6], { highway: 'footway' })}
${way(14, [6, 7], { highway: 'service', access: 'private' })}
${way(15, [7, 99, 8], { highway: 'residential' })}
${way(16, [8, 9], { highway: 'proposed' })}
${way(17, [10, 11, 12, 10], { highway: 'pedestrian', area: 'yes' })}
${way(18, [1, 9], { building: 'yes' })}
  <relation id="1"><member type="way" ref="10" role=""/><tag k="type" v="route"/></relation>
</osm>
`;
