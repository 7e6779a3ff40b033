// The workbook, saved views, undo moments and the dock's band and funnel
// tables, called through dispatch (so the contract's validation applies)
// against the demo project built by the real importers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoProject, DEMO_INDICATOR, DEMO_SCHEME, DEMO_SERVICE } from '../../data/demo/build-demo-project';
import { runStrata } from '../../electron/analysis/strata-run';
import { createHandlers } from '../../electron/services/handlers';
import { ProjectSession } from '../../electron/services/project-session';
import { runCli } from '../cli/capture';
import { handlerCall } from '../support/handler-call';

const dir = mkdtempSync(join(tmpdir(), 'cgm-workbook-'));
const path = join(dir, 'demo.gpkg');
let session: ProjectSession;

const call = handlerCall(() => createHandlers(session));

const reasonContent = (reasons: string) => ({ fields: { reasons, timescale: 'Q3 2025' }, actions: [], embeds: [{ kind: 'table' as const, table: 'profile' as const }] });

beforeAll(async () => {
  await buildDemoProject(path);
  session = new ProjectSession(path);
}, 240_000);

afterAll(() => {
  session?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the workbook', () => {
  it('starts empty, stores a section with its embed, and undo/redo round-trips exactly', async () => {
    expect((await call('getWorkbook', {})).sections).toEqual([]);
    const first = await call('saveWorkbookSection', { section: 'reason', content: reasonContent('Low quit rates in the east') });
    expect(first.inverse).toEqual({ workbook: { put: [], delete: ['reason'] } });
    const stored = (await call('getWorkbook', {})).sections;
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ section: 'reason', content: reasonContent('Low quit rates in the east'), updatedAt: first.updatedAt });

    const second = await call('saveWorkbookSection', { section: 'reason', content: reasonContent('Second thoughts') });
    // Undo the second edit: the first text (and its time) come back.
    const redo = (await call('applyMoment', { moment: second.inverse })).inverse;
    expect((await call('getWorkbook', {})).sections[0]).toEqual(stored[0]);
    // Redo: the second edit again.
    const undoAgain = (await call('applyMoment', { moment: redo })).inverse;
    expect((await call('getWorkbook', {})).sections[0].content.fields.reasons).toBe('Second thoughts');
    expect(undoAgain).toEqual(second.inverse);
    // Undo both: the section is gone, as before the first edit.
    await call('applyMoment', { moment: undoAgain });
    await call('applyMoment', { moment: first.inverse });
    expect((await call('getWorkbook', {})).sections).toEqual([]);
  });

  it('keeps the actions table and orders sections as the toolkit does', async () => {
    const actions = [
      { action: 'Pop-up clinic at Eastfield market', timescale: 'By March', responsible: 'A. Patel' },
      { action: 'Evening sessions at the Health Centre', timescale: '6 months', responsible: 'J. Brown' },
    ];
    await call('saveWorkbookSection', { section: 'actions', content: { fields: {}, actions, embeds: [] } });
    await call('saveWorkbookSection', { section: 'reason', content: reasonContent('Why') });
    const sections = (await call('getWorkbook', {})).sections;
    expect(sections.map((s) => s.section)).toEqual(['reason', 'actions']);
    expect(sections[1].content.actions).toEqual(actions);
  });

  it('refuses text boxes the section does not have, and unknown embeds', async () => {
    await expect(call('saveWorkbookSection', { section: 'review', content: { fields: { reasons: 'x' }, actions: [], embeds: [] } })).rejects.toThrow(/not a box of section "review"/);
    await expect(call('saveWorkbookSection', { section: 'review', content: { fields: {}, actions: [], embeds: [{ kind: 'table', table: 'secrets' }] } } as never)).rejects.toThrow(/invalid input/);
  });
});

describe('saved views', () => {
  const payload = (zoom: number) => ({ title: 'East of town', center: [-1.5, 52.6] as [number, number], zoom, visible: { segments: true } });

  it('saves in order, replaces in place, deletes, and undo restores the deleted view to its place', async () => {
    await call('saveView', { name: 'Overview', payload: payload(11) });
    const east = await call('saveView', { name: 'East', payload: payload(13) });
    expect(east.view.position).toBe(1);
    expect(east.inverse).toEqual({ views: { put: [], delete: ['East'] } });
    const replaced = await call('saveView', { name: 'Overview', payload: payload(12) });
    expect(replaced.view.position).toBe(0);
    expect((await call('listViews', {})).map((v) => [v.name, v.payload.zoom])).toEqual([['Overview', 12], ['East', 13]]);

    const removed = await call('deleteView', { name: 'Overview' });
    expect(removed.deleted).toBe(true);
    expect((await call('listViews', {})).map((v) => v.name)).toEqual(['East']);
    await call('applyMoment', { moment: removed.inverse });
    expect((await call('listViews', {})).map((v) => [v.name, v.position, v.payload.zoom])).toEqual([['Overview', 0, 12], ['East', 1, 13]]);
    // Undo of the replacement brings back the first camera.
    await call('applyMoment', { moment: replaced.inverse });
    expect((await call('listViews', {}))[0].payload.zoom).toBe(11);
    expect((await call('deleteView', { name: 'Nowhere' })).deleted).toBe(false);
  });
});

describe('strata decisions as moments', () => {
  const request = { service: DEMO_SERVICE, indicator: DEMO_INDICATOR, mode: 'walk' as const };

  it('records through the strata rule, and undo/redo removes and restores the same decision', async () => {
    const views = runStrata(session.project, request);
    const target = views.find((v) => v.proposal?.stratum === 'Priority') ?? views[0];
    const lower = target.proposal?.stratum === 'Self-care' ? 'Basic' : 'Self-care';
    // Lowering without a reason is refused, and nothing is written.
    await expect(call('applyMoment', { moment: { strata: { decide: [{ ...request, areaCode: target.key, assigned: 'Self-care' }] } } })).rejects.toThrow(/needs a written reason/);
    expect(runStrata(session.project, request).find((v) => v.key === target.key)!.decision).toBeNull();

    const made = await call('applyMoment', { moment: { strata: { decide: [{ ...request, areaCode: target.key, assigned: lower, reason: 'Outreach already funded' }] } } });
    const decided = runStrata(session.project, request).find((v) => v.key === target.key)!;
    expect(decided.effective).toBe(lower);
    expect(made.inverse.strata!.delete).toEqual([decided.decision!.seq]);

    const redo = (await call('applyMoment', { moment: made.inverse })).inverse;
    expect(runStrata(session.project, request).find((v) => v.key === target.key)!.decision).toBeNull();
    expect(redo.strata!.put[0]).toMatchObject({ id: decided.decision!.seq, areaCode: target.key, decided: lower, reason: 'Outreach already funded' });
    await call('applyMoment', { moment: redo });
    expect(runStrata(session.project, request).find((v) => v.key === target.key)!.decision).toEqual(decided.decision);
  });
});

describe('the dock tables', () => {
  it('band table: a day the timetable does not run leaves the road columns and says why, instead of failing the table', async () => {
    const info = await call('getProjectInfo', {});
    const first = info.transit!.firstDate!.replace(/^(\d{4})-?(\d{2})-?(\d{2})$/, '$1-$2-$3');
    const road = await call('getBandTable', { service: DEMO_SERVICE, indicator: DEMO_INDICATOR, mode: 'walk' });
    // A year before the feed's first day: no service can run.
    const noBus = `${Number(first.slice(0, 4)) - 1}${first.slice(4)}`;
    const dead = await call('getBandTable', { service: DEMO_SERVICE, indicator: DEMO_INDICATOR, mode: 'walk', transit: { date: noBus, depart: '08:00-09:00' } });
    expect(dead.transit).toBeUndefined();
    expect(dead.transitProblem).toMatch(new RegExp(`no service on ${noBus}`));
    expect(dead.rows).toEqual(road.rows);
    // On the feed's own first day the group is there and no problem is reported.
    const live = await call('getBandTable', { service: DEMO_SERVICE, indicator: DEMO_INDICATOR, mode: 'walk', transit: { date: first, depart: '08:00-09:00' } });
    expect(live.transitProblem).toBeUndefined();
    expect(live.transit!.rows).toHaveLength(road.rows.length);
  });

  it('band table: the same numbers as `cgm bands`, with segment names', async () => {
    const table = await call('getBandTable', { service: DEMO_SERVICE, indicator: DEMO_INDICATOR, mode: 'walk' });
    const cli = await runCli(['bands', '--project', path, '--service', DEMO_SERVICE, '--indicator', DEMO_INDICATOR, '--mode', 'walk', '--format', 'json']);
    expect(cli.code).toBe(0);
    const expected = JSON.parse(cli.stdout);
    expect(table.labels).toEqual(['Within 5 min', 'Within 10 min', 'Within 15 min', 'Within 20 min', 'Within 25 min', 'Any time']);
    expect(table.scheme).toBe(DEMO_SCHEME);
    expect(table.rows.map(({ segmentName: _name, ...r }) => r)).toEqual(expected.rows);
    expect(table.rows.at(-1)!.segmentCode).toBeNull();
    expect(table.rows.slice(0, -1).every((r) => r.segmentName)).toBe(true);
    // Ranked by risk (prevalence), highest first, as the toolkit ranks.
    const rates = table.rows.slice(0, -1).map((r) => r.prevalence!);
    expect([...rates].sort((a, b) => b - a)).toEqual(rates);
  });

  it('funnel plot: one point per area with expected users, limits either side of 1', async () => {
    const analysis = await call('getAreaAnalysis', { service: DEMO_SERVICE, indicator: DEMO_INDICATOR });
    const funnel = await call('getFunnelPlot', { service: DEMO_SERVICE, indicator: DEMO_INDICATOR });
    expect(funnel.exactCounts).toBe(true);
    expect(funnel.points.map((p) => p.code).sort()).toEqual(analysis.rows.filter((r) => typeof r.ratio === 'number' && r.expectedUsers > 0).map((r) => r.code).sort());
    for (const line of [funnel.limits.lower95, funnel.limits.lower998]) expect(line.every((p) => p.ratio < 1)).toBe(true);
    for (const line of [funnel.limits.upper95, funnel.limits.upper998]) expect(line.every((p) => p.ratio > 1)).toBe(true);
    // A point significant at 99.8% is significant at 95% too.
    expect(funnel.points.filter((p) => p.significance998 !== 'not significant').every((p) => p.significance95 === p.significance998)).toBe(true);
    const shared = await call('getFunnelPlot', { service: DEMO_SERVICE, indicator: DEMO_INDICATOR, presentation: true });
    expect(shared.exactCounts).toBe(false);
  });
});
