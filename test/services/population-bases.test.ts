// A households base beside the persons base, on real Rutland: Census 2021
// TS001 usual_residents as persons and in_households as households. Summed by
// hand over the file's 111 OAs: 35,594 persons, 33,325 households' residents;
// its first row, E00069547, has 366 and 345. `cgm info` lists both bases with
// their totals, the area layer carries both, and the map's population layer
// follows the chosen base.
import type { FeatureCollection } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPopulation } from '../../electron/importers/index';
import { areaLayer } from '../../electron/services/area-layer';
import { densityLayer, defaultBase, populationBases } from '../../renderer/src/layers/catalogue';
import { addAreaMeasures } from '../../renderer/src/project/area-measure';
import type { LoadedProject } from '../../renderer/src/project/types';
import { openProject } from '../../electron/store/project';
import { runCli } from '../cli/capture';
import { buildRutland, rutlandFile, type RutlandProject } from '../support/rutland-project';

let both: RutlandProject;
let personsOnly: RutlandProject;
beforeAll(async () => {
  const parts = { oac: false, sites: false } as const;
  personsOnly = await buildRutland({ ...parts, file: 'persons.gpkg' });
  both = await buildRutland({ ...parts, file: 'both.gpkg' });
  await importPopulation(both.project, rutlandFile('population_census2021_ts001_by_oa.csv'), { areaField: 'oa_code', countField: 'in_households', base: 'households' });
}, 120_000);
afterAll(() => {
  both?.cleanup();
  personsOnly?.cleanup();
});

const info = async (path: string) => {
  const r = await runCli(['info', '--project', path]);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
};

function layerOf(path: string, level: string): FeatureCollection {
  const p = openProject(path);
  try {
    return areaLayer(p.db, level);
  } finally {
    p.close();
  }
}

/** A project as the renderer loads it, at one level (only what the population layer reads). */
const loaded = (fc: FeatureCollection, level: string) => ({ level, scheme: null, segmentLevel: null, areas: addAreaMeasures(fc) }) as unknown as LoadedProject;

describe('cgm info lists every population base', () => {
  it('persons and households with their totals', async () => {
    both.project.close();
    const out = await info(both.path);
    expect(out.bases).toEqual([
      { base: 'persons', total: 35594, areas: 111 },
      { base: 'households', total: 33325, areas: 111 },
    ]);
    expect(out.counts.population).toBe(35594);
  });

  it('only persons where only persons are imported', async () => {
    personsOnly.project.close();
    expect((await info(personsOnly.path)).bases).toEqual([{ base: 'persons', total: 35594, areas: 111 }]);
  });
});

describe('the area layer and the population layer follow the base', () => {
  it('carries households beside the population, summed up to LSOA', () => {
    const oa = layerOf(both.path, 'OA');
    const first = oa.features.find((f) => f.properties!.code === 'E00069547')!.properties!;
    expect(first).toMatchObject({ population: 366, households: 345 });
    const lsoa = layerOf(both.path, 'LSOA');
    const sum = (fc: FeatureCollection, key: string) => fc.features.reduce((t, f) => t + (Number(f.properties![key]) || 0), 0);
    expect(sum(lsoa, 'households')).toBe(33325);
    expect(sum(lsoa, 'population')).toBe(35594);
    // A persons-only project's areas keep their attributes (no empty households column in its exports).
    expect(layerOf(personsOnly.path, 'OA').features.every((f) => !('households' in f.properties!))).toBe(true);
  });

  it('maps households per km² when households are chosen, people per km² otherwise', () => {
    const project = loaded(layerOf(both.path, 'OA'), 'OA');
    expect(populationBases(project)).toEqual(['persons', 'households']);
    expect(defaultBase(project)).toBe('persons');
    const people = densityLayer(project, 'persons');
    const households = densityLayer(project, 'households');
    expect(households.title).toBe('Population density (households)');
    if (people.style.type !== 'graduated-fill' || households.style.type !== 'graduated-fill') throw new Error('graduated styles expected');
    expect(households.style).toMatchObject({ measure: 'household_density', unit: 'households per km²' });
    // The classes span the households figures, not the persons ones.
    // 2011 OAs with no 2021 row (README "Join coverage") have no households figure and no class.
    const perKm2 = project.areas.features.filter((f) => typeof f.properties!.households === 'number').map((f) => f.properties!.households / f.properties!.area_km2);
    expect(perKm2).toHaveLength(111);
    expect(households.style.max).toBeCloseTo(Math.max(...perKm2), 9);
    expect(households.style.min).toBeCloseTo(Math.min(...perKm2), 9);
    expect(households.style.breaks).not.toEqual(people.style.breaks);
    expect(populationBases(loaded(layerOf(personsOnly.path, 'OA'), 'OA'))).toEqual(['persons']);
  });
});
