// OpenStreetMap highway values grouped into the classes a reader of a UK map
// expects; major roads in the warm tones of Ordnance Survey style maps.
import type { Feature } from 'geojson';
import type { RoadClass } from './types';

type RoadClassSpec = Omit<RoadClass, 'count'>;

/** Drawn bottom to top: paths under minor roads under major roads. */
export const ROAD_CLASSES: RoadClassSpec[] = [
  { id: 'path', label: 'Paths and tracks', highways: ['footway', 'path', 'cycleway', 'bridleway', 'steps', 'pedestrian', 'track'], colour: '#b9b4aa', casing: 'rgba(0,0,0,0)', widths: [0.6, 1.4] },
  { id: 'service', label: 'Service roads', highways: ['service', 'living_street'], colour: '#ffffff', casing: '#d6d2ca', widths: [0.8, 3] },
  { id: 'minor', label: 'Minor roads', highways: ['residential', 'unclassified', 'road'], colour: '#ffffff', casing: '#cfcac0', widths: [1.2, 6] },
  { id: 'tertiary', label: 'Local through roads', highways: ['tertiary', 'tertiary_link'], colour: '#fefbe8', casing: '#c9c09c', widths: [1.6, 8] },
  { id: 'secondary', label: 'B roads', highways: ['secondary', 'secondary_link'], colour: '#fde9a6', casing: '#c9a94a', widths: [2, 9] },
  { id: 'primary', label: 'A roads', highways: ['primary', 'primary_link'], colour: '#f8c57a', casing: '#b8843a', widths: [2.4, 10] },
  { id: 'trunk', label: 'Primary routes and motorways', highways: ['trunk', 'trunk_link', 'motorway', 'motorway_link'], colour: '#8fc1a0', casing: '#4d8a63', widths: [2.8, 11] },
];

export function roadClassOf(highway: unknown): string | null {
  const h = String(highway ?? '');
  return ROAD_CLASSES.find((c) => c.highways.includes(h))?.id ?? null;
}

/** Classes present in the project, with how many road segments each has. */
export function roadClassesIn(features: Feature[]): RoadClass[] {
  const counts = new Map<string, number>();
  for (const f of features) {
    const id = roadClassOf(f.properties?.highway);
    if (id) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return ROAD_CLASSES.filter((c) => counts.has(c.id)).map((c) => ({ ...c, count: counts.get(c.id) ?? 0 }));
}
