import { describe, expect, it } from 'vitest';
import { buildGraph, nodeIndex } from '../../electron/routing/graph-build';
import { parseOsmXmlString } from '../../electron/routing/osm-xml';
import { travelTimesFromNodes } from '../../electron/routing/network';
import { defaultProfile } from '../../shared/travel/profiles';
import { SEGMENT_M, SMALL_NETWORK } from './fixtures';

const edgesOf = (g: ReturnType<typeof buildGraph>) =>
  Array.from(g.edgeSource, (s, e) => ({
    from: g.nodeIds[s], to: g.nodeIds[g.edgeTarget[e]], cost: g.edgeCost[e], reverse: g.edgeReverseCost[e], way: g.edgeWayId[e],
  }));

describe('OSM XML reading', () => {
  it('keeps highway ways with tags and node ids, and only the nodes they use', async () => {
    const osm = await parseOsmXmlString(SMALL_NETWORK);
    expect(osm.ways.map((w) => w.id)).toEqual([10, 11, 12, 13, 14, 15, 16, 17]);
    expect(osm.ways[0]).toEqual({ id: 10, tags: { highway: 'residential', name: 'High Street' }, nodeIds: [1, 2, 3] });
    expect(osm.nodes.count).toBe(12);
    expect(osm.nodes.indexOf(99)).toBe(-1);
    expect(osm.nodes.lon[osm.nodes.indexOf(4)]).toBeCloseTo(0.004, 12);
  });
});

describe('graph build (walk)', async () => {
  const osm = await parseOsmXmlString(SMALL_NETWORK);
  const g = buildGraph(osm, defaultProfile('walk'));
  const walkSecs = SEGMENT_M / (4.8 / 3.6);

  it('every node of an included way present in the file is a node, sorted by id', () => {
    // 6,7 only via excluded/half-missing ways: 7 and 8 stay (way 15 is included), 9 does not (way 16 is not).
    expect(Array.from(g.nodeIds)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12]);
  });
  it('one edge per consecutive pair, length / (4.8/3.6), no one-way, missing-node segments skipped', () => {
    const edges = edgesOf(g);
    expect(edges.map((e) => [e.from, e.to, e.way])).toEqual([
      [1, 2, 10], [2, 3, 10], [3, 4, 11], [4, 5, 12], [5, 6, 13], [10, 11, 17], [11, 12, 17], [12, 10, 17],
    ]);
    for (const e of edges.slice(0, 5)) {
      expect(e.cost).toBeCloseTo(walkSecs, 6);
      expect(e.reverse).toBe(e.cost);
    }
    expect(walkSecs).toBeCloseTo(83.39631, 4);
  });
  it('closed ways are ordinary ways', () => {
    expect(travelTimesFromNodes(g, [10])).toEqual([[10, 0], [11, expect.any(Number)], [12, expect.any(Number)]]);
  });
});

describe('graph build (drive)', async () => {
  const osm = await parseOsmXmlString(SMALL_NETWORK);
  const g = buildGraph(osm, defaultProfile('drive'));
  const res = SEGMENT_M / (32 / 3.6);
  const pri = SEGMENT_M / (64 / 3.6);

  it('excludes footways, private service roads and unknown highway values', () => {
    expect(Array.from(g.nodeIds)).toEqual([1, 2, 3, 4, 5, 7, 8]);
  });
  it('oneway=yes is forward only; a roundabout tagged oneway=-1 runs backward', () => {
    const e = edgesOf(g);
    expect(e.find((x) => x.way === 11)).toMatchObject({ from: 3, to: 4, reverse: -1 });
    expect(e.find((x) => x.way === 11)!.cost).toBeCloseTo(pri, 9);
    expect(e.find((x) => x.way === 12)).toMatchObject({ from: 4, to: 5, cost: -1 });
  });
  it('travel times sum unrounded edge costs and respect direction', () => {
    const from1 = new Map(travelTimesFromNodes(g, [1]));
    expect([...from1.keys()]).toEqual([1, 2, 3, 4]);
    expect(from1.get(3)).toBeCloseTo(2 * res, 9);
    expect(from1.get(4)).toBe(g.edgeCost[0] + g.edgeCost[1] + g.edgeCost[2]);
    const from5 = new Map(travelTimesFromNodes(g, [5]));
    expect([...from5.keys()]).toEqual([4, 5]);
  });
  it('several sources: each node gets the time of its nearest source', () => {
    const t = new Map(travelTimesFromNodes(g, [1, 3]));
    expect(t.get(1)).toBe(0);
    expect(t.get(3)).toBe(0);
    expect(t.get(2)).toBeCloseTo(res, 9);
    expect(t.get(4)).toBeCloseTo(pri, 9);
  });
  it('rejects a source that is not a graph node', () => {
    expect(nodeIndex(g, 6)).toBe(-1);
    expect(() => travelTimesFromNodes(g, [6])).toThrow(/not on the network/);
  });
});
