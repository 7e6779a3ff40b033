import { describe, expect, it } from 'vitest';
import { comparePriority, overlaps, placeLabels, type LabelCandidate } from '../../shared/cartography/label-placement';
import { peopleServedBySite, placeSiteLabels, siteLabelText } from '../../renderer/src/layers/site-labels';
import type { Site } from '../../renderer/src/project/types';

const opts = { markerRadius: 5, gap: 2 };
const cand = (id: string, x: number, y: number, width = 40, priority = 0): LabelCandidate<string> => ({ id, x, y, width, height: 16, priority });

describe('placeLabels', () => {
  it('puts a lone label to the right of its marker, clear of it', () => {
    // right: x = 100 + 5 + 2 = 107, y = 50 - 16 / 2 = 42
    expect(placeLabels([cand('a', 100, 50)], opts)).toEqual([{ id: 'a', side: 'right', box: { x: 107, y: 42, width: 40, height: 16 } }]);
  });

  it('moves the lower-priority label to the next free side when two would overlap', () => {
    // b is 30 px right of a: a's right box (107..147) covers b's marker (125..135), so a, placed first, goes left (53..93);
    // b then takes its right (137..177), clear of a's box and a's marker.
    const placed = placeLabels([cand('b', 130, 50, 40, 0), cand('a', 100, 50, 40, 1)], opts);
    expect(placed.map((p) => [p.id, p.side])).toEqual([['a', 'left'], ['b', 'right']]);
    expect(placed[0].box).toEqual({ x: 53, y: 42, width: 40, height: 16 });
    expect(overlaps(placed[0].box, placed[1].box)).toBe(false);
  });

  it('drops a label with no free side, keeping the higher priority one', () => {
    // Four markers hemming in the low-priority one at (100, 50) on every side.
    const ring = [cand('r', 140, 50, 10, 5), cand('l', 60, 50, 10, 5), cand('u', 100, 20, 10, 5), cand('d', 100, 80, 10, 5)];
    const placed = placeLabels([cand('low', 100, 50, 60, 0), ...ring], opts);
    expect(placed.map((p) => p.id)).not.toContain('low');
    expect(placed).toHaveLength(4);
  });

  it('never lets two placed labels overlap, whatever the crowding', () => {
    // 60 sites packed in a 200 x 120 px square (a seeded grid with jitter).
    const cands = Array.from({ length: 60 }, (_, i) => cand(`s${i}`, 20 + (i % 10) * 18 + ((i * 7) % 5), 20 + Math.floor(i / 10) * 17, 30 + (i % 4) * 10, i % 3));
    const placed = placeLabels(cands, opts);
    expect(placed.length).toBeGreaterThan(0);
    expect(placed.length).toBeLessThan(60);
    for (let i = 0; i < placed.length; i++) for (let j = i + 1; j < placed.length; j++) expect(overlaps(placed[i].box, placed[j].box)).toBe(false);
    // ... nor cover another site's marker.
    for (const p of placed)
      for (const c of cands) if (c.id !== p.id) expect(overlaps(p.box, { x: c.x - 5, y: c.y - 5, width: 10, height: 10 })).toBe(false);
  });

  it('ranks by a list of priorities, first number first, then the next', () => {
    expect(comparePriority([1, 0], [0, 900])).toBeGreaterThan(0);
    expect(comparePriority([1, 5, 0], [1, 5, 1])).toBeLessThan(0);
    expect(comparePriority([1, 5], [1, 5, 0])).toBe(0);
    expect(comparePriority(2, [1, 9])).toBeGreaterThan(0);
    // Two labels that want the same space: [1, 10] beats [1, 9] whatever the order given.
    for (const order of [[cand('x', 130, 50, 40), cand('y', 100, 50, 40)], [cand('y', 100, 50, 40), cand('x', 130, 50, 40)]]) {
      const ranked = order.map((c) => ({ ...c, priority: c.id === 'x' ? [1, 10] : [1, 9] }));
      // x (at 130) keeps its right side; y's right (107..147) would cover x's marker (125..135) and its left is free.
      expect(placeLabels(ranked, opts).map((p) => [p.id, p.side])).toEqual([['x', 'right'], ['y', 'left']]);
    }
  });

  it('keeps each label clear of a marker by that marker\'s own size', () => {
    // a at 100 (right box 107..147). b at 160: with the options' 5 px its marker (155..165) leaves a's right side free;
    // with its own 20 px the marker spans 140..180 and covers it, so a goes left; b's label starts 20 + 2 px right of it.
    expect(placeLabels([cand('a', 100, 50, 40, 1), cand('b', 160, 50, 40, 0)], opts).find((p) => p.id === 'a')?.side).toBe('right');
    const placed = placeLabels([cand('a', 100, 50, 40, 1), { ...cand('b', 160, 50, 40, 0), markerRadius: 20 }], opts);
    expect(placed.find((p) => p.id === 'a')?.side).toBe('left');
    expect(placed.find((p) => p.id === 'b')?.box.x).toBe(182);
  });

  it('keeps labels inside the bounds when asked', () => {
    // Near the right edge the right side would leave the 150 px map, so the label goes left.
    expect(placeLabels([cand('a', 140, 50)], { ...opts, bounds: { x: 0, y: 0, width: 150, height: 100 } })[0].side).toBe('left');
  });
});

const site = (id: number, name: string, code: string | null, lon: number, lat: number, proposed = false): Site =>
  ({ id, service: 'gp', code, name, type: 'gp', lon, lat, openingHours: null, proposed }) as Site;
/** 1 degree = 1000 px, y down. */
const project1000 = (lon: number, lat: number): [number, number] => [lon * 1000, -lat * 1000];

describe('site labels', () => {
  it('label a site by its name, else its code, never "null"', () => {
    expect(siteLabelText({ name: 'Oakham Medical Practice', code: 'C82040' })).toBe('Oakham Medical Practice');
    expect(siteLabelText({ name: '', code: 'C82040' })).toBe('C82040');
    expect(siteLabelText({ name: 'null', code: null })).toBe('');
    expect(siteLabelText({ name: null as unknown as string, code: null })).toBe('');
  });

  it('places the demo pair that overlapped (Westfield over Kestrelford) apart, offsets measured from the point', () => {
    // Projection: 1 degree = 1000 px; the two sites 12 px apart horizontally, as at a town-wide zoom.
    const sites = [site(1, 'Kestrelford Health Centre', 'K1', 0, 0), site(2, 'Westfield Surgery', 'W1', 0.012, 0)];
    const placed = placeSiteLabels([{ id: 'sites', sites, look: { text: siteLabelText, markerRadius: 8 } }], project1000, (t) => t.length * 7);
    expect(placed).toHaveLength(2);
    expect(overlaps(placed[0].box, placed[1].box)).toBe(false);
    for (const p of placed) {
      const [x, y] = [p.site.lon * 1000, -p.site.lat * 1000];
      // The text starts one left padding (5 px) inside its box, at the box's vertical middle.
      expect(p.offset).toEqual([p.box.x + 5 - x, p.box.y + p.box.height / 2 - y]);
    }
  });

  it('omits the label of a site with neither name nor code, but still keeps other labels off its marker', () => {
    const sites = [site(1, '', null, 0, 0), site(2, 'Ryhall Surgery', 'R1', -0.02, 0)];
    const placed = placeSiteLabels([{ id: 'sites', sites, look: { text: siteLabelText, markerRadius: 7 } }], project1000, (t) => t.length * 7);
    expect(placed.map((p) => p.text)).toEqual(['Ryhall Surgery']);
    // Ryhall at x = -20: its right label (-11 .. ) would cover the nameless marker at 0 (-7..7), so it goes left.
    expect(placed[0].box.x + placed[0].box.width).toBeLessThanOrEqual(-20 - 7);
  });

  // Two sites 10 px apart vertically (markers 8 px): whichever is placed first takes its right side, and the
  // other's right box (2..18 px down) would cover it, so the other goes left. The side shows who won.
  const stacked = (first: Site, second: Site) => [
    { ...first, lon: 0, lat: 0 },
    { ...second, lon: 0, lat: -0.01 },
  ];
  const sideOf = (placed: ReturnType<typeof placeSiteLabels>, id: number) => placed.find((p) => p.site.id === id)?.box.x ?? NaN;
  const look = { text: siteLabelText, markerRadius: 8 };
  const measure = (t: string) => t.length * 7;

  it('gives a real site\'s label the space before a proposed one\'s, placed in the same pass', () => {
    // The proposed site has the lower id, comes first and serves more people: being real still wins.
    const [proposed, real] = stacked(site(1, 'Barleythorpe (what-if)', null, 0, 0, true), site(2, 'Oakham Medical Practice', 'C82040', 0, 0));
    const served = new Map([[1, 9000], [2, 10]]);
    const groups = [
      { id: 'proposed:labels', sites: [proposed], look: { text: (x: Site) => `${siteLabelText(x)} (proposed)`, markerRadius: 10 } },
      { id: 'sites:labels', sites: [real], look },
    ];
    const placed = placeSiteLabels(groups, project1000, measure, served);
    expect(placed.map((p) => [p.group, p.text])).toEqual([
      ['sites:labels', 'Oakham Medical Practice'],
      ['proposed:labels', 'Barleythorpe (what-if) (proposed)'],
    ]);
    expect(sideOf(placed, 2)).toBe(10); // right of the real marker: 0 + 8 + 2
    expect(sideOf(placed, 1)).toBeLessThan(0); // the proposed one went left
    expect(overlaps(placed[0].box, placed[1].box)).toBe(false);
  });

  it('among real sites, the one nearest to more people keeps its place; then named before code-only; then the lower id', () => {
    const [a, b] = stacked(site(1, 'Uppingham Surgery', 'C82001', 0, 0), site(2, 'Empingham Medical Centre', 'C82002', 0, 0));
    const right = (served?: Map<number, number>, sites = [a, b]) => {
      const placed = placeSiteLabels([{ id: 'sites:labels', sites, look }], project1000, measure, served);
      return placed.find((p) => p.box.x === 10)?.site.id;
    };
    expect(right(new Map([[1, 100], [2, 5000]]))).toBe(2);
    expect(right(new Map([[1, 5000], [2, 100]]))).toBe(1);
    // Same people (none known): the named one before the code-only one.
    expect(right(undefined, [{ ...a, name: '' }, b])).toBe(2);
    expect(right(undefined, [a, { ...b, name: '' }])).toBe(1);
    // A full tie: the lower id, whatever order the sites come in.
    expect(right(undefined, [a, b])).toBe(1);
    expect(right(undefined, [b, a])).toBe(1);
  });

  it('never lets a proposed label overlap a real one when crowded', () => {
    // 30 real and 10 proposed sites in a 120 x 60 px patch (seeded by index).
    const real = Array.from({ length: 30 }, (_, i) => site(i + 1, `Site ${i}`, null, ((i * 37) % 120) / 1000, -((i * 23) % 60) / 1000));
    const proposed = Array.from({ length: 10 }, (_, i) => site(100 + i, `New ${i}`, null, ((i * 53) % 120) / 1000, -((i * 31) % 60) / 1000, true));
    const placed = placeSiteLabels(
      [
        { id: 'sites:labels', sites: real, look },
        { id: 'proposed:labels', sites: proposed, look: { ...look, markerRadius: 10 } },
      ],
      project1000,
      measure,
    );
    expect(placed.some((p) => p.group === 'proposed:labels') && placed.some((p) => p.group === 'sites:labels')).toBe(true);
    for (let i = 0; i < placed.length; i++) for (let j = i + 1; j < placed.length; j++) expect(overlaps(placed[i].box, placed[j].box)).toBe(false);
  });

  it('counts the people each site is nearest to from the coverage rows and the areas\' populations', () => {
    // E1 100 + E2 250 -> site 7; E3 has no population known; E4 reaches no site.
    const areas = [
      { code: 'E1', population: 100 },
      { code: 'E2', population: 250 },
      { code: 'E3', population: null },
      { code: 'E4', population: 40 },
    ];
    const nearest = new Map([
      ['E1', { nearestSiteId: 7 }],
      ['E2', { nearestSiteId: 7 }],
      ['E3', { nearestSiteId: 8 }],
      ['E4', { nearestSiteId: null }],
    ]);
    expect([...peopleServedBySite(areas, nearest)]).toEqual([[7, 350]]);
  });
});
