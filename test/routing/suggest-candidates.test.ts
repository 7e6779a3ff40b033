// Candidate sources for `cgm suggest` on hand-made networks: nodes on the
// equator 0.001° (SEGMENT_M ≈ 111.195 m) apart, so every figure is checkable by hand.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildGraph, type RoadGraph } from '../../electron/routing/graph-build';
import { parseOsmXmlString } from '../../electron/routing/osm-xml';
import { usableNodes } from '../../electron/routing/snap';
import { coverSets } from '../../electron/routing/suggest';
import { areaCandidates, listCandidates, nodeCandidates, readCandidateList } from '../../electron/routing/suggest-candidates';
import { greedyMaxCover } from '../../shared/travel/max-cover';
import { defaultProfile } from '../../shared/travel/profiles';
import { equatorNodes, SEGMENT_M, way } from './fixtures';

// 1 — 2 — … — 8 in a line, plus 20 — 21, a fragment no candidate may use.
const LINE = `<osm version="0.6">
${equatorNodes([1, 2, 3, 4, 5, 6, 7, 8, 20, 21])}
${way(1, [1, 2, 3, 4, 5, 6, 7, 8], { highway: 'residential' })}
${way(2, [20, 21], { highway: 'residential' })}
</osm>`;

// 1 — 2 →→ 3 — 4: by car, 4 cannot get back to 1 or 2.
const ONE_WAY = `<osm version="0.6">
${equatorNodes([1, 2, 3, 4])}
${way(1, [1, 2], { highway: 'residential' })}
${way(2, [2, 3], { highway: 'residential', oneway: 'yes' })}
${way(3, [3, 4], { highway: 'residential' })}
</osm>`;

const graphOf = async (xml: string, mode: 'walk' | 'drive') => buildGraph(await parseOsmXmlString(xml), defaultProfile(mode));
const idx = (g: RoadGraph, id: number) => Array.from(g.nodeIds).indexOf(id);
const at = (g: RoadGraph, id: number) => ({ node: idx(g, id), meters: 0, seconds: 0 });
const ids = (g: RoadGraph, nodes: number[]) => nodes.map((n) => g.nodeIds[n]);

describe('suggest candidates', () => {
  it('areas: one candidate per area point, named by its code', () => {
    const c = areaCandidates([{ code: 'E1', name: 'North', lon: 0.001, lat: 0.0005, source: 'postcodes' }]);
    expect(c).toEqual([{ source: 'area', ref: 'E1', name: 'North', lon: 0.001, lat: 0.0005 }]);
  });

  it('nodes: one usable node per grid cell, the one nearest the cell centre', async () => {
    const g = await graphOf(LINE, 'walk');
    const usable = usableNodes(g);
    // x = 111.2 i m. 200 m cells: [1] 111 | [2 222, 3 334] | [4 445, 5 556] | [6 667, 7 778] | [8 890];
    // centres 100, 300, 500, 700, 900 → 1 (11 m off), 3 (34), 4 (55 against 56), 6 (33), 8 (10).
    const c = nodeCandidates(g, usable, 200);
    expect(c.map((x) => x.ref)).toEqual(['1', '3', '4', '6', '8']);
    expect(c.every((x) => x.source === 'node' && x.node !== undefined && g.nodeIds[x.node] === Number(x.ref))).toBe(true);
    // One 1 km cell holds all of 1–8 (0–890 m): centre 500 m, so node 4 (445 m); the fragment 20–21 never appears.
    expect(nodeCandidates(g, usable, 1000).map((x) => x.ref)).toEqual(['4']);
    expect(SEGMENT_M * 4).toBeCloseTo(444.78, 2);
  });

  it('list: reads name,lat,lon in any column order, and names the file, row, field and value of a bad one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cgm-cand-'));
    const good = join(dir, 'places.csv');
    writeFileSync(good, 'lon,Name,lat\n0.002,Library,0.0001\n"0.005","Old school, annexe",-0.0002\n');
    const list = await readCandidateList(good);
    expect(list).toEqual([{ name: 'Library', lon: 0.002, lat: 0.0001 }, { name: 'Old school, annexe', lon: 0.005, lat: -0.0002 }]);
    expect(listCandidates(list)[1]).toEqual({ source: 'list', ref: 'Old school, annexe', name: 'Old school, annexe', lon: 0.005, lat: -0.0002 });
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'name,lat,lon\nA,0,0.001\nB,north,0.002\n');
    await expect(readCandidateList(bad)).rejects.toThrow('bad.csv row 3, lat: "north" is not a latitude');
    writeFileSync(bad, 'name,latitude,lon\nA,0,0.001\n');
    await expect(readCandidateList(bad)).rejects.toThrow(/bad.csv row 1: no column "lat"/);
  });

  it('cover sets: site → area times, the same whichever side the searches start from', async () => {
    // Walking, one segment is 83.4 s: within 3 minutes (180 s) a candidate reaches 2 segments (167 s), not 3 (250 s).
    const walk = await graphOf(LINE, 'walk');
    const demand = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => at(walk, n));
    const cand = [at(walk, 1), at(walk, 5)];
    const forward = coverSets(walk.csr, cand, demand, 180); // 2 candidates ≤ 8 demand points: forward searches
    expect(forward).toEqual([[0, 1, 2], [2, 3, 4, 5, 6]]);
    const many = [1, 5, 2, 3, 4, 6, 7, 8, 1].map((n) => at(walk, n)); // 9 > 8: backward searches
    expect(coverSets(walk.csr, many, demand, 180).slice(0, 2)).toEqual(forward);

    // By car 1 → 4 is open (12.5 s a segment at 32 km/h) but 4 → 1 is not: covers follow the site → area direction.
    const drive = await graphOf(ONE_WAY, 'drive');
    const dDemand = [1, 2, 3, 4].map((n) => at(drive, n));
    const fwd = coverSets(drive.csr, [at(drive, 1), at(drive, 4)], dDemand, 60);
    expect(fwd.map((s) => ids(drive, s.map((d) => dDemand[d].node)))).toEqual([[1, 2, 3, 4], [3, 4]]);
    const back = coverSets(drive.csr, [1, 4, 2, 3, 4].map((n) => at(drive, n)), dDemand.slice(0, 4), 60);
    expect(back.slice(0, 2)).toEqual(fwd);
    // An off-network walk counts at both ends: 0.9 segment at 4.8 km/h (75 s) from a candidate beside node 1.
    const offset = { ...at(drive, 1), seconds: 75 };
    expect(coverSets(drive.csr, [offset], dDemand, 100)).toEqual([[0, 1]]); // 75 + 12.5 ≤ 100 < 75 + 25
  });

  it('greedy on hand-checked cover sets: covered need after each added site', async () => {
    const walk = await graphOf(LINE, 'walk');
    const demand = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => at(walk, n));
    const nodes = nodeCandidates(walk, usableNodes(walk), 200); // nodes 1, 3, 4, 6, 8
    const sets = coverSets(walk.csr, nodes.map((c) => at(walk, Number(c.ref))), demand, 180);
    expect(sets).toEqual([[0, 1, 2], [0, 1, 2, 3, 4], [1, 2, 3, 4, 5], [3, 4, 5, 6, 7], [5, 6, 7]]);
    const need = [1, 1, 1, 1, 1, 10, 10, 10];
    // Node 6 covers 4–8: 1+1+10+10+10 = 32; then nodes 1 and 3 both add 1–3 = 3, and the first listed (1) wins the tie.
    const r = greedyMaxCover(need, sets.map((covers, i) => ({ id: nodes[i].ref, covers })), 2);
    expect(r.picks).toEqual([{ id: '6', gain: 32, coveredNeed: 32 }, { id: '1', gain: 3, coveredNeed: 35 }]);
  });
});
