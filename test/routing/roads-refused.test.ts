// A damaged road file never replaces a good network: the CLI and the app apply
// the one rule (checkRoadYield) and the project stays byte for byte as it was.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pbfBlocks, memorySource } from '../../electron/routing/pbf-blobs';
import { importHandlers } from '../../electron/services/import-handlers';
import { ProjectSession } from '../../electron/services/project-session';
import { createProject, openProject } from '../../electron/store/project';
import { runCli } from '../cli/capture';
import { count, sha256, tempDir } from '../importers/helpers';
import { highwayBlock } from './pbf-writer';
import { rutland, RUTLAND_PBF } from './rutland';
import { quietContext } from '../support/handler-call';

const tmp = tempDir('cgm-roads-refused-');
const P = join(tmp.dir, 'roads.gpkg');
const variants: Record<string, Buffer> = {};
let hash = '';

/** Deterministic bytes (xorshift), so a failure can be replayed. */
function noise(n: number, seed = 20): Buffer {
  const out = Buffer.alloc(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

function roadCounts() {
  const p = openProject(P);
  try {
    return { ways: count(p, 'SELECT count(*) FROM cgm_osm_ways'), nodes: count(p, 'SELECT count(*) FROM cgm_osm_nodes'), roads: count(p, 'SELECT count(*) FROM roads') };
  } finally {
    p.close();
  }
}

let good = { ways: 0, nodes: 0, roads: 0 };

beforeAll(async () => {
  createProject(P).close();
  const first = await runCli(['import', 'roads', '--project', P, '--file', RUTLAND_PBF]);
  expect(first.code).toBe(0);
  // 4,461 highway ways in the Geofabrik Rutland extract the data README describes.
  expect(JSON.parse(first.stdout)).toMatchObject({ ways: 4461 });
  good = roadCounts();
  hash = sha256(P);

  const real = readFileSync(RUTLAND_PBF);
  const offsets: number[] = [];
  for await (const b of pbfBlocks(memorySource(real))) offsets.push(b.offset);
  // Sorted extracts hold all nodes first; block 17 is the first holding ways.
  const nodesOnly = real.subarray(0, offsets[16]);
  const osm = await rutland();
  const [a, b] = osm.ways;
  variants['empty.osm.pbf'] = Buffer.alloc(0);
  variants['half.osm.pbf'] = real.subarray(0, real.length >> 1);
  variants['random.osm.pbf'] = noise(real.length);
  variants['nodes-only.osm.pbf'] = nodesOnly;
  // Two real highways after 730 KB of nodes: a file this size holds hundreds.
  variants['two-roads.osm.pbf'] = Buffer.concat([nodesOnly, highwayBlock([{ id: a.id, refs: a.nodeIds }, { id: b.id, refs: b.nodeIds }])]);
  variants['empty.osm'] = Buffer.alloc(0);
  variants['cut.osm'] = Buffer.from('<?xml version="1.0"?>\n<osm version="0.6"><node id="1" lat="52.6" lon="-0.7"/><way id="2"><nd ref="1"/><tag k="highway" v="resid');
  variants['no-roads.osm'] = Buffer.from('<?xml version="1.0"?>\n<osm version="0.6"><node id="1" lat="52.6" lon="-0.7"/></osm>\n');
  // Ids that are not whole numbers (the fuzz harness's "datatype mismatch"): lines 3 to 6 hold two nodes and two ways.
  const osmXml = (nodeId: string, wayId: string) => Buffer.from(
    `<?xml version="1.0"?>\n<osm version="0.6">\n<node id="1" lat="52.6" lon="-0.7"/>\n<node id="${nodeId}" lat="52.61" lon="-0.7"/>\n` +
      `<way id="3"><nd ref="1"/><nd ref="${nodeId}"/><tag k="highway" v="residential"/></way>\n<way id="${wayId}"><nd ref="1"/><nd ref="${nodeId}"/><tag k="highway" v="service"/></way>\n</osm>\n`,
  );
  variants['node-id.osm'] = osmXml('2.5', '4');
  variants['way-id.osm'] = osmXml('2', '4.5');
  for (const [name, bytes] of Object.entries(variants)) writeFileSync(join(tmp.dir, name), bytes);
}, 120_000);
afterAll(() => tmp.cleanup());

const EXPECTED: [string, RegExp][] = [
  ['empty.osm.pbf', /^empty\.osm\.pbf: the file is empty/],
  ['half.osm.pbf', /^half\.osm\.pbf: not a readable OpenStreetMap PBF file, block \d+ \(byte \d+\): file ends inside a block \(truncated\?\)$/],
  ['random.osm.pbf', /^random\.osm\.pbf: not a readable OpenStreetMap PBF file, block 1 \(byte 0\): header length \d+ is outside 1\.\.65536 bytes/],
  ['nodes-only.osm.pbf', /^nodes-only\.osm\.pbf: no highways \(OSM ways tagged highway=\*\) in the file; the project's roads were kept$/],
  ['two-roads.osm.pbf', /^two-roads\.osm\.pbf: only 2 highways in 730 KB, far fewer than an OpenStreetMap extract of that size holds/],
  ['empty.osm', /^empty\.osm: the file is empty/],
  ['cut.osm', /^cut\.osm: not readable OSM XML \(/],
  ['no-roads.osm', /^no-roads\.osm: no highways/],
  ['node-id.osm', /^node-id\.osm node 2 \(line 4\), field "id": "2\.5", expected an OSM id \(a whole number\)$/],
  ['way-id.osm', /^way-id\.osm way 2 \(line 6\), field "id": "4\.5", expected an OSM id \(a whole number\)$/],
];

describe('cgm import roads refuses a damaged file and keeps the network', () => {
  it.each(EXPECTED)('%s', async (name, message) => {
    const r = await runCli(['import', 'roads', '--project', P, '--file', join(tmp.dir, name)]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.startsWith('cgm import roads: ')).toBe(true);
    expect(r.stderr.slice('cgm import roads: '.length, -1)).toMatch(message);
    expect(roadCounts()).toEqual(good);
    expect(sha256(P)).toBe(hash);
  });
});

describe('the app refuses the same files with the same words', () => {
  const ctx = quietContext;
  let session: ProjectSession;
  beforeAll(() => {
    session = new ProjectSession(P);
  });
  afterAll(() => session.close());

  it.each(EXPECTED)('%s', async (name, message) => {
    const h = importHandlers(session);
    const data = variants[name];
    // An empty file is already refused when its upload begins; the rest when imported.
    const error = await (async () => {
      const { uploadId, chunkBytes } = await h.beginImportUpload({ name, size: data.length }, ctx());
      for (let offset = 0; offset < data.length; offset += chunkBytes) {
        await h.putImportChunk({ uploadId, part: 'main', offset, dataBase64: data.subarray(offset, offset + chunkBytes).toString('base64') }, ctx());
      }
      const staged = await h.finishImportUpload({ uploadId }, ctx());
      try {
        await h.runImport({ fileId: staged.fileId, kind: 'roads', options: {} }, ctx());
      } finally {
        await h.discardImportFile({ fileId: staged.fileId }, ctx());
      }
    })().then(() => null, (e: Error) => e);
    expect(error?.message).toMatch(message);
    expect(roadCounts()).toEqual(good);
  });

  it('left the project file unchanged', () => {
    session.close();
    expect(sha256(P)).toBe(hash);
  });
});
