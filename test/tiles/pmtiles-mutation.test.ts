// A PMTiles file is chosen by the analyst or named by a project someone sent:
// whatever its bytes, opening it and asking for tiles must end (no hang), with
// either tiles or an Error (no crash, no unbounded memory). Real archives with
// gzip directories, leaf directories and run lengths, mutated by a seeded
// generator (byte flips, wild header offsets and lengths, truncation, runs of
// varint continuation bytes, random zooms, types and compressions), and three
// hand-made attacks: a leaf directory that points at itself, a directory
// offset past the end of the file, and a gzip bomb in place of the root.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { openTileFile } from '../../electron/tiles/open-tile-file';
import type { TileSource } from '../../electron/tiles/tile-source';
import { directoryBytes, solidPng, writePmtiles, type FixtureTile } from './fixtures';
import { mulberry32 as random } from '../support/random';

const dir = mkdtempSync(join(tmpdir(), 'cgm-pmtiles-mutation-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const red = solidPng([200, 30, 40], 16);
const blue = solidPng([20, 60, 210], 16);
const tiles: FixtureTile[] = [];
for (let z = 0; z <= 3; z++) for (let x = 0; x < 2 ** z; x++) for (let y = 0; y < 2 ** z; y++) tiles.push({ z, x, y, data: (x + y) % 3 === 0 ? red : blue });
const originals = {
  raster: writePmtiles(join(dir, 'raster.pmtiles'), tiles, { tileType: 2, leafSize: 4, metadata: { name: 'r', attribution: '© r' } }),
  vector: writePmtiles(join(dir, 'vector.pmtiles'), tiles.map((t) => ({ ...t, data: Buffer.from(`mvt ${t.z}/${t.x}/${t.y}`) })), { tileType: 1, tileCompression: 2, leafSize: 7, metadata: { vector_layers: [{ id: 'roads' }] } }),
  plain: writePmtiles(join(dir, 'plain.pmtiles'), tiles, { tileType: 2, internalCompression: 1, leafSize: 5 }),
};

const TIME_LIMIT_MS = 3000;
function withinTime<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`HANG: ${what} took over ${TIME_LIMIT_MS} ms`)), TIME_LIMIT_MS)));
  return Promise.race([work, hang]).finally(() => clearTimeout(timer));
}

type Outcome = 'opened' | 'refused';
/** Opens the file and reads every tile; returns how it ended, throwing only on a hang or a non-Error failure. */
async function exercise(path: string): Promise<Outcome> {
  let source: TileSource;
  try {
    source = await withinTime(openTileFile(path), `opening ${path}`);
  } catch (error) {
    if (error instanceof Error && error.message.startsWith('HANG')) throw error;
    expect(error).toBeInstanceOf(Error);
    // A refusal names the file, so the analyst knows which one.
    expect((error as Error).message).toContain(path);
    return 'refused';
  }
  try {
    for (const t of [...tiles, { z: 4, x: 3, y: 3 }, { z: 0, x: 0, y: 0 }]) {
      try {
        const bytes = await withinTime(source.getTile(t.z, t.x, t.y), `tile ${t.z}/${t.x}/${t.y} of ${path}`);
        expect(bytes === null || bytes instanceof Uint8Array).toBe(true);
      } catch (error) {
        if (error instanceof Error && error.message.startsWith('HANG')) throw error;
        expect(error).toBeInstanceOf(Error);
      }
    }
  } finally {
    source.close();
  }
  return 'opened';
}

function mutate(original: Buffer, rnd: () => number): Buffer {
  const b = Buffer.from(original);
  const at = (n: number) => Math.floor(rnd() * n);
  switch (at(6)) {
    case 0: // flip a few bytes anywhere
      for (let i = 0, n = 1 + at(8); i < n; i++) b[at(b.length)] = at(256);
      return b;
    case 1: // a header offset or length set wild: past the file, huge, or pointing inside the header
      b.writeBigUInt64LE(BigInt([0, 1, 126, b.length - 1, b.length + at(1000), 2 ** 40, 2 ** 53 - 1, at(b.length)][at(8)]), 8 + 8 * at(8));
      return b;
    case 2: // truncated anywhere
      return b.subarray(0, at(b.length));
    case 3: {
      // a run of varint continuation bytes over a directory
      const start = 127 + at(b.length - 127);
      b.fill(0xff, start, Math.min(b.length, start + 1 + at(40)));
      return b;
    }
    case 4: // zooms, tile type, compressions
      b[[97, 98, 99, 100, 101][at(5)]] = at(256);
      return b;
    default: // a stretch of random bytes inside the directories (after the header)
      for (let i = 127 + at(b.length - 127), end = Math.min(b.length, i + 1 + at(64)); i < end; i++) b[i] = at(256);
      return b;
  }
}

describe('mutated PMTiles archives', () => {
  it('open and serve unmutated (the baseline reads every tile)', async () => {
    for (const [name, bytes] of Object.entries(originals)) {
      const path = join(dir, `${name}-copy.pmtiles`);
      writeFileSync(path, bytes);
      const source = await openTileFile(path);
      for (const t of tiles) expect(await source.getTile(t.z, t.x, t.y), `${name} ${t.z}/${t.x}/${t.y}`).not.toBeNull();
      source.close();
    }
  });

  it('never hang or crash, over 450 seeded mutations', async () => {
    const rnd = random(20_2611);
    const counts: Record<Outcome, number> = { opened: 0, refused: 0 };
    for (let i = 0; i < 450; i++) {
      const [name, original] = Object.entries(originals)[i % 3];
      const path = join(dir, `m${i}-${name}.pmtiles`);
      writeFileSync(path, mutate(original, rnd));
      counts[await exercise(path)]++;
      rmSync(path);
    }
    // Both paths are exercised: damage found at open, and damage found (or harmless) when a tile is read.
    expect(counts.opened).toBeGreaterThan(40);
    expect(counts.refused).toBeGreaterThan(40);
  }, 120_000);
});

describe('hand-made attacks on the PMTiles decoder', () => {
  /** A header taken from a real archive, with the sections replaced. */
  function archive(root: Buffer, leaves: Buffer, internalCompression = 1): Buffer {
    const h = Buffer.from(originals.plain.subarray(0, 127));
    const sections = [root, Buffer.alloc(0), leaves, Buffer.alloc(0)];
    let offset = 127;
    sections.forEach((s, i) => {
      h.writeBigUInt64LE(BigInt(offset), 8 + i * 16);
      h.writeBigUInt64LE(BigInt(s.length), 16 + i * 16);
      offset += s.length;
    });
    h[97] = internalCompression;
    h[100] = 0;
    h[101] = 3;
    return Buffer.concat([h, ...sections]);
  }

  it('stops at the spec depth when a leaf directory points at itself', async () => {
    // One entry, run length 0 (a leaf), at leaf offset 0, 5 bytes long: itself.
    const loop = directoryBytes([{ tileId: 0, offset: 0, length: 5, runLength: 0 }]);
    expect(loop.length).toBe(5);
    const path = join(dir, 'loop.pmtiles');
    writeFileSync(path, archive(loop, loop));
    const source = await withinTime(openTileFile(path), 'opening loop.pmtiles');
    await expect(withinTime(source.getTile(0, 0, 0), 'loop tile')).rejects.toThrow(/depth/);
    source.close();
  });

  it('refuses a leaf directory past the end of the file, without reading it', async () => {
    const path = join(dir, 'far-leaf.pmtiles');
    writeFileSync(path, archive(directoryBytes([{ tileId: 0, offset: 2 ** 40, length: 2 ** 30, runLength: 0 }]), Buffer.alloc(0)));
    const source = await openTileFile(path);
    await expect(source.getTile(1, 0, 0)).rejects.toThrow(/truncated or damaged/);
    source.close();
  });

  it('refuses a gzip bomb in place of a leaf directory rather than inflating it', async () => {
    const bomb = gzipSync(Buffer.alloc(200 * 1024 * 1024)); // ~200 KB on disk
    const root = gzipSync(directoryBytes([{ tileId: 0, offset: 0, length: bomb.length, runLength: 0 }]));
    const path = join(dir, 'bomb.pmtiles');
    writeFileSync(path, archive(root, bomb, 2));
    const source = await openTileFile(path);
    await expect(withinTime(source.getTile(0, 0, 0), 'bomb tile')).rejects.toThrow(/buffer|larger|length/i);
    source.close();
  }, 30_000);
});
