import { describe, expect, it } from 'vitest';
import { overlaps, placeLabels, type LabelCandidate } from '../../shared/cartography/label-placement';
import { placeSiteLabels, siteLabelText } from '../../renderer/src/layers/site-labels';
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

  it('keeps labels inside the bounds when asked', () => {
    // Near the right edge the right side would leave the 150 px map, so the label goes left.
    expect(placeLabels([cand('a', 140, 50)], { ...opts, bounds: { x: 0, y: 0, width: 150, height: 100 } })[0].side).toBe('left');
  });
});

const site = (id: number, name: string, code: string | null, lon: number, lat: number): Site =>
  ({ id, service: 'gp', code, name, type: 'gp', lon, lat, openingHours: null }) as Site;

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
    const placed = placeSiteLabels(sites, { text: siteLabelText, markerRadius: 8 }, (lon, lat) => [lon * 1000, -lat * 1000], (t) => t.length * 7);
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
    const placed = placeSiteLabels(sites, { text: siteLabelText, markerRadius: 7 }, (lon, lat) => [lon * 1000, -lat * 1000], (t) => t.length * 7);
    expect(placed.map((p) => p.text)).toEqual(['Ryhall Surgery']);
    // Ryhall at x = -20: its right label (-11 .. ) would cover the nameless marker at 0 (-7..7), so it goes left.
    expect(placed[0].box.x + placed[0].box.width).toBeLessThanOrEqual(-20 - 7);
  });
});
