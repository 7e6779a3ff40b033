// The map's cached arrays are stored in chunks of 8 MiB (area-geometry-cache.ts
// says why: SQLite copies each bound chunk twice, and 64 MiB copies were fresh
// mmapped pages every time), and read back whole whatever the chunking: a
// project written with the earlier 64 MiB chunks still reads.
import { afterEach, describe, expect, it } from 'vitest';
import { readCachedGeometry, writeCachedGeometry, type CachedGeometry } from '../../electron/store/area-geometry-cache';
import { createProject, type Project } from '../../electron/store/project';
import { scratchDir } from './helpers';

describe('cached map arrays in chunks', () => {
  let project: Project | null = null;
  const scratch = scratchDir();
  afterEach(() => {
    project?.close();
    scratch.remove();
  });

  // 2.5M vertices: 40,000,000 bytes of positions, so 8 MiB chunks of 8,388,608 bytes make 4 whole ones and 6,445,568 left.
  const positions = Float64Array.from({ length: 5_000_000 }, (_, i) => i * 0.25 - 1e6);
  const small = Uint32Array.from([0, 3, 7]);
  const geometry: CachedGeometry = { positions, polygonStarts: small, polygonArea: small, ringStarts: small, polygonRings: small, triangles: new Uint32Array(0) };

  it('writes 8 MiB chunks and reads the same arrays back, from these or from one 64 MiB-era chunk', () => {
    project = createProject(scratch.file('p.gpkg'));
    const db = project.db;
    writeCachedGeometry(db, 'OA', 'f1', geometry);
    const sizes = db.prepare("SELECT length(data) FROM cgm_area_geometry_cache WHERE part = 'positions' ORDER BY chunk").pluck().all();
    expect(sizes).toEqual([8388608, 8388608, 8388608, 8388608, 6445568]);
    // Every array has its one chunk at least, the empty triangles too.
    expect(db.prepare("SELECT count(*) FROM cgm_area_geometry_cache WHERE part = 'triangles'").pluck().get()).toBe(1);
    const back = readCachedGeometry(db, 'OA', 'f1')!;
    expect(Buffer.from(back.positions.buffer).equals(Buffer.from(positions.buffer))).toBe(true);
    expect(Array.from(back.ringStarts)).toEqual([0, 3, 7]);
    // The same arrays as one chunk each (how a 64 MiB chunk held them): read back the same.
    db.prepare("DELETE FROM cgm_area_geometry_cache WHERE part = 'positions'").run();
    db.prepare("INSERT INTO cgm_area_geometry_cache (level, fingerprint, part, chunk, data) VALUES ('OA', 'f1', 'positions', 0, ?)").run(Buffer.from(positions.buffer));
    const joined = readCachedGeometry(db, 'OA', 'f1')!;
    expect(Buffer.from(joined.positions.buffer).equals(Buffer.from(positions.buffer))).toBe(true);
  });
});
