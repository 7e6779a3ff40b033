// While a what-if site is dragged, only it is routed and merged with the kept
// times of the real sites: within the bands' reach that must be exactly what
// routing every site afresh gives with the site stored where it was dragged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dragAccess } from '../../electron/routing/drag-access';
import { serviceAccess } from '../../electron/routing/service-access';
import { createHandlers } from '../../electron/services/handlers';
import { dispatch } from '../../electron/services/dispatch';
import { ProjectSession } from '../../electron/services/project-session';
import { setProposedSites } from '../../electron/services/proposed-sites';
import { defaultProfile } from '../../shared/travel/profiles';
import { buildDemoRoutingProject, type DemoProject } from './demo-project';

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

  it('getIsochrones with dragged sites draws the bands of those sites stored, without storing them', async () => {
    const handlers = createHandlers(new ProjectSessionFor(demo));
    const ctx = { progress: () => {}, signal: new AbortController().signal };
    const [real] = serviceAccess(demo.project, { service: SERVICE, profile: defaultProfile('walk'), existingOnly: true }).sites;
    const at = { lon: real.lon + 0.006, lat: real.lat };
    const live = (await dispatch(handlers, 'getIsochrones', { service: SERVICE, mode: 'walk', includeProposed: true, dragged: [at] }, ctx)) as any;
    expect(serviceAccess(demo.project, { service: SERVICE, profile: defaultProfile('walk') }).sites.some((s) => s.proposed)).toBe(false);
    setProposedSites(demo.project, SERVICE, [{ name: 'Dropped', ...at }]);
    const dropped = (await dispatch(handlers, 'getIsochrones', { service: SERVICE, mode: 'walk', includeProposed: true }, ctx)) as any;
    setProposedSites(demo.project, SERVICE, []);
    expect(live.bands).toEqual(dropped.bands);
    expect(live.sitesRouted).toBe(dropped.sitesRouted);
  });
});

/** The handlers over the test's own open project. */
class ProjectSessionFor extends ProjectSession {
  constructor(private readonly demo: DemoProject) {
    super();
  }
  override get project() {
    return this.demo.project;
  }
}
