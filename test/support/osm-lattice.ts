// A square lattice of roads as OSM XML, for routing tests that need a network of
// a known size and shape (test/routing/national-isochrones.test.ts: a region-wide
// grid of primary roads; test/server/responsive-routing.test.ts: a million-node
// town of residential streets). Node (x, y) has id latticeNodeId(size, x, y); one
// way runs along each row and one up each column.

export interface Lattice {
  /** Nodes along each side. */
  size: number;
  /** Node (0, 0). */
  west: number;
  south: number;
  /** Degrees between neighbouring nodes. */
  dLon: number;
  dLat: number;
  /** The ways' highway tag, e.g. "primary" or "residential". */
  highway: string;
  /** Decimal places written for each coordinate (default 7, OSM's own). */
  digits?: number;
}

export const latticeNodeId = (size: number, x: number, y: number) => 1 + y * size + x;

/** A lattice `metres` between nodes, centred on (lon, lat). */
export function latticeAround(lon: number, lat: number, size: number, metres: number, highway: string): Lattice {
  const dLat = metres / 111_195;
  const dLon = dLat / Math.cos((lat * Math.PI) / 180);
  return { size, west: lon - (size / 2) * dLon, south: lat - (size / 2) * dLat, dLon, dLat, highway };
}

export function latticeOsmXml({ size, west, south, dLon, dLat, highway, digits = 7 }: Lattice): string {
  const id = (x: number, y: number) => latticeNodeId(size, x, y);
  const parts = ['<?xml version="1.0"?><osm version="0.6">'];
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) parts.push(`<node id="${id(x, y)}" lat="${(south + y * dLat).toFixed(digits)}" lon="${(west + x * dLon).toFixed(digits)}"/>`);
  }
  const way = (wid: number, ids: number[]) => `<way id="${wid}">${ids.map((n) => `<nd ref="${n}"/>`).join('')}<tag k="highway" v="${highway}"/></way>`;
  // Way ids past every node id, rows first.
  const firstWay = size * size + 1;
  for (let k = 0; k < size; k++) {
    parts.push(way(firstWay + k, Array.from({ length: size }, (_, x) => id(x, k))));
    parts.push(way(firstWay + size + k, Array.from({ length: size }, (_, y) => id(k, y))));
  }
  parts.push('</osm>');
  return parts.join('\n');
}
