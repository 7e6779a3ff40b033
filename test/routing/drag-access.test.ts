// While a what-if site is dragged, only it is routed and merged with the kept
// times of the real sites: within the bands' reach that must be exactly what
// routing every site afresh gives with the site stored where it was dragged.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dragAccess } from '../../electron/routing/drag-access';
import { serviceAccess } from '../../electron/routing/service-access';
import { travelMemoCounts } from '../../electron/routing/travel-memo';
import { createHandlers } from '../../electron/services/handlers';
import { openProject, openProjectReadOnly } from '../../electron/store/project';
import { dispatch } from '../../electron/services/dispatch';
import { ProjectSession } from '../../electron/services/project-session';
import { setProposedSites } from '../../electron/services/proposed-sites';
import { defaultProfile } from '../../shared/travel/profiles';
import type { DragBands } from '../../shared/contract/drag-bands';
import { buildDemoRoutingProject, type DemoProject } from './demo-project';
import { quietContext } from '../support/handler-call';

const SERVICE = 'Stop smoking';
let demo: DemoProject;
beforeAll(async () => {
  demo = await buildDemoRoutingProject();
});
afterAll(() => demo?.project.close());

describe('dragAccess', () => {
  it('equals routing every site with the dragged one stored, within the last band, for each position of a drag', () => {
    const profile = defaultProfile('walk');
    const [real] = serviceAccess(demo.project, { service: SERVICE, profile, existingOnly: true }).sites;
    const max = 25 * 60;
    for (const dx of [0.004, 0.006, 0.008]) {
      const dragged = [{ lon: real.lon + dx, lat: real.lat + 0.002 }];
      const quick = dragAccess(demo.project, SERVICE, profile, dragged, max);
      setProposedSites(demo.project, SERVICE, [{ name: 'Dragged', ...dragged[0] }]);
      const full = serviceAccess(demo.project, { service: SERVICE, profile, existingOnly: false });
      setProposedSites(demo.project, SERVICE, []);
      let compared = 0;
      for (let i = 0; i < full.times.seconds.length; i++) {
        const t = full.times.seconds[i];
        if (!(t <= max)) continue;
        expect(quick.times.seconds[i]).toBeCloseTo(t, 6);
        compared++;
      }
      expect(compared).toBeGreaterThan(100);
      expect(quick.sitesRouted).toBe(full.sites.filter((s) => s.snap).length);
    }
  });

  it('keeps the real sites\' graph, snaps and tree between the calls of a drag (the travel memo\'s): only the dragged site is routed again', () => {
    const profile = defaultProfile('walk');
    const [real] = serviceAccess(demo.project, { service: SERVICE, profile, existingOnly: true }).sites;
    const drag = (dx: number) => dragAccess(demo.project, SERVICE, profile, [{ lon: real.lon + dx, lat: real.lat }], 25 * 60);
    const first = drag(0.004);
    const before = { ...travelMemoCounts };
    const later = [0.005, 0.006, 0.004].map(drag);
    expect(travelMemoCounts).toEqual(before);
    expect(later[2].times).toEqual(first.times);
  });

  it('keeps them for a read-only project too, which stores no graph of its own', () => {
    const profile = defaultProfile('drive');
    const copy = join(mkdtempSync(join(tmpdir(), 'cgm-drag-ro-')), 'ro.gpkg');
    copyFileSync(demo.project.path, copy);
    const writable = openProject(copy);
    writable.db.prepare('DELETE FROM cgm_graph_cache').run();
    writable.close();
    const ro = openProjectReadOnly(copy);
    try {
      const [real] = serviceAccess(ro, { service: SERVICE, profile, existingOnly: true }).sites;
      const drag = (dx: number) => dragAccess(ro, SERVICE, profile, [{ lon: real.lon + dx, lat: real.lat }], 25 * 60);
      drag(0.004);
      const before = { ...travelMemoCounts };
      drag(0.005);
      drag(0.006);
      expect(travelMemoCounts).toEqual(before);
    } finally {
      ro.close();
      rmSync(dirname(copy), { recursive: true, force: true });
    }
  });

  it('getDragBands gives, as triangulated typed arrays, the bands getIsochrones draws once the site is dropped there, without storing it', async () => {
    const handlers = createHandlers(new ProjectSessionFor(demo));
    const ctx = quietContext();
    const [real] = serviceAccess(demo.project, { service: SERVICE, profile: defaultProfile('walk'), existingOnly: true }).sites;
    const at = { lon: real.lon + 0.006, lat: real.lat };
    const live = (await dispatch(handlers, 'getDragBands', { service: SERVICE, mode: 'walk', dragged: [at] }, ctx)) as DragBands;
    expect(serviceAccess(demo.project, { service: SERVICE, profile: defaultProfile('walk') }).sites.some((s) => s.proposed)).toBe(false);
    setProposedSites(demo.project, SERVICE, [{ name: 'Dropped', ...at }]);
    const dropped = (await dispatch(handlers, 'getIsochrones', { service: SERVICE, mode: 'walk', includeProposed: true }, ctx)) as any;
    setProposedSites(demo.project, SERVICE, []);
    expect(live.minutes).toEqual([5, 10, 15, 20, 25]);
    expect(live.sitesRouted).toBe(dropped.sitesRouted);
    const features = dropped.bands.features as { properties: { minutes: number }; geometry: { coordinates: number[][][][] } }[];
    expect(features.length).toBe(5);
    for (const f of features) {
      const band = live.minutes.indexOf(f.properties.minutes);
      // The band's polygons read back from the flat arrays, ring by ring: the same coordinates getIsochrones gives.
      const polygons: number[][][][] = [];
      for (let p = 0; p < live.polygonBand.length; p++) {
        if (live.polygonBand[p] !== band) continue;
        const rings: number[][][] = [];
        for (let r = live.polygonRings[p]; r < live.polygonRings[p + 1]; r++) {
          const ring: number[][] = [];
          for (let v = live.ringStarts[r]; v < live.ringStarts[r + 1]; v++) ring.push([live.positions[2 * v], live.positions[2 * v + 1]]);
          rings.push(ring);
        }
        polygons.push(rings);
      }
      expect(polygons).toEqual(f.geometry.coordinates);
      // The triangles cover each band exactly: their area sums to the rings' (outer less holes), in Web Mercator as drawn.
      const ringsArea = f.geometry.coordinates.reduce((sum, rings) => sum + rings.reduce((a, ring, k) => a + (k === 0 ? 1 : -1) * Math.abs(shoelace(ring)), 0), 0);
      let trianglesArea = 0;
      for (let t = 0; t < live.triangles.length; t += 3) {
        const [a, b, c] = [live.triangles[t], live.triangles[t + 1], live.triangles[t + 2]];
        if (live.polygonBand[polygonOf(live, a)] !== band) continue;
        trianglesArea += Math.abs(shoelace([a, b, c].map((v) => [live.positions[2 * v], live.positions[2 * v + 1]])));
      }
      expect(ringsArea).toBeGreaterThan(0);
      expect(trianglesArea / ringsArea).toBeCloseTo(1, 6);
    }
  });
});

const mercator = ([lon, lat]: number[]) => [(lon * Math.PI) / 180, Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360))];
/** Signed area of a ring in Web Mercator units. */
function shoelace(ring: number[][]): number {
  const m = ring.map(mercator);
  let sum = 0;
  for (let i = 0; i < m.length; i++) {
    const [x1, y1] = m[i];
    const [x2, y2] = m[(i + 1) % m.length];
    sum += x1 * y2 - x2 * y1;
  }
  return sum / 2;
}

function polygonOf(b: DragBands, vertex: number): number {
  let p = 0;
  while (b.polygonStarts[p + 1] <= vertex) p++;
  return p;
}

/** The handlers over the test's own open project. */
class ProjectSessionFor extends ProjectSession {
  constructor(private readonly demo: DemoProject) {
    super();
  }
  override get project() {
    return this.demo.project;
  }
}
