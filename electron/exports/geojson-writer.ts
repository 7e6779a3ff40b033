// GeoJSON as RFC 7946 asks: WGS 84 lon/lat (no "crs" member), polygon rings
// wound by the right-hand rule (exterior counter-clockwise, holes clockwise:
// §3.1.6), and coordinates to 6 decimal places (about 0.1 m, §11.2 says that
// is enough and it keeps files small). Pure: the caller reprojects and writes.
import type * as GeoJSON from 'geojson';

export const COORDINATE_DECIMALS = 6;

type Ring = GeoJSON.Position[];

const round = (v: number, dp: number) => {
  const f = 10 ** dp;
  // Avoids "-0" in the file, which some parsers keep as a distinct value.
  return Math.round(v * f) / f || 0;
};

/** Twice the signed area in the lon/lat plane: > 0 when the ring runs counter-clockwise. */
export function signedArea2(ring: Ring): number {
  let sum = 0;
  for (let i = 0, n = ring.length; i < n; i++) {
    const [x1, y1] = ring[i];
    const [x2, y2] = ring[(i + 1) % n];
    sum += x1 * y2 - x2 * y1;
  }
  return sum;
}

function roundRing(ring: Ring, dp: number): Ring {
  const out: Ring = [];
  for (const p of ring) {
    const q = [round(p[0], dp), round(p[1], dp)];
    const last = out[out.length - 1];
    // Rounding can make neighbours equal; a repeated vertex is noise to every reader.
    if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
  }
  const [first, last] = [out[0], out[out.length - 1]];
  if (first && (first[0] !== last[0] || first[1] !== last[1])) out.push([...first]);
  return out;
}

function orient(ring: Ring, counterClockwise: boolean): Ring {
  const ccw = signedArea2(ring) > 0;
  return ccw === counterClockwise ? ring : [...ring].reverse();
}

function polygon(rings: Ring[], dp: number): Ring[] {
  return rings
    .map((r) => roundRing(r, dp))
    .filter((r) => r.length >= 4)
    .map((r, i) => orient(r, i === 0));
}

/** The geometry rounded and rewound; the input is not changed. */
export function toRfc7946Geometry(g: GeoJSON.Geometry, dp = COORDINATE_DECIMALS): GeoJSON.Geometry {
  const pos = (p: GeoJSON.Position): GeoJSON.Position => [round(p[0], dp), round(p[1], dp)];
  switch (g.type) {
    case 'Point':
      return { type: 'Point', coordinates: g.coordinates.length ? pos(g.coordinates) : [] };
    case 'MultiPoint':
      return { type: 'MultiPoint', coordinates: g.coordinates.map(pos) };
    case 'LineString':
      return { type: 'LineString', coordinates: g.coordinates.map(pos) };
    case 'MultiLineString':
      return { type: 'MultiLineString', coordinates: g.coordinates.map((l) => l.map(pos)) };
    case 'Polygon':
      return { type: 'Polygon', coordinates: polygon(g.coordinates, dp) };
    case 'MultiPolygon':
      return { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => polygon(p, dp)).filter((p) => p.length > 0) };
    case 'GeometryCollection':
      return { type: 'GeometryCollection', geometries: g.geometries.map((x) => toRfc7946Geometry(x, dp)) };
  }
}

export interface GeoJsonDocumentInfo {
  /** Layer name; GDAL and QGIS use a top-level "name" as the layer name. */
  name: string;
  /** Foreign members (RFC 7946 §6.1) that travel with the data: disclosure note, attribution. */
  notes?: Record<string, string>;
}

function cleanProperties(props: GeoJSON.GeoJsonProperties): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(props ?? {})) out[k] = typeof v === 'number' && !Number.isFinite(v) ? null : v;
  return out;
}

/** A FeatureCollection as RFC 7946 text, one feature per line so diffs and `head` stay readable. */
export function toRfc7946(fc: GeoJSON.FeatureCollection, info: GeoJsonDocumentInfo, dp = COORDINATE_DECIMALS): string {
  const head = { type: 'FeatureCollection', name: info.name, ...(info.notes ?? {}) };
  const features = fc.features.map((f) =>
    JSON.stringify({
      type: 'Feature',
      ...(f.id !== undefined ? { id: f.id } : {}),
      geometry: f.geometry ? toRfc7946Geometry(f.geometry, dp) : null,
      properties: cleanProperties(f.properties),
    }),
  );
  const opening = JSON.stringify(head).slice(0, -1);
  return `${opening},"features":[\n${features.join(',\n')}\n]}\n`;
}
