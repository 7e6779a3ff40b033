// Snapping, off-network legs and unreachable areas on hand-made networks.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../electron/routing/graph-build';
import { parseOsmXmlString } from '../../electron/routing/osm-xml';
import { accessFromSites } from '../../electron/routing/service-access';
import { buildSnapIndex, usableNodes } from '../../electron/routing/snap';
import { traveltimeCommand } from '../../electron/cli/commands/traveltime';
import { defaultProfile } from '../../shared/travel/profiles';
import { equatorNodes, SEGMENT_M, SMALL_NETWORK, way } from './fixtures';

// 1 —— 2 →→ 3 —— 4 : from a site near 4, nodes 1 and 2 cannot be reached by car.
const ONE_WAY_TRAP = `<osm version="0.6">
${equatorNodes([1, 2, 3, 4])}
${way(1, [1, 2], { highway: 'residential' })}
${way(2, [2, 3], { highway: 'residential', oneway: 'yes' })}
${way(3, [3, 4], { highway: 'residential' })}
</osm>`;

const site = (id: number, lon: number, lat: number) => ({ id, service: 's', name: `site ${id}`, type: null, lon, lat, openingHours: null });
const area = (code: string, lon: number, lat: number) => ({ code, name: null, lon, lat, source: 'postcodes' as const });

describe('snapping and access', () => {
  it('snaps to the nearest usable node, never to a fragment cut off from the main network', async () => {
    const g = buildGraph(await parseOsmXmlString(SMALL_NETWORK), defaultProfile('walk'));
    const usable = usableNodes(g);
    const ids = Array.from(g.nodeIds).filter((_, i) => usable[i]);
    expect(ids).toEqual([1, 2, 3, 4, 5, 6]); // 7, 8 have no edge; 10–12 are a separate ring
    const snap = buildSnapIndex(g, usable).snap(0.0111, 0)!; // right next to node 11
    expect(g.nodeIds[snap.node]).toBe(6);
  });

  it('adds the off-network walk at 4.8 km/h at both ends', async () => {
    const g = buildGraph(await parseOsmXmlString(ONE_WAY_TRAP), defaultProfile('walk'));
    // Site 0.0009° north of node 1, area 0.0009° north of node 3: walks of 0.9 × SEGMENT_M each.
    const r = accessFromSites(g, buildSnapIndex(g), [site(7, 0.001, 0.0009)], [area('A', 0.003, 0.0009)]);
    const walk = SEGMENT_M / (4.8 / 3.6);
    expect(r.areas[0].seconds).toBeCloseTo(2 * walk + 2 * 0.9 * walk, 3);
    expect(r.areas[0].siteId).toBe(7);
    expect(r.areas[0].snapMeters).toBeCloseTo(0.9 * SEGMENT_M, 3);
  });

  it('reports unreachable areas with null time instead of dropping them', async () => {
    const g = buildGraph(await parseOsmXmlString(ONE_WAY_TRAP), defaultProfile('drive'));
    const r = accessFromSites(g, buildSnapIndex(g), [site(1, 0.004, 0.0001)], [area('near1', 0.001, 0.0001), area('near3', 0.003, 0.0001)]);
    expect(r.areas.map((a) => [a.code, a.seconds === null, a.siteId])).toEqual([['near1', true, null], ['near3', false, 1]]);
  });
});

describe('cgm traveltime', () => {
  it('prints one JSON object, ascending node ids, sources at 0, unrounded seconds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cgm-tt-'));
    const file = join(dir, 'net.osm');
    writeFileSync(file, SMALL_NETWORK);
    let out = '';
    const io = { stdout: (t: string) => void (out += t), stderr: () => undefined };
    await traveltimeCommand.run({ network: file, mode: 'drive', 'from-node': '3,1' }, io);
    const parsed = JSON.parse(out) as Record<string, number>;
    expect(Object.keys(parsed)).toEqual(['1', '2', '3', '4']);
    expect(parsed['1']).toBe(0);
    expect(parsed['3']).toBe(0);
    expect(parsed['4']).toBeCloseTo(SEGMENT_M / (64 / 3.6), 9);
    expect(out.indexOf('"1"')).toBeLessThan(out.indexOf('"4"'));
    await expect(traveltimeCommand.run({ network: file, mode: 'drive', 'from-node': '6' }, io)).rejects.toThrow(/not on the network/);
  });
});
