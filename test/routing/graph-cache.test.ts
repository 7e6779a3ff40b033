// The road graph kept in the project in chunks (schema 11). A national graph is
// ~0.8 GB, over the 512 MiB one value can take through better-sqlite3, so it was
// never kept and England's first band table failed; here a small graph split
// into 512-byte chunks must come back array for array, a lost chunk must be a miss,
// and a project saved with the old one-blob cache must upgrade and route.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGraph, type RoadGraph } from '../../electron/routing/graph-build';
import { profileKey, readCachedGraph, writeCachedGraph } from '../../electron/routing/graph-cache';
import { loadRoadData, projectGraph } from '../../electron/routing/roads-import';
import { usableNodes } from '../../electron/routing/snap';
import { openProject } from '../../electron/store/project';
import { projectSchemaVersion, SCHEMA_VERSION } from '../../electron/store/schema';
import { defaultProfile } from '../../shared/travel/profiles';
import { buildDemoRoutingProject, type DemoProject } from './demo-project';

const CHUNK = 512;
const ARRAYS = ['nodeIds', 'lon', 'lat', 'edgeSource', 'edgeTarget', 'edgeCost', 'edgeReverseCost', 'edgeLength', 'edgeWayId'] as const;
function expectSameGraph(got: RoadGraph, want: RoadGraph): void {
  for (const k of ARRAYS) expect(got[k], k).toEqual(want[k]);
  expect(got.csr).toEqual(want.csr);
}

describe('the road graph kept in chunks', () => {
  let demo: DemoProject;
  beforeAll(async () => {
    demo = await buildDemoRoutingProject();
  });
  afterAll(() => demo?.project.close());

  it('keeps a graph split over many chunks and reads it back array for array', () => {
    const profile = defaultProfile('drive');
    const fresh = buildGraph(loadRoadData(demo.project), profile);
    expect(fresh.csr.weights.byteLength).toBeGreaterThan(3 * CHUNK);
    writeCachedGraph(demo.project.db, profile, fresh, CHUNK);
    const chunks = demo.project.db.prepare('SELECT part, count(*) AS n FROM cgm_graph_arrays WHERE profile_key = ? GROUP BY part').all(profileKey(profile)) as { part: string; n: number }[];
    expect(chunks.length).toBe(13); // nine arrays of the graph, three of its arcs, its usable nodes
    expect(chunks.find((c) => c.part === 'csr.weights')!.n).toBe(Math.ceil(fresh.csr.weights.byteLength / CHUNK));
    expectSameGraph(readCachedGraph(demo.project.db, profile)!, fresh);
  });

  it('reads the edges and the nodes\' OSM ids only when first asked for, each apart, from the file when the connection that read the graph has closed', () => {
    const profile = defaultProfile('drive');
    const fresh = buildGraph(loadRoadData(demo.project), profile);
    writeCachedGraph(demo.project.db, profile, fresh, CHUNK);
    demo.project.db.pragma('wal_checkpoint(TRUNCATE)');
    const db = new Database(demo.path, { readonly: true });
    const kept = readCachedGraph(db, profile)!;
    // Snapping needs no edges: the usable nodes were kept with the graph.
    expect(kept.usable).toEqual(usableNodes(fresh));
    expect(Object.getOwnPropertyDescriptor(kept, 'edgeCost')!.get).toBeDefined();
    expect(Object.getOwnPropertyDescriptor(kept, 'nodeIds')!.get).toBeDefined();
    db.close();
    // A node's id named (a suggestion's candidate) reads the ids alone, not the edges.
    expect(kept.nodeIds).toEqual(fresh.nodeIds);
    expect(Object.getOwnPropertyDescriptor(kept, 'nodeIds')!.value).toBe(kept.nodeIds);
    expect(Object.getOwnPropertyDescriptor(kept, 'edgeCost')!.get).toBeDefined();
    expectSameGraph(kept, fresh);
    expect(Object.getOwnPropertyDescriptor(kept, 'edgeCost')!.value).toBe(kept.edgeCost);
  });

  it('reads a graph whose node ids lost a chunk as no graph', () => {
    const profile = defaultProfile('drive');
    writeCachedGraph(demo.project.db, profile, buildGraph(loadRoadData(demo.project), profile), CHUNK);
    expect(readCachedGraph(demo.project.db, profile)).not.toBeNull();
    demo.project.db.prepare("DELETE FROM cgm_graph_arrays WHERE profile_key = ? AND part = 'nodeIds' AND chunk = 0").run(profileKey(profile));
    expect(readCachedGraph(demo.project.db, profile)).toBeNull();
  });

  it('gives a graph kept before its usable nodes were those nodes once, found from its edges, and snaps with them', () => {
    const profile = defaultProfile('walk');
    const fresh = buildGraph(loadRoadData(demo.project), profile);
    writeCachedGraph(demo.project.db, profile, fresh, CHUNK);
    const key = profileKey(profile);
    demo.project.db.prepare("DELETE FROM cgm_graph_arrays WHERE profile_key = ? AND part = 'usable'").run(key);
    expect(readCachedGraph(demo.project.db, profile)!.usable).toBeUndefined();
    const kept = projectGraph(demo.project, profile);
    expect(kept.usable).toEqual(usableNodes(fresh));
    expect(demo.project.db.prepare("SELECT count(*) FROM cgm_graph_arrays WHERE profile_key = ? AND part = 'usable'").pluck().get(key)).toBeGreaterThan(0);
    const again = readCachedGraph(demo.project.db, profile)!;
    expect(again.usable).toEqual(kept.usable);
    // Read again, the graph snaps without touching its edges.
    expect(Object.getOwnPropertyDescriptor(again, 'edgeSource')!.get).toBeDefined();
  });

  it('refuses the edges of a graph rebuilt since it was read', () => {
    const profile = defaultProfile('drive');
    writeCachedGraph(demo.project.db, profile, buildGraph(loadRoadData(demo.project), profile), CHUNK);
    const kept = readCachedGraph(demo.project.db, profile)!;
    demo.project.db.prepare("UPDATE cgm_graph_cache SET built_at = '2030-01-01T00:00:00.000Z' WHERE profile_key = ?").run(profileKey(profile));
    expect(() => kept.edgeSource).toThrow('the road graph was rebuilt while in use');
  });

  it('reads a graph with a chunk lost as no graph, and builds it again', () => {
    const profile = defaultProfile('walk');
    const fresh = buildGraph(loadRoadData(demo.project), profile);
    writeCachedGraph(demo.project.db, profile, fresh, CHUNK);
    demo.project.db.prepare("DELETE FROM cgm_graph_arrays WHERE profile_key = ? AND part = 'edgeCost' AND chunk = 1").run(profileKey(profile));
    expect(readCachedGraph(demo.project.db, profile)).toBeNull();
    expectSameGraph(projectGraph(demo.project, profile), fresh);
    expectSameGraph(readCachedGraph(demo.project.db, profile)!, fresh);
  });

  it('upgrades a schema 10 project holding the one-blob cache: the old cache goes and the next route builds and keeps its graph', () => {
    const file = join(demo.dir, 'v10.gpkg');
    demo.project.db.pragma('wal_checkpoint(TRUNCATE)');
    copyFileSync(demo.path, file);
    const db = new Database(file);
    db.exec(`DROP TABLE cgm_graph_arrays; DROP TABLE cgm_graph_cache;
      CREATE TABLE cgm_graph_cache (profile_key TEXT PRIMARY KEY, data BLOB NOT NULL, built_at TEXT NOT NULL);
      INSERT INTO cgm_graph_cache VALUES ('old', x'00010203', '2026-12-01T10:00:00.000Z');
      UPDATE cgm_meta SET value = '10' WHERE key = 'schema_version'`);
    db.close();
    const old = openProject(file);
    try {
      expect(projectSchemaVersion(old.db)).toBe(SCHEMA_VERSION);
      expect(old.db.prepare('SELECT count(*) FROM cgm_graph_cache').pluck().get()).toBe(0);
      const profile = defaultProfile('drive');
      expectSameGraph(projectGraph(old, profile), buildGraph(loadRoadData(old), profile));
      expect(old.db.prepare('SELECT node_count FROM cgm_graph_cache WHERE profile_key = ?').pluck().get(profileKey(profile))).toBeGreaterThan(100);
    } finally {
      old.close();
    }
  });
});
