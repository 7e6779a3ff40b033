// Generates the default demo town once per test file and parses it the way
// an importer would, so the tests check the files, not the generator's
// internals.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { generateDemoTown, type DemoTownManifest } from '../../data/demo/generate-demo-town';

export interface OsmWay {
  id: number;
  refs: number[];
  tags: Record<string, string>;
}

export interface DemoTown {
  dir: string;
  manifest: DemoTownManifest;
  oas: FeatureCollection<Polygon, { OA11CD: string; LSOA11CD: string }>;
  lsoas: FeatureCollection<Polygon, { LSOA11CD: string; LSOA11NM: string }>;
  csv(name: string): Record<string, string>[];
  csvHeader(name: string): string[];
  osm: { nodes: Map<number, [number, number]>; ways: OsmWay[]; text: string };
}

let cached: DemoTown | undefined;

export function loadDemoTown(): DemoTown {
  if (cached) return cached;
  const dir = mkdtempSync(join(tmpdir(), 'cgm-demo-'));
  const manifest = generateDemoTown(dir);
  const read = (name: string) => readFileSync(join(dir, name), 'utf8');
  cached = {
    dir,
    manifest,
    oas: JSON.parse(read('oa_boundaries.geojson')),
    lsoas: JSON.parse(read('lsoa_boundaries.geojson')),
    csv: (name) => parse(read(name), { columns: true, skip_empty_lines: true }),
    csvHeader: (name) => read(name).split('\n')[0].split(','),
    osm: parseOsm(read('roads.osm')),
  };
  return cached;
}

/** Enough of an OSM XML reader for flat generator output. */
function parseOsm(text: string): DemoTown['osm'] {
  const nodes = new Map<number, [number, number]>();
  for (const m of text.matchAll(/<node id="(\d+)" lat="([-\d.]+)" lon="([-\d.]+)"\/>/g)) {
    nodes.set(Number(m[1]), [Number(m[3]), Number(m[2])]);
  }
  const ways: OsmWay[] = [];
  for (const m of text.matchAll(/<way id="(\d+)">([\s\S]*?)<\/way>/g)) {
    const refs = [...m[2].matchAll(/<nd ref="(\d+)"\/>/g)].map((r) => Number(r[1]));
    const tags: Record<string, string> = {};
    for (const t of m[2].matchAll(/<tag k="([^"]*)" v="([^"]*)"\/>/g)) tags[t[1]] = t[2].replace(/&apos;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&');
    ways.push({ id: Number(m[1]), refs, tags });
  }
  return { nodes, ways, text };
}

export function oaByCode(town: DemoTown): Map<string, Feature<Polygon, { OA11CD: string; LSOA11CD: string }>> {
  return new Map(town.oas.features.map((f) => [f.properties.OA11CD, f]));
}

/** The UK postcode pattern (BS 7666 style) that a normaliser would apply. */
export const UK_POSTCODE =
  /^([A-PR-UWYZ]([0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKS-UW]|[A-HK-Y][0-9][ABEHMNPRV-Y])) [0-9][ABD-HJLNP-UW-Z]{2}$/;
