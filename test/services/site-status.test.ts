// A proposed site stays proposed until the analyst keeps it ("Keep as real"):
// stored as proposed, left out of the real analysis and the site count; the
// keep is an undoable moment whose inverse proposes it again.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoProject, DEMO_INDICATOR, DEMO_SERVICE } from '../../data/demo/build-demo-project';
import { projectTravelProfile } from '../../electron/analysis/travel-access';
import { serviceAccess } from '../../electron/routing/service-access';
import { createHandlers } from '../../electron/services/handlers';
import { ProjectSession } from '../../electron/services/project-session';
import { openProject } from '../../electron/store/project';
import { handlerCall } from '../support/handler-call';

const dir = mkdtempSync(join(tmpdir(), 'cgm-site-status-'));
const path = join(dir, 'demo.gpkg');
let session: ProjectSession;
const call = handlerCall(() => createHandlers(session));
const service = DEMO_SERVICE;
const real = async () => (await call('getSites', { service })).filter((s) => !s.proposed);

beforeAll(async () => {
  await buildDemoProject(path);
  session = new ProjectSession(path);
}, 120_000);
afterAll(() => {
  session?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('keeping a proposed site as real', () => {
  it('is proposed after a reopen, kept only on the analyst’s word, and undone by its inverse', async () => {
    const access = serviceAccess(session.project, { service, profile: projectTravelProfile(session.project, 'walk'), existingOnly: true });
    const far = access.areas.filter((a) => a.seconds !== null && a.snapMeters! < 60).sort((a, b) => b.seconds! - a.seconds!)[0];
    await call('applyMoment', { moment: { proposedSites: { service, sites: [{ name: 'Pop-up clinic', lon: far.lon, lat: far.lat }] } } });

    // Reopened (the app's reload): still proposed, not one of the six real sites, not in the real analysis.
    session.open(path);
    expect(await real()).toHaveLength(6);
    const [proposed] = (await call('getSites', { service })).filter((s) => s.proposed);
    expect(proposed).toMatchObject({ name: 'Pop-up clinic', type: 'proposed', proposed: true });
    const before = await call('getAreaAnalysis', { service, indicator: DEMO_INDICATOR, mode: 'walk' });
    expect(before.rows.find((r) => r.code === far.code)!.nearestSite).not.toBe('Pop-up clinic');

    const { inverse } = await call('applyMoment', { moment: { siteStatus: { service, id: proposed.id, proposed: false } } });
    expect(inverse).toEqual({ siteStatus: { service, id: proposed.id, proposed: true, type: 'proposed' } });
    session.open(path);
    expect(await real()).toHaveLength(7);
    expect((await real()).find((s) => s.id === proposed.id)).toMatchObject({ name: 'Pop-up clinic', type: null, proposed: false });
    const kept = await call('getAreaAnalysis', { service, indicator: DEMO_INDICATOR, mode: 'walk' });
    expect(kept.rows.find((r) => r.code === far.code)!.nearestSite).toBe('Pop-up clinic');
    // Keeping a real site is refused: it is not proposed.
    await expect(call('applyMoment', { moment: { siteStatus: { service, id: proposed.id, proposed: false } } })).rejects.toThrow(`No proposed site ${proposed.id}`);

    // Undo: proposed again, with its type back, and out of the count.
    await call('applyMoment', { moment: inverse });
    expect(await real()).toHaveLength(6);
    expect((await call('getSites', { service })).find((s) => s.id === proposed.id)).toMatchObject({ type: 'proposed', proposed: true });
    const stored = openProject(path);
    try {
      expect(stored.db.prepare('SELECT proposed FROM service_sites WHERE fid = ?').pluck().get(proposed.id)).toBe(1);
    } finally {
      stored.close();
    }
  });
});
