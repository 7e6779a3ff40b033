// What is shared must be what was shown: with a proposed site on the map, the
// gaps (GeoJSON and CSV) and the bands CSV exported with the what-if hold the
// figures the dock shows (its own contract calls, getScenarioAnalysis and
// getBandTable), say they are a what-if, and differ from the real-sites-only
// export. A second, independent check: a copy of the project with the site
// made real (confirmProposedSite) exports, as a plain baseline, the same rows.
// On the demo town and on real Rutland data (OSM roads, NHS ODS practices).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MethodOutput } from '../../shared/contract';
import { buildDemoProject, DEMO_INDICATOR, DEMO_SERVICE } from '../../data/demo/build-demo-project';
import { projectTravelProfile } from '../../electron/analysis/travel-access';
import { exportTableCsv } from '../../electron/exports/export-service';
import { serviceAccess } from '../../electron/routing/service-access';
import { createHandlers } from '../../electron/services/handlers';
import { ProjectSession } from '../../electron/services/project-session';
import { confirmProposedSite } from '../../electron/services/proposed-sites';
import { openProject, type Project } from '../../electron/store/project';
import { cgm } from './demo-exports';
import { buildRutland, gapScenario, GP, INDICATOR, type RutlandProject } from '../support/rutland-project';
import { handlerCall, type Call } from '../support/handler-call';

const caller = (session: ProjectSession): Call => handlerCall(() => createHandlers(session));

const fileText = (f: { dataBase64: string }) => Buffer.from(f.dataBase64, 'base64').toString('utf8');
const csvRows = (f: { dataBase64: string }) => parse(fileText(f), { bom: true, columns: true }) as Record<string, string>[];
const WHAT_IF = 'What-if: counting 1 proposed site as open (not real sites until confirmed).';

/** A populated area far (over 15 min walk) from every real site whose point is near a road: a site there changes its figures. */
function farArea(project: Project, service: string): { code: string; lon: number; lat: number } {
  const access = serviceAccess(project, { service, profile: projectTravelProfile(project, 'walk'), existingOnly: true });
  const far = access.areas.filter((a) => a.seconds !== null && a.seconds > 15 * 60 && a.snapMeters! < 60).sort((a, b) => b.seconds! - a.seconds!);
  expect(far.length).toBeGreaterThan(0);
  return far[0];
}

/** The dock's gap type cell for an area row (the gap table's own rule: hidden with a suppressed flag). */
const dockGapType = (r: MethodOutput<'getScenarioAnalysis'>['rows'][number]) => (r.significance === '*' ? '*' : r.gapTypes.join('+'));
const accessibilityGaps = (types: (string | null)[]) => types.filter((t) => (t ?? '').split('+').includes('accessibility')).length;
const round1 = (n: number | null) => (n === null ? '' : String(Math.round(n * 10) / 10));

interface Scenario {
  session: ProjectSession;
  path: string;
  service: string;
  indicator: string;
  target: { code: string; lon: number; lat: number };
}

/** Every check, for one project with one proposed site placed at `target`. */
function whatIfExportChecks(get: () => Scenario) {
  const choice = () => ({ service: get().service, indicator: get().indicator, mode: 'walk' as const });

  it('the gaps CSV and GeoJSON exported with the what-if hold the dock’s figures, and say it is a what-if', async () => {
    const { session, target } = get();
    const call = caller(session);
    // The dock's gap table as a shared view shows it: disclosed by the project rule, what-if sites counted.
    const dock = await call('getScenarioAnalysis', { ...choice(), presentation: true, includeProposed: true });
    expect(dock.proposedSites).toBe(1);
    const dockRow = new Map(dock.rows.map((r) => [r.code, r]));
    expect(dockRow.get(target.code)!.nearestSite).toMatch(/\(proposed\)$/);

    const csvFile = await call('exportTable', { table: 'gaps', ...choice(), includeProposed: true });
    expect(csvFile.filename).toBe('gaps_what-if.csv');
    const csv = csvRows(csvFile);
    expect(csv.map((r) => r.area_code).sort()).toEqual(dock.rows.map((r) => r.code).sort());
    for (const r of csv) {
      const d = dockRow.get(r.area_code)!;
      expect([r.area_code, r.gap_type, r.nearest_site, r.unmet_rank]).toEqual([d.code, dockGapType(d), d.nearestSite ?? '', d.unmetRank === null ? '' : String(d.unmetRank)]);
      expect(r.what_if).toBe(WHAT_IF);
    }

    const geo = JSON.parse(fileText(await call('exportLayer', { layer: 'gaps', ...choice(), includeProposed: true })));
    expect(geo.what_if).toBe(WHAT_IF);
    expect(geo.features).toHaveLength(dock.rows.length);
    for (const f of geo.features) {
      const d = dockRow.get(f.properties.area_code)!;
      expect([f.properties.gap_type ?? '', f.properties.access_minutes, f.properties.nearest_site]).toEqual([dockGapType(d), d.accessMinutes, d.nearestSite]);
    }
    const types = (geo.features as { properties: { gap_type: string | null } }[]).map((f) => f.properties.gap_type);
    expect(accessibilityGaps(types)).toBe(accessibilityGaps(dock.rows.map(dockGapType)));
  });

  it('the bands CSV exported with the what-if holds the dock’s band table, segment by segment', async () => {
    const call = caller(get().session);
    const dock = await call('getBandTable', { ...choice(), includeProposed: true });
    expect(dock.proposedSites).toBe(1);
    const csvFile = await call('exportTable', { table: 'bands', ...choice(), includeProposed: true });
    const csv = csvRows(csvFile);
    expect(csv).toHaveLength(dock.rows.length);
    dock.rows.forEach((d, i) => {
      const r = csv[i];
      expect(r.segment_code).toBe(d.segmentCode ?? 'ALL');
      const cells = dock.limits.map((m) => r[`pct_within_${m}_min`]);
      expect(cells).toEqual(d.cumulativePct.slice(0, dock.limits.length).map(round1));
      expect(r.what_if).toBe(WHAT_IF);
    });
  });

  it('the real-sites-only export differs: it is the baseline, not the what-if', async () => {
    const { session, target } = get();
    const call = caller(session);
    const baseline = csvRows(await call('exportTable', { table: 'gaps', ...choice() }));
    const whatIf = csvRows(await call('exportTable', { table: 'gaps', ...choice(), includeProposed: true }));
    const at = (rows: Record<string, string>[]) => rows.find((r) => r.area_code === target.code)!;
    expect(at(baseline).nearest_site).not.toMatch(/proposed/);
    expect(at(whatIf).nearest_site).toMatch(/\(proposed\)$/);
    expect(baseline[0]).not.toHaveProperty('what_if');
    const real = await call('getScenarioAnalysis', { ...choice(), presentation: true, includeProposed: false });
    expect(baseline.map((r) => r.gap_type ?? '')).toEqual(
      baseline.map((r) => dockGapType(real.rows.find((d) => d.code === r.area_code)!)),
    );
    const bands = (input: object) => call('exportTable', { table: 'bands', ...choice(), ...input }).then(csvRows);
    expect(await bands({})).not.toEqual((await bands({ includeProposed: true })).map(({ what_if: _, ...r }) => r));
  });

  it('equals a baseline export of a copy of the project with the site confirmed as real', async () => {
    const { session, service } = get();
    const call = caller(session);
    const whatIf = csvRows(await call('exportTable', { table: 'gaps', ...choice(), includeProposed: true }));
    const copyPath = join(mkdtempSync(join(tmpdir(), 'cgm-whatif-copy-')), 'copy.gpkg');
    await session.project.db.backup(copyPath);
    const copy = openProject(copyPath);
    try {
      const [proposed] = (await call('getSites', { service })).filter((s) => s.proposed);
      confirmProposedSite(copy, service, proposed.id);
      const real = parse(exportTableCsv(copy, 'gaps', choice()).bytes.toString('utf8'), { bom: true, columns: true }) as Record<string, string>[];
      const asReal = whatIf.map(({ what_if: _, ...r }) => ({ ...r, nearest_site: r.nearest_site.replace(/ \(proposed\)$/, '') }));
      expect(real).toEqual(asReal);
    } finally {
      copy.close();
      rmSync(copyPath, { force: true });
    }
  });

  it('`cgm export csv --include-proposed` writes the same what-if file as the app', async () => {
    const { session, path, service, indicator } = get();
    const out = join(mkdtempSync(join(tmpdir(), 'cgm-whatif-cli-')), 'gaps.csv');
    const r = await cgm('export', 'csv', '--project', path, '--table', 'gaps', '--service', service, '--indicator', indicator, '--mode', 'walk', '--include-proposed', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    const app = await caller(session)('exportTable', { table: 'gaps', ...choice(), includeProposed: true });
    expect(readFileSync(out, 'utf8')).toBe(fileText(app));
    rmSync(out, { force: true });
  });

  it('the report, GeoPackage and isochrones say the what-if too', async () => {
    const call = caller(get().session);
    const html = fileText(await call('exportReport', { format: 'html', ...choice(), includeProposed: true }));
    expect(html).toContain('counting 1 proposed site as open');
    expect(fileText(await call('exportReport', { format: 'html', ...choice() }))).not.toContain('proposed site as open');
    const iso = JSON.parse(fileText(await call('exportLayer', { layer: 'isochrones', ...choice(), includeProposed: true })));
    expect(iso.what_if).toBe(WHAT_IF);
    const gpkg = await call('exportGeoPackage', { layers: ['gaps'], ...choice(), includeProposed: true });
    expect(gpkg.filename).toBe('gaps_what-if.gpkg');
  });
}

describe('what-if exports on the demo town', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cgm-whatif-exports-'));
  let scenario: Scenario;
  beforeAll(async () => {
    const path = join(dir, 'demo.gpkg');
    await buildDemoProject(path);
    const session = new ProjectSession(path);
    const target = farArea(session.project, DEMO_SERVICE);
    await caller(session)('applyMoment', { moment: { proposedSites: { service: DEMO_SERVICE, sites: [{ name: 'Pop-up clinic', lon: target.lon, lat: target.lat }] } } });
    scenario = { session, path, service: DEMO_SERVICE, indicator: DEMO_INDICATOR, target };
  }, 180_000);
  afterAll(() => {
    scenario?.session.close();
    rmSync(dir, { recursive: true, force: true });
  });
  whatIfExportChecks(() => scenario);
});

describe('what-if exports on Rutland (real roads and practices)', () => {
  let rutland: RutlandProject;
  let scenario: Scenario;
  beforeAll(async () => {
    rutland = await buildRutland(gapScenario());
    rutland.project.close();
    const session = new ProjectSession(rutland.path);
    const target = farArea(session.project, GP);
    await caller(session)('applyMoment', { moment: { proposedSites: { service: GP, sites: [{ name: 'Outreach clinic', lon: target.lon, lat: target.lat }] } } });
    scenario = { session, path: rutland.path, service: GP, indicator: INDICATOR, target };
  }, 300_000);
  afterAll(() => {
    scenario?.session.close();
    rutland?.cleanup();
  });
  whatIfExportChecks(() => scenario);
});
