// Writes the network as OSM XML 0.6, the format of an Overpass or JOSM export.
import { bngToLonLat } from './bng';
import type { RoadNetwork } from './road-network';
import { CENTRE_BNG } from './town-plan';

const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function roadsToOsmXml(net: RoadNetwork): string {
  const coords = net.nodes.map((n) => bngToLonLat([CENTRE_BNG[0] + n.at[0], CENTRE_BNG[1] + n.at[1]]));
  const lons = coords.map((c) => c[0]);
  const lats = coords.map((c) => c[1]);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<osm version="0.6" generator="cgm-demo">',
    `  <bounds minlat="${Math.min(...lats)}" minlon="${Math.min(...lons)}" maxlat="${Math.max(...lats)}" maxlon="${Math.max(...lons)}"/>`,
  ];
  net.nodes.forEach((n, i) => lines.push(`  <node id="${n.id}" lat="${coords[i][1]}" lon="${coords[i][0]}"/>`));
  for (const way of net.ways) {
    lines.push(`  <way id="${way.id}">`);
    for (const ref of way.nodeIds) lines.push(`    <nd ref="${ref}"/>`);
    for (const [k, v] of Object.entries(way.tags)) lines.push(`    <tag k="${escapeXml(k)}" v="${escapeXml(v)}"/>`);
    lines.push('  </way>');
  }
  lines.push('</osm>', '');
  return lines.join('\n');
}
