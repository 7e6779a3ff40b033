// Issue 17: a what-if site's label on the demo project (1366x768). Real and
// proposed sites' labels are placed in one pass (shared/cartography/label-
// placement.ts; site-labels.ts siteLabelPriority: real before proposed). A
// proposed site added in open space shows its label, "<name> (proposed)", to
// the right of its ring, never "null", over no other label. Moved so its label
// would take the very place a real site's label has (their right-hand boxes
// overlap, and neither box touches the other's marker, so only priority
// decides), the real label keeps its place and the proposed one goes to
// another side. The A4 print of that view (the print page the PNG export
// draws, here on the app's own server) places its labels the same way: read
// from the print page's label state (window.__cgmPrint.labels), not by OCR.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SERVICE } from '../../data/demo/build-demo-project';
import { closeApp, E2E_DATA_DIR, externalRequests, mapIdle, openApp, SCREENSHOT_DIR, type RunningApp, type WatchedPage } from './harness';

// Its own data folder: this test changes its project's what-if sites and views.
const DATA_DIR = join(E2E_DATA_DIR, 'what-if-labels');
const ZOOM = 16;
const PROPOSED = 'Proposed site 1';
const PROPOSED_LABEL = `${PROPOSED} (proposed)`;
const VIEW = 'What-if labels';
/** A4 at 300 dpi, as `cgm export png --size a4` asks the print page for it (print-size.ts: scale 2.25). */
const A4 = { w: 3508, h: 2480, s: 2.25 };

type Box = { x: number; y: number; width: number; height: number };
type Label = { group: string; text: string; box: Box };
type Site = { id: number; name: string | null; code: string | null; lon: number; lat: number; proposed: boolean };
type Side = 'right' | 'left' | 'above' | 'below';

let app: RunningApp;
let browser: Browser;
let watched: WatchedPage;

beforeAll(async () => {
  ({ app, browser, watched } = await openApp({ dataDir: DATA_DIR, waitFor: '.layer-row[data-layer-id="gap-type"]' }));
});

afterAll(async () => {
  await closeApp({ app, browser });
});

const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

function overlapping(labels: Label[]): string[] {
  const out: string[] = [];
  labels.forEach((a, i) => labels.slice(i + 1).forEach((b) => overlap(a.box, b.box) && out.push(`${a.text} / ${b.text}`)));
  return out;
}

/** Which side of its point `p` a label box lies on (label-placement.ts boxOnSide), or null when it is beside no side of it. */
function sideOf(box: Box, [x, y]: [number, number], tolerance: number): Side | null {
  if (Math.abs(box.y + box.height / 2 - y) <= tolerance) return box.x > x ? 'right' : box.x + box.width < x ? 'left' : null;
  if (Math.abs(box.x + box.width / 2 - x) <= tolerance) return box.y > y ? 'below' : box.y + box.height < y ? 'above' : null;
  return null;
}

/** The app's labels as placed last, every group together (site-labels.ts publishes them in map pixels). */
const appLabels = (page: Page) =>
  page.evaluate(() => Object.entries(window.__cgmSiteLabels ?? {}).flatMap(([group, ls]) => ls.map((l) => ({ group, ...l }))) as Label[]);
const toScreen = (page: Page, lon: number, lat: number) =>
  page.evaluate(([lon, lat]) => {
    const p = window.__cgmMap!.project([lon, lat]);
    return [p.x, p.y] as [number, number];
  }, [lon, lat]);
const proposedSites = async (): Promise<Site[]> => (await app.call('getSites', { service: DEMO_SERVICE })).filter((s: Site) => s.proposed);
const labelText = (s: Site) => s.name?.trim() || s.code || '';

async function jumpTo(page: Page, center: [number, number]): Promise<void> {
  await page.evaluate(([lon, lat, z]) => window.__cgmMap!.jumpTo({ center: [lon, lat], zoom: z }), [...center, ZOOM]);
  await mapIdle(page);
}

/** Labels every rule asks of: none says null/undefined, none overlaps another. */
function expectTidy(labels: Label[]): void {
  expect(labels.map((l) => l.text).filter((t) => /null|undefined/i.test(t))).toEqual([]);
  expect(overlapping(labels)).toEqual([]);
}

describe('a what-if site\'s label', () => {
  // The real site the proposed one is moved beside, and what was measured of the two labels on screen.
  let real: Site;
  let proposedOffset: number;
  let realOffset: number;

  it('appears beside it in open space, named, never "null", over no other label', async () => {
    const { page } = watched;
    const sites: Site[] = (await app.call('getSites', { service: DEMO_SERVICE })).filter((s: Site) => !s.proposed);
    expect(sites.length).toBeGreaterThan(1);
    // The real site furthest from any other, so only the proposed site is near it later.
    const metres = (a: Site, b: Site) => Math.hypot((a.lon - b.lon) * 111_320 * Math.cos((a.lat * Math.PI) / 180), (a.lat - b.lat) * 110_540);
    const apart = (s: Site) => Math.min(...sites.filter((o) => o !== s).map((o) => metres(s, o)));
    real = [...sites].sort((a, b) => apart(b) - apart(a))[0];
    await jumpTo(page, [real.lon, real.lat]);

    // Open space: a point of the map at least 250 px from every site (and so from their labels' near ends).
    const open = await page.evaluate(
      (all) => {
        const map = window.__cgmMap!;
        const points = all.map((s) => map.project([s.lon, s.lat]));
        const { width, height } = map.getCanvas().getBoundingClientRect();
        for (let y = 80; y < height - 80; y += 40)
          for (let x = 120; x < width - 260; x += 40)
            if (points.every((p) => Math.hypot(p.x - x, p.y - y) >= 250)) return map.unproject([x, y]).toArray() as [number, number];
        return null;
      },
      sites,
    );
    expect(open).not.toBeNull();
    await jumpTo(page, open!);
    // The keyboard's way: "Add proposed site", then "place it at the map centre".
    await page.getByRole('button', { name: 'Add proposed site' }).click();
    await page.getByRole('button', { name: 'place it at the map centre' }).click();
    await expect.poll(async () => (await proposedSites()).map((s) => s.name), { timeout: 60_000 }).toEqual([PROPOSED]);
    const [site] = await proposedSites();
    await mapIdle(page);
    await expect.poll(async () => (await appLabels(page)).map((l) => l.text), { timeout: 60_000 }).toContain(PROPOSED_LABEL);
    const labels = await appLabels(page);
    expectTidy(labels);
    const label = labels.find((l) => l.text === PROPOSED_LABEL)!;
    expect(label.group).toBe('proposed-sites:labels');
    // Nothing near it, so it takes the side a label tries first.
    const at = await toScreen(page, site.lon, site.lat);
    expect(sideOf(label.box, at, 0.5)).toBe('right');
    proposedOffset = label.box.x - at[0];
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'what-if-label-open.png') });
  });

  it('gives way to a real site\'s label where the two would take the same place', async () => {
    const { page } = watched;
    await jumpTo(page, [real.lon, real.lat]);
    await expect.poll(async () => (await appLabels(page)).map((l) => l.text), { timeout: 60_000 }).toContain(labelText(real));
    const alone = (await appLabels(page)).find((l) => l.text === labelText(real))!;
    const r = await toScreen(page, real.lon, real.lat);
    expect(sideOf(alone.box, r, 0.5)).toBe('right');
    realOffset = alone.box.x - r[0];

    // Where the proposed site's right-hand label starts exactly where the real one's does, half a label lower:
    // the two boxes overlap, and each box starts a gap right of the other's marker, so neither marker is in the way.
    const spot: [number, number] = [r[0] + realOffset - proposedOffset, r[1] + alone.box.height / 2];
    const centre = await page.evaluate(([x, y]) => window.__cgmMap!.unproject([x, y]).toArray() as [number, number], spot);
    await jumpTo(page, centre);
    await page.getByRole('button', { name: `Move ${PROPOSED} to the map centre` }).click();
    await expect.poll(async () => (await proposedSites()).map((s) => Math.hypot(s.lon - centre[0], s.lat - centre[1]) < 1e-7), { timeout: 60_000 }).toEqual([true]);
    const [site] = await proposedSites();
    await mapIdle(page);
    // Placed again with the site where it now is: its label (if any) lies beside its new point.
    const p = await toScreen(page, site.lon, site.lat);
    const proposedLabel = async () => (await appLabels(page)).find((l) => l.text === PROPOSED_LABEL);
    await expect.poll(async () => { const l = await proposedLabel(); return l ? sideOf(l.box, p, 0.5) : null; }, { timeout: 60_000 }).not.toBeNull();
    const labels = await appLabels(page);
    expectTidy(labels);
    const [realLabel, mine] = [labels.find((l) => l.text === labelText(real))!, (await proposedLabel())!];
    const r2 = await toScreen(page, real.lon, real.lat);
    // They collide: each label's first choice (right of its marker) covers the other's.
    const wanted = { x: p[0] + proposedOffset, y: p[1] - mine.box.height / 2, width: mine.box.width, height: mine.box.height };
    const realPlace = { x: r2[0] + realOffset, y: r2[1] - realLabel.box.height / 2, width: realLabel.box.width, height: realLabel.box.height };
    expect(overlap(wanted, realPlace)).toBe(true);
    // The real label keeps its place; the proposed one is still shown, on another side.
    expect(sideOf(realLabel.box, r2, 0.5)).toBe('right');
    expect(sideOf(mine.box, p, 0.5)).not.toBe('right');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'what-if-label-beside-real.png') });
  });

  it('is placed the same way on the A4 print of the view', async () => {
    const { page } = watched;
    // The print draws a saved view: its camera and switches, what-if sites counted as the map counts them.
    const gapType = page.locator('.layer-row[data-layer-id="gap-type"]').getByRole('checkbox');
    if (!(await gapType.isChecked())) await gapType.check();
    await mapIdle(page);
    await page.getByRole('button', { name: /^Save view/ }).click();
    await page.getByRole('dialog', { name: 'Save view' }).getByLabel('View name').fill(VIEW);
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await app.call('listViews', {})).map((v: { name: string }) => v.name)).toContain(VIEW);

    // The page `cgm export png --size a4 --view …` captures, on the app's own server.
    const token = new URL(app.url).searchParams.get('token')!;
    const url = `${app.origin}/print.html?${new URLSearchParams({ token, view: VIEW, w: String(A4.w), h: String(A4.h), s: String(A4.s) })}`;
    const print = await browser.newPage({ viewport: { width: Math.ceil(A4.w / A4.s), height: Math.ceil(A4.h / A4.s) }, deviceScaleFactor: A4.s });
    const errors: string[] = [];
    const requests: string[] = [];
    print.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    print.on('pageerror', (e) => errors.push(String(e)));
    print.on('request', (r) => requests.push(r.url()));
    try {
      await print.goto(url);
      await print.waitForFunction(() => document.body.dataset.printReady === '1' || document.body.dataset.printError !== undefined, undefined, { timeout: 300_000, polling: 250 });
      expect(await print.evaluate(() => document.body.dataset.printError ?? null)).toBeNull();
      const [site] = await proposedSites();
      const got = await print.evaluate(
        ({ real: [rlon, rlat], proposed: [plon, plat] }) => {
          const info = window.__cgmPrint!;
          return { labels: info.labels, layers: info.layers, width: info.width, r: info.project(rlon, rlat), p: info.project(plon, plat), scale: info.scale };
        },
        { real: [real.lon, real.lat], proposed: [site.lon, site.lat] },
      );
      expect(got.width).toBe(A4.w);
      expect(got.layers).toContain('proposed-sites');
      expectTidy(got.labels);
      const realLabel = got.labels.find((l) => l.text === labelText(real));
      const mine = got.labels.find((l) => l.text === PROPOSED_LABEL);
      expect(realLabel).toBeDefined();
      expect(mine?.group).toBe('proposed-sites:labels');
      // Device pixels: the screen's CSS offsets times the print's scale; a pixel's rounding either way.
      const wanted = { x: got.p[0] + proposedOffset * got.scale, y: got.p[1] - mine!.box.height / 2, width: mine!.box.width, height: mine!.box.height };
      const realPlace = { x: got.r[0] + realOffset * got.scale, y: got.r[1] - realLabel!.box.height / 2, width: realLabel!.box.width, height: realLabel!.box.height };
      expect(overlap(wanted, realPlace)).toBe(true);
      expect(sideOf(realLabel!.box, got.r, got.scale)).toBe('right');
      expect(sideOf(mine!.box, got.p, got.scale)).not.toBe('right');
      expect(sideOf(mine!.box, got.p, got.scale)).not.toBeNull();
      await print.screenshot({ path: join(SCREENSHOT_DIR, 'what-if-label-a4.png') });
      expect(errors).toEqual([]);
      expect(externalRequests(requests)).toEqual([]);
    } finally {
      await print.close();
    }
  }, 420_000);

  it('leaves no console errors and makes no outside requests', () => {
    expect(watched.consoleErrors).toEqual([]);
    expect(externalRequests(watched.requests)).toEqual([]);
  });
});
