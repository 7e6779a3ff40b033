// The kept travel trees (electron/routing/travel-memo.ts): a band table asked
// again, or after the isochrones of the same sites, is answered without routing
// or snapping again, and equals the table worked out from nothing; every input
// that changes the answer (a real site moved, a what-if site added, the speeds,
// the roads re-imported) gives the fresh answer, never the kept one. Each
// change is checked to change the table, so a stale answer could not pass.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { importSites } from '../../electron/importers/index';
import { projectBands, type ProjectBandsRequest } from '../../electron/routing/project-bands';
import { importRoads } from '../../electron/routing/roads-import';
import { serviceAccess, serviceTimes } from '../../electron/routing/service-access';
import { clearTravelMemo, TRAVEL_MEMO_IDLE_MS, travelMemoCounts } from '../../electron/routing/travel-memo';
import { setProposedSites } from '../../electron/services/proposed-sites';
import type { TravelProfile } from '../../shared/domain';
import { defaultProfile } from '../../shared/travel/profiles';
import { buildDemoRoutingProject, type DemoProject } from './demo-project';

const SERVICE = 'Stop smoking';

describe('kept travel trees', () => {
  let demo: DemoProject;
  beforeAll(async () => {
    demo = await buildDemoRoutingProject();
  });
  afterAll(() => demo?.project.close());

  const request = (profile: TravelProfile = defaultProfile('walk'), includeProposed = false): ProjectBandsRequest =>
    ({ service: SERVICE, profile, indicator: 'Smoking', includeProposed });
  /** What a band table computed afresh: routed and snapped anew against nothing kept. */
  const counting = <T>(run: () => T) => {
    const before = { ...travelMemoCounts };
    const value = run();
    return { value, routed: travelMemoCounts.treesRouted - before.treesRouted, snapped: travelMemoCounts.pointsSnapped - before.pointsSnapped, graphs: travelMemoCounts.graphsLoaded - before.graphsLoaded };
  };
  const fresh = (req: ProjectBandsRequest) => {
    clearTravelMemo();
    const run = counting(() => projectBands(demo.project, req));
    expect(run.routed).toBe(1);
    return run.value;
  };

  it('a second band table, and one after the isochrones of the same sites, route and snap nothing and equal a fresh table', () => {
    clearTravelMemo();
    const first = counting(() => projectBands(demo.project, request()));
    expect([first.graphs, first.routed, first.snapped]).toEqual([1, 1, 1]);
    const second = counting(() => projectBands(demo.project, request()));
    expect([second.graphs, second.routed, second.snapped]).toEqual([0, 0, 0]);
    expect(second.value).toEqual(first.value);
    expect(second.value).toEqual(fresh(request()));

    clearTravelMemo();
    // The isochrones (map-handlers.ts getIsochrones, cgm isochrones, the export) route the same sites but
    // neither read nor snap the area points; the band table after them routes nothing and snaps its areas.
    const isochrones = counting(() => serviceTimes(demo.project, { service: SERVICE, profile: defaultProfile('walk'), existingOnly: true }));
    expect([isochrones.graphs, isochrones.routed, isochrones.snapped]).toEqual([1, 1, 0]);
    const after = counting(() => projectBands(demo.project, request()));
    expect([after.graphs, after.routed, after.snapped]).toEqual([0, 0, 1]);
    expect(after.value).toEqual(first.value);
    expect(first.value.table.rows.length).toBeGreaterThan(0);
  });

  it('refuses a band table on a base, scheme or level the project lacks before it loads a graph or routes', () => {
    clearTravelMemo();
    const refused = (req: Partial<ProjectBandsRequest>, message: string) => {
      const run = counting(() => {
        try {
          projectBands(demo.project, { ...request(), ...req });
          return null;
        } catch (error) {
          return (error as Error).message;
        }
      });
      expect(run.value).toContain(message);
      expect([run.graphs, run.routed]).toEqual([0, 0]);
    };
    refused({ base: 'households' }, 'no households base');
    refused({ scheme: 'Mosaic' }, 'no segmentation scheme "Mosaic"');
    refused({ segmentLevel: 'planet' }, 'no segment level "planet"');
  });

  it('a what-if site added is routed afresh; the kept table without it is still the one for existing sites', () => {
    clearTravelMemo();
    const without = projectBands(demo.project, request(undefined, true));
    // Far out to the west of the town, where the existing sites are slow to reach.
    const access = serviceAccess(demo.project, { service: SERVICE, profile: defaultProfile('walk'), existingOnly: true });
    const farthest = access.areas.reduce((a, b) => ((b.seconds ?? 0) > (a.seconds ?? 0) ? b : a));
    setProposedSites(demo.project, SERVICE, [{ name: 'Trial', lon: farthest.lon, lat: farthest.lat }]);
    try {
      const run = counting(() => projectBands(demo.project, request(undefined, true)));
      expect(run.routed).toBe(1);
      expect(run.value.proposedSites).toBe(1);
      expect(run.value.table).not.toEqual(without.table);
      expect(run.value).toEqual(fresh(request(undefined, true)));
      // Existing sites only: the same sources as before the what-if, so the kept tree is right.
      expect(projectBands(demo.project, request()).table).toEqual(without.table);
    } finally {
      setProposedSites(demo.project, SERVICE, []);
    }
  });

  it('a real site moved (sites re-imported) is routed afresh', async () => {
    clearTravelMemo();
    const before = projectBands(demo.project, request());
    const file = join(demo.dir, 'service_sites.csv');
    const original = readFileSync(file, 'utf8');
    const lines = original.split('\n');
    // The first site (the health centre) moves ~2 km north-west.
    const cells = lines[1].split(',');
    cells[2] = (Number(cells[2]) + 0.012).toFixed(6);
    cells[3] = (Number(cells[3]) - 0.02).toFixed(6);
    const moved = join(demo.dir, 'service_sites_moved.csv');
    writeFileSync(moved, [lines[0], cells.join(','), ...lines.slice(2)].join('\n'));
    const options = { service: SERVICE, nameField: 'site_name', typeField: 'site_type', latField: 'lat', lonField: 'lon', hoursField: 'opening_hours', replace: true };
    await importSites(demo.project, moved, options);
    try {
      const run = counting(() => projectBands(demo.project, request()));
      expect(run.routed).toBe(1);
      expect(run.value.table).not.toEqual(before.table);
      expect(run.value).toEqual(fresh(request()));
    } finally {
      await importSites(demo.project, file, options);
    }
    expect(projectBands(demo.project, request())).toEqual(before);
  });

  it('other speeds are another graph and another tree', () => {
    clearTravelMemo();
    const walk = defaultProfile('walk');
    const before = projectBands(demo.project, request(walk));
    const slower: TravelProfile = { ...walk, speedsKmh: Object.fromEntries(Object.entries(walk.speedsKmh).map(([k, v]) => [k, v / 2])) };
    const run = counting(() => projectBands(demo.project, request(slower)));
    expect([run.graphs, run.routed]).toEqual([1, 1]);
    expect(run.value.table).not.toEqual(before.table);
    // The walk graph and its tree are still kept beside it.
    const again = counting(() => projectBands(demo.project, request(walk)));
    expect([again.graphs, again.routed, again.value]).toEqual([0, 0, before]);
    expect(run.value).toEqual(fresh(request(slower)));
  });

  it('roads re-imported are a new graph: the table is routed on it, not on the kept one', async () => {
    clearTravelMemo();
    const before = projectBands(demo.project, request());
    const roads = readFileSync(join(demo.dir, 'roads.osm'), 'utf8');
    // Every third way left out: many areas' nearest routes change.
    const fewer = roads.replace(/<way id="(\d+)">[\s\S]*?<\/way>/g, (way, id: string) => (Number(id) % 3 === 0 ? '' : way));
    expect(fewer.length).toBeLessThan(roads.length);
    writeFileSync(join(demo.dir, 'roads_fewer.osm'), fewer);
    await importRoads(demo.project, { file: join(demo.dir, 'roads_fewer.osm') });
    try {
      const run = counting(() => projectBands(demo.project, request()));
      expect([run.graphs, run.routed, run.snapped]).toEqual([1, 1, 1]);
      expect(run.value.table).not.toEqual(before.table);
      expect(run.value).toEqual(fresh(request()));
    } finally {
      await importRoads(demo.project, { file: join(demo.dir, 'roads.osm') });
    }
    expect(projectBands(demo.project, request())).toEqual(before);
  });

  it('are released after a while unused, and a graph of another project file goes when this one is asked for', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      clearTravelMemo();
      const first = counting(() => projectBands(demo.project, request()));
      vi.advanceTimersByTime(TRAVEL_MEMO_IDLE_MS - 1_000);
      // Used again within the while: kept, and the release put off.
      expect(counting(() => projectBands(demo.project, request())).graphs).toBe(0);
      vi.advanceTimersByTime(TRAVEL_MEMO_IDLE_MS - 1_000);
      expect(counting(() => projectBands(demo.project, request())).graphs).toBe(0);
      vi.advanceTimersByTime(TRAVEL_MEMO_IDLE_MS + 1);
      const later = counting(() => projectBands(demo.project, request()));
      expect([later.graphs, later.routed, later.snapped]).toEqual([1, 1, 1]);
      expect(later.value).toEqual(first.value);
    } finally {
      vi.useRealTimers();
    }
    const other = await buildDemoRoutingProject();
    try {
      expect(other.project.path).not.toBe(demo.project.path);
      counting(() => projectBands(other.project, request()));
      // The first project's graph went when the other's was asked for, though two graphs may be kept.
      expect(counting(() => projectBands(demo.project, request())).graphs).toBe(1);
    } finally {
      other.project.close();
    }
  });
});
