// A national road network as .osm.pbf: a jittered lattice over the OA cells
// with ≥5M nodes, streets split into ways of ~20 nodes, highway classes in
// realistic proportion (motorways as one-way carriageway pairs, ~80% minor
// roads) and one-way residential streets. Written as OSM XML straight into
// `osmium cat`, which writes the PBF: osmium is used here in the bench only.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { bngToWgs84InPlace } from '../../electron/importers/bng-wgs84';
import { lcg } from './random';
import { CELL, GRID_ORIGIN, gridSide } from './shapefile';

export interface RoadFacts { nodes: number; ways: number; oneway: number; side: number; spacing: number }

const WAY_NODES = 20;

/** The class of the index-th lattice line, and whether it is one way (1 forward, -1 against its node order). */
function lineClass(index: number, rand: () => number): { highway: string; oneway: 0 | 1 | -1; maxspeed?: string } {
  if (index % 60 === 0) return { highway: 'motorway', oneway: 1, maxspeed: '70 mph' };
  if (index % 60 === 1) return { highway: 'motorway', oneway: -1, maxspeed: '70 mph' };
  if (index % 20 === 0) return { highway: 'trunk' , oneway: 0 };
  if (index % 10 === 0) return { highway: 'primary', oneway: 0 };
  if (index % 5 === 0) return { highway: 'secondary', oneway: 0, maxspeed: '40 mph' };
  if (index % 5 === 3) return { highway: 'tertiary', oneway: 0 };
  const u = rand();
  return { highway: u < 0.15 ? 'unclassified' : u < 0.2 ? 'service' : 'residential', oneway: u > 0.92 ? (u > 0.97 ? -1 : 1) : 0, maxspeed: u < 0.5 ? '20 mph' : undefined };
}

export async function writeRoads(path: string, minNodes: number, areas: number): Promise<RoadFacts> {
  const extent = gridSide(areas) * CELL;
  const side = Math.ceil(Math.sqrt(minNodes));
  const spacing = extent / (side - 1);
  const rand = lcg(1066);
  const osmium = spawn('osmium', ['cat', '--no-progress', '-F', 'osm', '-o', path, '--overwrite', '-'], { stdio: ['pipe', 'inherit', 'inherit'] });
  const exited = once(osmium, 'exit');
  let parts: string[] = [];
  let size = 0;
  const write = async (text: string) => {
    parts.push(text);
    size += text.length;
    if (size < 1 << 20) return;
    const chunk = parts.join('');
    parts = []; size = 0;
    if (!osmium.stdin.write(chunk)) await once(osmium.stdin, 'drain');
  };
  await write(`<?xml version='1.0' encoding='UTF-8'?>\n<osm version="0.6" generator="cgm-bench">\n`);
  const id = (row: number, col: number) => row * side + col + 1;
  const xy = new Float64Array(side * 2);
  for (let row = 0; row < side; row++) {
    for (let col = 0; col < side; col++) {
      // Jitter a fifth of the spacing so edge lengths differ as real streets do.
      xy[col * 2] = GRID_ORIGIN + col * spacing + (rand() - 0.5) * spacing * 0.2;
      xy[col * 2 + 1] = GRID_ORIGIN + row * spacing + (rand() - 0.5) * spacing * 0.2;
    }
    bngToWgs84InPlace(xy);
    let line = '';
    for (let col = 0; col < side; col++) line += ` <node id="${id(row, col)}" version="1" lat="${xy[col * 2 + 1].toFixed(7)}" lon="${xy[col * 2].toFixed(7)}"/>\n`;
    await write(line);
  }
  let wayId = 0, oneway = 0;
  // Horizontal lines, then vertical, each cut into ways of WAY_NODES nodes sharing their end nodes.
  for (const horizontal of [true, false]) {
    for (let line = 0; line < side; line++) {
      const c = lineClass(line, rand);
      for (let start = 0; start < side - 1; start += WAY_NODES - 1) {
        const end = Math.min(side - 1, start + WAY_NODES - 1);
        let text = ` <way id="${++wayId}" version="1">\n`;
        for (let k = start; k <= end; k++) text += `  <nd ref="${horizontal ? id(line, k) : id(k, line)}"/>\n`;
        text += `  <tag k="highway" v="${c.highway}"/>\n`;
        if (c.oneway) { text += `  <tag k="oneway" v="${c.oneway === 1 ? 'yes' : '-1'}"/>\n`; oneway++; }
        if (c.maxspeed) text += `  <tag k="maxspeed" v="${c.maxspeed}"/>\n`;
        await write(text + ' </way>\n');
      }
    }
  }
  await write('</osm>\n');
  parts.length && osmium.stdin.write(parts.join(''));
  osmium.stdin.end();
  const [code] = await exited;
  if (code !== 0) throw new Error(`osmium cat exited with ${code}`);
  return { nodes: side * side, ways: wayId, oneway, side, spacing };
}
