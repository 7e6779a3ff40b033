// Isochrones over a national extent: past MAX_GRID_CELLS the grid's cells grow
// (England's 100 m drive grid would be ~20M cells a band), the size used is
// stated with the bands, and the bands cover the same ground as on the fine
// grid: the fine grid's bands are the reference (test/routing/isobands.test.ts
// checks those against hand-computed times, turf and GDAL).
import * as turf from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { multiSourceDijkstra } from '../../electron/routing/dijkstra';
import { buildGraph } from '../../electron/routing/graph-build';
import { isochrones, MAX_GRID_CELLS } from '../../electron/routing/isochrones';
import { parseOsmXmlString } from '../../electron/routing/osm-xml';
import { defaultProfile } from '../../shared/travel/profiles';
import { latticeNodeId, latticeOsmXml } from '../support/osm-lattice';

// A 111 × 111 lattice of primary roads 0.03° apart (3.3 km north–south, 2.1 km east–west at 51°N):
// 330 km × 230 km, as wide as a region of England. Two sites in opposite corners, so the reached
// extent spans the whole lattice while the reached ground (20 minutes around each) stays small.
const N = 111;
const LATTICE = { size: N, west: -3, south: 50, dLon: 0.03, dLat: 0.03, highway: 'primary', digits: 4 };

describe('isochrones over a national extent', () => {
  it('grow the grid cell past MAX_GRID_CELLS, say so, and cover the ground the 100 m grid does', async () => {
    const graph = buildGraph(await parseOsmXmlString(latticeOsmXml(LATTICE)), defaultProfile('drive'));
    const ids = Array.from(graph.nodeIds);
    const sites = [ids.indexOf(latticeNodeId(N, 5, 5)), ids.indexOf(latticeNodeId(N, N - 6, N - 6))].map((node) => ({ node }));
    const times = multiSourceDijkstra(graph.csr, sites);
    const minutes = [10, 20];

    const national = isochrones(graph, times, { minutes, mode: 'drive', rings: 'incremental' });
    const reference = isochrones(graph, times, { minutes, mode: 'drive', rings: 'incremental', cellMeters: 100 });
    expect(reference.cellMetres).toBe(100);
    // ~330 km × 230 km at 100 m is ~7.6M cells, over the cap: the cell grows in 50 m steps to fit.
    expect(national.cellMetres).toBeGreaterThan(100);
    expect(national.cellMetres % 50).toBe(0);
    const cellsAt = (cell: number) => (330_000 / cell) * (230_000 / cell);
    expect(cellsAt(100)).toBeGreaterThan(MAX_GRID_CELLS);
    expect(cellsAt(national.cellMetres)).toBeLessThan(MAX_GRID_CELLS * 1.1);

    expect(national.features.map((f) => [f.properties!.fromMinutes, f.properties!.minutes])).toEqual([[0, 10], [10, 20]]);
    for (let k = 0; k < minutes.length; k++) {
      const coarse = turf.area(national.features[k]), fine = turf.area(reference.features[k]);
      // Two sites' 20-minute reach on primary roads: tens of km² each. The coarser cell moves each
      // edge by well under a cell, a few per cent of a band this size.
      console.log(`band ${minutes[k]}: cell ${national.cellMetres} m ${(coarse / 1e6).toFixed(2)} km², 100 m ${(fine / 1e6).toFixed(2)} km²`);
      expect(fine).toBeGreaterThan(20e6);
      expect(Math.abs(coarse - fine) / fine, `band ${minutes[k]} min: ${(coarse / 1e6).toFixed(1)} vs ${(fine / 1e6).toFixed(1)} km²`).toBeLessThan(0.05);
      // And the same places: the coarse band's overlap with the fine one is nearly all of both.
      const shared = turf.area(turf.intersect(turf.featureCollection([national.features[k], reference.features[k]]) as never)!);
      expect(shared / fine).toBeGreaterThan(0.93);
    }
  }, 120_000);
});
