// The areas the page's own geometry code is tested on (area-index.ts,
// selection-outline.ts): two hand-drawn areas whose answers are known by eye,
// and Rutland's real OAs with the GeoJSON features the map drew from before.
import { afterAll, beforeAll } from 'vitest';
import type { Feature } from 'geojson';
import type { AreaGeometry } from '../../shared/contract/area-geometry';
import { areasFromColumns } from '../../renderer/src/project/area-geometry';
import { areaGeometry } from '../../electron/services/area-geometry';
import { areaColumns } from '../../electron/services/area-columns';
import { buildRutland, type RutlandProject } from '../support/rutland-project';

// HOLE: the square 0..2 x 50..52 less 0.5..1.5 x 50.5..51.5. ISLANDS: 3..4 x 50..51 and 5..5.5 x 50..50.5.
const ring = (x: number, y: number, s: number) => [x, y, x + s, y, x + s, y + s, x, y + s, x, y];
export const HAND: AreaGeometry = {
  level: 'OA',
  codes: ['HOLE', 'ISLANDS'],
  positions: Float64Array.from([...ring(0, 50, 2), ...ring(0.5, 50.5, 1), ...ring(3, 50, 1), ...ring(5, 50, 0.5)]),
  polygonStarts: Uint32Array.from([0, 10, 15, 20]),
  polygonArea: Uint32Array.from([0, 1, 1]),
  ringStarts: Uint32Array.from([0, 5, 10, 15, 20]),
  polygonRings: Uint32Array.from([0, 2, 3, 4]),
  triangles: new Uint32Array(0),
  bbox: [0, 50, 5.5, 52],
};

export interface RutlandAreas {
  /** The OA level's geometry as the page receives it. */
  g: AreaGeometry;
  /** The same areas as GeoJSON features (null geometry for an area without one), in the same order. */
  features: Feature[];
}

/** Rutland's OAs, built before the tests of the block it is called in and removed after them; read through the getter. */
export function rutlandAreas(): () => RutlandAreas {
  let rutland: RutlandProject | undefined;
  let areas: RutlandAreas | undefined;
  beforeAll(async () => {
    rutland = await buildRutland({ oac: false, population: false, postcodes: false, sites: false });
    const g = areaGeometry(rutland.project.db, 'OA');
    areas = { g, features: areasFromColumns(areaColumns(rutland.project.db, 'OA'), g).features };
  }, 120_000);
  afterAll(() => rutland?.cleanup());
  return () => areas!;
}
