// The users importer looks postcodes up in the project's directory a batch at a
// time (user-directory.ts) instead of loading it into a Map. On the real Rutland
// and Leeds Code-Point directories it must answer exactly as that Map did: every
// postcode's area and terminated status, misses for near-misses, and which
// districts the directory holds (a miss there is "not in directory").
import { afterAll, describe, expect, it } from 'vitest';
import { UserDirectory } from '../../electron/importers/user-directory';
import { DIRECTORIES, directoryEntries, directoryProject, tempDir } from './helpers';

describe.each(DIRECTORIES)('postcode look-ups for users on the %s directory', (_name, dir) => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('find exactly what a Map of the whole directory finds', async () => {
    const p = await directoryProject(tmp.dir, dir);
    // The reference: what importUsers built before, one pass over the table.
    const rows = p.db.prepare('SELECT postcode, area_code, status FROM cgm_postcodes').raw().all() as [string, string | null, string][];
    const areas = new Map(rows.map(([pc, area]) => [pc, area]));
    const terminated = new Set(rows.filter((r) => r[2] === 'terminated').map((r) => r[0]));
    const districts = new Set(rows.map(([pc]) => pc.slice(0, pc.indexOf(' '))));
    expect(rows.length).toBeGreaterThan(50);

    // Every postcode, each with a neighbour that differs in its last letter or its district's digit
    // (mostly absent, sometimes another real postcode), in a shuffled order and repeated.
    const near = rows.flatMap(([pc]) => [
      pc.slice(0, -1) + (pc.endsWith('Z') ? 'A' : String.fromCharCode(pc.charCodeAt(pc.length - 1) + 1)),
      pc.replace(/\d(?= )/, (d) => String((Number(d) + 1) % 10)),
    ]);
    const asked = [...rows.map((r) => r[0]), ...near, 'LE15 0AQ', 'ZZ99 3VZ', 'SW1A 1AA'].sort((a, b) => (a.length * 31 + a.charCodeAt(1)) % 7 - (b.length * 31 + b.charCodeAt(1)) % 7);
    const directory = new UserDirectory(p.db);
    const found = directoryEntries(directory, asked);
    let hits = 0;
    for (const pc of asked) {
      const entry = found.get(pc);
      expect(entry === undefined, pc).toBe(!areas.has(pc));
      if (!entry) continue;
      hits++;
      expect(entry).toEqual({ area: areas.get(pc), terminated: terminated.has(pc) });
      expect(directory.holdsDistrict(pc)).toBe(true);
    }
    expect(hits).toBeGreaterThanOrEqual(rows.length);
    expect(hits).toBeLessThan(asked.length);
    for (const pc of near) expect(directory.holdsDistrict(pc), pc).toBe(districts.has(pc.slice(0, pc.indexOf(' '))));
    // A district that is a prefix of a held one (LE1 of LE15, LS2 of LS22) is not held by it.
    for (const d of districts) {
      for (const shorter of [d.slice(0, -1)]) expect(directory.holdsDistrict(`${shorter} 1AA`), shorter).toBe(districts.has(shorter));
    }
    expect(directory.isEmpty()).toBe(false);
    expect(directoryEntries(directory, []).size).toBe(0);
    p.close();
  });
});
