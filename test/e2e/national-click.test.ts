// A click on a national level (issue 18), 25,000 synthetic Output Areas (past
// MANY_POLYGONS; area i is E0000000i, centred at syntheticCentre(i)): the
// clicked area's panel opens and its outline is drawn over the map (an SVG,
// not a deck.gl layer) without the map drawing a frame, at street zoom and
// at country zoom; the panel's opening frame comes before the map is resized
// beside it (deferred-resize.ts), and the map then takes the narrower room;
// a drag still pans, and selects nothing; a press alone stops a flight under
// way (still-click.ts); the outline passes under a site marker standing on
// it and under another site's label (the project here is a copy with those
// two sites: national-app.ts).
import type { Polygon } from 'geojson';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { closeApp, mapIdle, type WatchedPage } from './harness';
import { areaCode as codeOf, openNationalApp } from './national-app';
import { syntheticAreas, syntheticCentre } from '../../bench/recolour/synthetic-areas';
import { decodePng, pixel } from './pixels';

const COUNT = 25_000;
/** The area whose outline passes under a site, standing on its ring's first vertex (east), and under the label of a
 * second site just west of its sixth vertex (west; 0.006° is ~25 px at zoom 11.5), which reads to the right, across it. */
const UNDER_SITE = 20_000;
const WEST_OF_VERTEX = 0.006;
const ringOf = (i: number) => (syntheticAreas(COUNT).features[i].geometry as Polygon).coordinates[0] as [number, number][];
let opened: Awaited<ReturnType<typeof openNationalApp>> | undefined;
let watched: WatchedPage;

beforeAll(async () => {
  const ring = ringOf(UNDER_SITE);
  opened = await openNationalApp(COUNT, [
    { name: 'On the outline', lonLat: ring[0] },
    { name: 'Label across', lonLat: [ring[5][0] - WEST_OF_VERTEX, ring[5][1]] },
  ]);
  watched = opened.watched;
}, 600_000);

afterAll(() => closeApp(opened ?? {}));

/** Jumps to area i at `zoom`, waits for the map drawn, and gives the page position of the area's centre. */
async function showArea(page: Page, i: number, zoom: number): Promise<{ x: number; y: number }> {
  await page.evaluate(([c, z]) => void window.__cgmMap!.jumpTo({ center: c as [number, number], zoom: z as number }), [syntheticCentre(i, COUNT), zoom] as const);
  await mapIdle(page);
  return page.evaluate((c) => {
    const map = window.__cgmMap!;
    const r = map.getCanvas().getBoundingClientRect();
    const p = map.project(c);
    return { x: r.left + p.x, y: r.top + p.y };
  }, syntheticCentre(i, COUNT));
}

/**
 * Starts counting the map's frames once none has been drawn for three animation frames: under load a frame asked
 * for before the click (by the jump, after its idle) can still be waiting, and is not the click's.
 */
const countFrames = (page: Page) =>
  page.evaluate(async () => {
    const w = window as unknown as { __clickFrames: number };
    w.__clickFrames = 0;
    window.__cgmMap!.on('render', () => void w.__clickFrames++);
    const animationFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    for (let seen = -1; seen !== w.__clickFrames; ) {
      seen = w.__clickFrames;
      for (let i = 0; i < 3; i++) await animationFrame();
    }
    w.__clickFrames = 0;
  });
const frames = (page: Page) => page.evaluate(() => (window as unknown as { __clickFrames: number }).__clickFrames);

/** The outline's area code, and whether its path's box holds page point `at` and is smaller than `maxPx` across. */
const outline = (page: Page, at: { x: number; y: number }, maxPx: number) =>
  page.evaluate(
    ([at, maxPx]) => {
      const svg = document.querySelector('.map-canvas svg.selection-outline') as SVGSVGElement | null;
      const path = svg?.querySelector('path');
      const box = path?.getBoundingClientRect();
      const holds = Boolean(box && box.width > 0 && box.left <= at.x && at.x <= box.right && box.top <= at.y && at.y <= box.bottom && box.width < maxPx && box.height < maxPx);
      return { code: svg?.dataset.areaCode ?? null, holds };
    },
    [at, maxPx] as const,
  );

it('opens the panel in a frame of its own, then gives the map the room beside it', async () => {
  const { page } = watched;
  const at = await showArea(page, 4_321, 13);
  expect(await page.locator('.area-panel').count()).toBe(0);
  // The map canvas's width when the panel appears, and at the start of the frame after that one.
  await page.evaluate(() => {
    const w = window as unknown as { __widths: number[] };
    w.__widths = [];
    const canvas = window.__cgmMap!.getCanvas();
    const seen = new MutationObserver(() => {
      if (!document.querySelector('.area-panel') || w.__widths.length) return;
      seen.disconnect();
      w.__widths.push(canvas.clientWidth);
      requestAnimationFrame(() => requestAnimationFrame(() => w.__widths.push(canvas.clientWidth)));
    });
    seen.observe(document.body, { childList: true, subtree: true });
  });
  const before = await page.evaluate(() => window.__cgmMap!.getCanvas().clientWidth);
  await page.mouse.click(at.x, at.y);
  await expect.poll(() => page.locator('.area-panel').getAttribute('data-area-code'), { timeout: 30_000 }).toBe(codeOf(4_321));
  await expect.poll(() => page.evaluate(() => (window as unknown as { __widths: number[] }).__widths.length), { timeout: 30_000 }).toBe(2);
  // The map is resized a frame after its container: the panel's frame and the next began with the old canvas width.
  expect(await page.evaluate(() => (window as unknown as { __widths: number[] }).__widths)).toEqual([before, before]);
  const room = await page.evaluate(() => document.querySelector('.map-canvas')!.clientWidth);
  expect(room).toBeLessThan(before - 100); // the docked panel took its width
  await expect.poll(() => page.evaluate(() => window.__cgmMap!.getCanvas().clientWidth), { timeout: 30_000 }).toBe(room);
}, 120_000);

/**
 * Clicks area i at page point `at` and waits for its panel and its outline (a box holding `at`, under `maxPx`
 * across), with the map's frames counted from a quiet map: the map draws none for the click (a second).
 */
async function clickDrawsNoMapFrame(page: Page, i: number, at: { x: number; y: number }, maxPx: number): Promise<void> {
  await countFrames(page);
  await page.mouse.click(at.x, at.y);
  await expect.poll(() => page.locator('.area-panel').getAttribute('data-area-code'), { timeout: 30_000 }).toBe(codeOf(i));
  await expect.poll(() => outline(page, at, maxPx), { timeout: 30_000 }).toEqual({ code: codeOf(i), holds: true });
  await page.waitForTimeout(1000);
  expect(await frames(page)).toBe(0);
}

it('outlines the clicked area over the map at street zoom, drawing no map frame', async () => {
  const { page } = watched;
  const i = 12_345;
  const at = await showArea(page, i, 13);
  // 25,000 synthetic areas: one grid cell is ~0.052° (~3.4 km) across, ~600 px at zoom 13 and ~7 px at 6.5.
  await clickDrawsNoMapFrame(page, i, at, 1500);
  // No deck.gl layer draws the selection on a national level.
  const ids = await page.evaluate(() => {
    type Overlay = { _props: { layers: { id: string }[] } };
    const overlay = (window.__cgmMap as unknown as { _controls: Partial<Overlay>[] })._controls.find((c) => c._props?.layers) as Overlay;
    return overlay._props.layers.map((l) => l.id);
  });
  expect(ids.some((id) => id.endsWith(':selected'))).toBe(false);
  // The outline follows the map: panned by 100 px, its box holds the area's centre where it is now.
  await page.evaluate(() => void window.__cgmMap!.panBy([100, 0], { animate: false }));
  await mapIdle(page);
  await expect.poll(() => outline(page, { x: at.x - 100, y: at.y }, 1500), { timeout: 30_000 }).toEqual({ code: codeOf(i), holds: true });
}, 120_000);

it('outlines the clicked area at country zoom, drawing no map frame, and clears the outline with the panel', async () => {
  const { page } = watched;
  const i = 7_777;
  const at = await showArea(page, i, 6.5);
  expect(await page.locator('.map-canvas').getAttribute('data-area-drawing')).toBe('raster');
  // A pixel or two at this zoom; the stroke's 3 px round it out.
  await clickDrawsNoMapFrame(page, i, at, 20);
  await page.getByRole('button', { name: 'Close area details' }).click();
  await expect.poll(() => page.locator('.area-panel').count(), { timeout: 30_000 }).toBe(0);
  await expect.poll(() => page.evaluate(() => document.querySelector('.map-canvas svg.selection-outline path')?.getAttribute('d') ?? null)).toBe('');
}, 120_000);

it('still pans on a drag, which selects nothing', async () => {
  const { page } = watched;
  const at = await showArea(page, 9_999, 13);
  const centre = () => page.evaluate(() => window.__cgmMap!.getCenter().toArray());
  const before = await centre();
  const panel = () => page.locator('.area-panel').getAttribute('data-area-code', { timeout: 1000 }).catch(() => null);
  const shown = await panel();
  expect(shown).not.toBe(codeOf(9_999));
  await page.mouse.move(at.x, at.y);
  await page.mouse.down();
  for (let k = 1; k <= 5; k++) await page.mouse.move(at.x - 30 * k, at.y);
  await page.mouse.up();
  await expect.poll(async () => (await centre())[0], { timeout: 30_000 }).toBeGreaterThan(before[0]); // dragged west: the map moves east
  await page.waitForTimeout(500);
  expect(await panel()).toBe(shown);
}, 120_000);

it('stops a camera flight at a press, before any move, as the pan did when a press made it active', async () => {
  const { page } = watched;
  const at = await showArea(page, 3_000, 6.5);
  const moving = () => page.evaluate(() => window.__cgmMap!.isMoving());
  const far = syntheticCentre(24_000, COUNT);
  // Two minutes long (essential: a reduced-motion setting would make it a jump).
  await page.evaluate((c) => void window.__cgmMap!.flyTo({ center: c as [number, number], zoom: 6.5, duration: 120_000, essential: true }), far);
  expect(await moving()).toBe(true);
  await page.mouse.move(at.x, at.y);
  await page.mouse.down();
  await expect.poll(moving, { timeout: 30_000 }).toBe(false);
  // Stopped where it was, degrees short of the flight's end.
  const [lon, lat] = await page.evaluate(() => window.__cgmMap!.getCenter().toArray());
  expect(Math.hypot(lon - far[0], lat - far[1])).toBeGreaterThan(1);
  await page.mouse.up();
}, 120_000);

it("keeps the outline under a site's marker and a site's label, as the map's own selection layer lay under them", async () => {
  const { page } = watched;
  const ring = ringOf(UNDER_SITE);
  // At 11.5 a cell is ~210 px wide and ~370 tall (Mercator at 55° N): whole in the map beside the panel, its top clear of the legend.
  const at = await showArea(page, UNDER_SITE, 11.5);
  await page.mouse.click(at.x, at.y);
  await expect.poll(() => page.locator('.area-panel').getAttribute('data-area-code'), { timeout: 30_000 }).toBe(codeOf(UNDER_SITE));
  // The map resized beside the panel, if it had to: centred on the area again, drawn, its outline on.
  await expect.poll(() => page.evaluate(() => window.__cgmMap!.getCanvas().clientWidth === document.querySelector('.map-canvas')!.clientWidth), { timeout: 30_000 }).toBe(true);
  const centre = await showArea(page, UNDER_SITE, 11.5);
  await expect.poll(() => outline(page, centre, 1500), { timeout: 30_000 }).toEqual({ code: codeOf(UNDER_SITE), holds: true });
  await page.mouse.move(0, 0); // no hover card over the map
  await expect.poll(() => page.locator('.hover-card').count(), { timeout: 30_000 }).toBe(0);
  // A site stands on the ring's first vertex (east of the centre); its third (north-north-east, ~170 px away) has none;
  // the second site's label lies over its sixth (west).
  const points = await page.evaluate(
    (cs) => {
      const map = window.__cgmMap!;
      const box = document.querySelector('.map-canvas')!.getBoundingClientRect();
      const r = map.getCanvas().getBoundingClientRect();
      return cs.map((c) => {
        const p = map.project(c as [number, number]);
        return { x: r.left - box.left + p.x, y: r.top - box.top + p.y };
      });
    },
    [ring[0], ring[2], ring[5]],
  );
  const label = await page.evaluate(() => Object.values(window.__cgmSiteLabels ?? {}).flat().find((l) => l.text === 'Label across')?.box ?? null);
  const west = points[2];
  expect(label, 'the label of the site west of the area').not.toBeNull();
  // To the right of its marker, 3 px and more around the vertex on every side.
  expect(label!.x + 3 <= west.x && west.x <= label!.x + label!.width - 3 && label!.y + 3 <= west.y && west.y <= label!.y + label!.height - 3, `vertex ${JSON.stringify(west)} in ${JSON.stringify(label)}`).toBe(true);
  /** The map's element (canvas and outline together) with the outline shown or hidden: the colours at the three vertices. */
  const colours = async (shown: boolean) => {
    await page.evaluate((v) => void ((document.querySelector('.map-canvas svg.selection-outline') as SVGSVGElement).style.visibility = v), shown ? 'visible' : 'hidden');
    const png = decodePng(await page.locator('.map-canvas').screenshot());
    return points.map(({ x, y }) => pixel(png, Math.floor(x), Math.floor(y)));
  };
  const [onSite, away, onLabel] = await colours(true);
  const [siteAlone, awayAlone, labelAlone] = await colours(false);
  const near = (a: number[], b: number[], by: number) => a.every((v, k) => Math.abs(v - b[k]) <= by);
  // The outline is drawn (its colour, rgb(17, 24, 39), where no site is) and not over the site's marker.
  expect(near(away, [17, 24, 39], 12), `outline ${away}, map under it ${awayAlone}`).toBe(true);
  expect(near(awayAlone, [17, 24, 39], 40)).toBe(false);
  expect(near(onSite, siteAlone, 2), `at the site ${onSite} with the outline, ${siteAlone} without`).toBe(true);
  expect(near(siteAlone, [17, 24, 39], 40)).toBe(false);
  expect(near(onLabel, labelAlone, 2), `on the label ${onLabel} with the outline, ${labelAlone} without`).toBe(true);
}, 120_000);

it('logged no console errors', () => {
  expect(watched.consoleErrors).toEqual([]);
});
