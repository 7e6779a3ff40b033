// The users import's hot path on typed arrays (bench/README.md, users 2026-12-03 09:00):
// cells counted in an open-addressing table and ordered by a radix sort must give
// exactly the cells, counts, order and summary a Map of joined strings gives, and
// the directory's sampled search must find exactly what a binary search finds.
import { afterAll, describe, expect, it } from 'vitest';
import { importAssignments, importUsers } from '../../electron/importers/index';
import { SOURCE_ID, UserCounts, radixOrder } from '../../electron/importers/user-counts';
import type { SegmentSource } from '../../electron/importers/user-counts';
import { UserDirectory } from '../../electron/importers/user-directory';
import { DIRECTORIES, RUTLAND, bytes, directoryProject, tempDir } from './helpers';
import { mulberry32 } from '../support/random';

describe('UserCounts', () => {
  it('counts and orders cells as a Map of joined strings sorted as text does', () => {
    // Area codes out of text order (the index's order is the directory's), names that
    // sort differently as numbers and text ('10' < '9'), enough cells to grow the table many times.
    const areas = Array.from({ length: 3000 }, (_, i) => `E0${String((i * 7919) % 3000).padStart(7, '0')}`);
    const schemes = ['OAC 2021', 'Mosaic', '2021'];
    const segments = ['', '1', '9', '10', 'A1', 'b'];
    const periods = ['', '2024-01', '2023-12', '2024-10', '2024-9'];
    const sources: SegmentSource[] = ['users-file', 'area', 'postcode'];
    const counts = new UserCounts(areas, schemes, 'month');
    const reference = new Map<string, number>();
    const firstSeen: string[] = [];
    const next = mulberry32(7);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)];
    for (let i = 0; i < 200_000; i++) {
      const area = Math.floor(next() * next() * areas.length); // skewed: some cells counted many times
      const scheme = Math.floor(next() * (schemes.length + 1)) - 1;
      const [segment, period, source] = [pick(segments), pick(periods), pick(sources)];
      counts.add(area, scheme, counts.segmentId(segment), counts.periodId(period), SOURCE_ID[source]);
      const cell = [areas[area], scheme < 0 ? '' : schemes[scheme], segment, period, source].join('\u0000');
      if (!reference.has(cell)) firstSeen.push(cell);
      reference.set(cell, (reference.get(cell) ?? 0) + 1);
    }
    const expected = [...reference].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([cell, n]) => [...cell.split('\u0000'), n]);
    expect(counts.size).toBe(reference.size);
    expect(reference.size).toBeGreaterThan(50_000);
    expect(counts.sortedCells()).toEqual(expected);

    // Summary: users per scheme and source, keys in the order the cells were first counted.
    const totals: Record<string, Record<string, number>> = {};
    for (const cell of firstSeen) {
      const [, scheme, , , source] = cell.split('\u0000');
      if (scheme) (totals[scheme] ??= {})[source] = 0;
    }
    for (const [cell, n] of reference) {
      const [, scheme, , , source] = cell.split('\u0000');
      if (scheme) totals[scheme][source] += n;
    }
    expect(JSON.stringify(counts.sourceTotals())).toBe(JSON.stringify(totals));
  });

  it('radixOrder orders distinct keys up to 2^53 as a numeric sort does', () => {
    const next = mulberry32(11);
    for (const max of [1, 2 ** 16, 2 ** 31, 2 ** 40, 2 ** 53 - 1]) {
      const keys = new Float64Array([...new Set(Array.from({ length: 20_000 }, () => Math.floor(next() * max)))]);
      const order = radixOrder(keys);
      expect(Array.from(order, (i) => keys[i])).toEqual(Array.from(keys).sort((a, b) => a - b));
    }
    expect(Array.from(radixOrder(new Float64Array([2 ** 53 - 1, 0, 2 ** 32, 2 ** 32 - 1])))).toEqual([1, 3, 2, 0]);
  });
});

describe.each(DIRECTORIES)('UserDirectory.position on the %s directory', (_name, dir) => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('finds every postcode and misses every neighbour, as a binary search of the index does', async () => {
    const p = await directoryProject(tmp.dir, dir);
    const directory = new UserDirectory(p.db);
    const keys = directory.index.keys;
    expect(keys.length).toBeGreaterThan(64); // more than two sampled blocks
    // Each key, the keys either side of it (mostly absent), below the first and past the last.
    const asked = [0, keys[0] - 1, ...Array.from(keys).flatMap((k) => [k - 1, k, k + 1]), keys[keys.length - 1] + 1, 38 ** 8];
    for (const key of asked) {
      const expected = directory.index.find(key);
      if (directory.position(key) !== expected) expect([key, directory.position(key)]).toEqual([key, expected]);
    }
    expect(Array.from(keys, (k) => directory.position(k))).toEqual(Array.from(keys, (_, i) => i));
    p.close();
  });
});

describe('schemes users are attributed to', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('accepts a scheme with only counted assignments and refuses one with nothing to attribute to', async () => {
    const p = await directoryProject(tmp.dir, RUTLAND);
    // Counts per area x segment (no one-segment area): the users are counted with no segment, shared out at analysis.
    const counted = 'oa,segment,households\nE00069606,no_car,10\nE00069606,one_car,20\nE00069613,no_car,5\n';
    await importAssignments(p, { name: 'cars.csv', data: bytes(counted) }, { scheme: 'Cars', areaField: 'oa', segmentField: 'segment', countField: 'households' });
    const users = { name: 'users.csv', data: bytes('post_code\nLE15 0AQ\nLE15 6NT\n') };
    const s = await importUsers(p, users, { service: 'Clinic', postcodeField: 'post_code', schemes: ['Cars'] });
    expect(s.imported).toBe(2);
    expect(p.db.prepare("SELECT area_code, scheme, segment_code, count FROM cgm_user_counts WHERE service = 'Clinic' ORDER BY area_code").raw().all())
      .toEqual([['E00069606', 'Cars', '', 1], ['E00069613', 'Cars', '', 1]]);
    await expect(importUsers(p, users, { service: 'Clinic', postcodeField: 'post_code', schemes: ['Nothing'] }))
      .rejects.toThrow('scheme "Nothing" has no assignments or postcode lookup to attribute users to');
    p.close();
  });
});
