import * as turf from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { loadDemoTown } from './demo-town-fixture';

const town = loadDemoTown();
const { nodes, ways, text } = town.osm;

describe('demo town road network', () => {
  it('is OSM XML 0.6 from the demo generator', () => {
    expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<osm version="0.6" generator="cgm-demo">')).toBe(true);
    expect(text.trimEnd().endsWith('</osm>')).toBe(true);
  });

  it('has positive ids, ways that reference existing nodes, and no unused nodes', () => {
    const used = new Set<number>();
    for (const id of nodes.keys()) expect(id).toBeGreaterThan(0);
    for (const way of ways) {
      expect(way.id).toBeGreaterThan(0);
      expect(way.refs.length).toBeGreaterThanOrEqual(2);
      expect(way.tags.highway).toBeTruthy();
      for (const ref of way.refs) {
        expect(nodes.has(ref), `way ${way.id} → node ${ref}`).toBe(true);
        used.add(ref);
      }
    }
    expect(used.size).toBe(nodes.size);
    expect(new Set(ways.map((w) => w.id)).size).toBe(ways.length);
  });

  it('is one connected network', () => {
    const adjacent = new Map<number, number[]>();
    for (const way of ways) {
      for (let i = 0; i + 1 < way.refs.length; i++) {
        const [a, b] = [way.refs[i], way.refs[i + 1]];
        adjacent.set(a, [...(adjacent.get(a) ?? []), b]);
        adjacent.set(b, [...(adjacent.get(b) ?? []), a]);
      }
    }
    const start = ways[0].refs[0];
    const seen = new Set([start]);
    const queue = [start];
    while (queue.length) for (const n of adjacent.get(queue.pop()!) ?? []) if (!seen.has(n)) seen.add(n) && queue.push(n);
    expect(seen.size).toBe(nodes.size);
  });

  it('has every road class, a roundabout, one-way streets and a motorway junction', () => {
    const classes = new Set(ways.map((w) => w.tags.highway));
    for (const c of ['motorway', 'motorway_link', 'primary', 'secondary', 'tertiary', 'residential', 'footway']) {
      expect(classes.has(c), c).toBe(true);
    }
    const roundabouts = ways.filter((w) => w.tags.junction === 'roundabout');
    expect(roundabouts.length).toBeGreaterThanOrEqual(1);
    for (const r of roundabouts) expect(r.refs[0]).toBe(r.refs[r.refs.length - 1]);
    const roundaboutNodes = new Set(roundabouts.flatMap((r) => r.refs));
    const links = ways.filter((w) => w.tags.highway === 'motorway_link');
    expect(links.every((l) => l.refs.some((ref) => roundaboutNodes.has(ref)))).toBe(true);
    const motorwayNodes = new Set(ways.filter((w) => w.tags.highway === 'motorway').flatMap((w) => w.refs));
    expect(links.every((l) => l.refs.some((ref) => motorwayNodes.has(ref)))).toBe(true);
    const oneway = ways.filter((w) => w.tags.oneway === 'yes' && !w.tags.highway.startsWith('motorway'));
    expect(oneway.length).toBeGreaterThanOrEqual(3);
    for (const w of ways) if (w.tags.highway === 'residential') expect(w.tags.name).toBeTruthy();
  });

  it('puts a road node inside every OA, so every zone can be routed from', () => {
    const drivable = ways.filter((w) => !['motorway', 'motorway_link', 'footway'].includes(w.tags.highway));
    const points = turf.featureCollection([...new Set(drivable.flatMap((w) => w.refs))].map((id) => turf.point(nodes.get(id)!)));
    for (const oa of town.oas.features) {
      expect(turf.pointsWithinPolygon(points, oa).features.length, oa.properties.OA11CD).toBeGreaterThan(0);
    }
  });
});
