// Damaged and hostile .osm.pbf files: one clear error naming the file, memory
// bounded by the format's 32 MiB block limit, no temporary file, and the process
// (CLI or app) still standing. The files are built here, byte by byte.
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { createDeflate } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOsmPbf } from '../../electron/routing/osm-pbf';
import { importHandlers } from '../../electron/services/import-handlers';
import { ProjectSession } from '../../electron/services/project-session';
import { createProject } from '../../electron/store/project';
import { tempDir } from '../importers/helpers';
import { block, bytesField, osmHeader } from './pbf-writer';
import { quietContext } from '../support/handler-call';

const ROOT = resolve(import.meta.dirname, '../..');
const GiB = 1024 ** 3;

/** zlib of 1 GiB of zeros, streamed so the test never holds the gigabyte (level 1: ~4.5 MB in half a second). */
async function zlibBomb(): Promise<Buffer> {
  const deflate = createDeflate({ level: 1 });
  const parts: Buffer[] = [];
  deflate.on('data', (c: Buffer) => parts.push(c));
  const done = new Promise((r) => deflate.on('end', r));
  const zeros = Buffer.alloc(1 << 20);
  for (let i = 0; i < 1024; i++) if (!deflate.write(zeros)) await new Promise((r) => deflate.once('drain', r));
  deflate.end();
  await done;
  return Buffer.concat(parts);
}

const tmp = tempDir('cgm-pbf-damaged-');
const files: Record<string, Buffer> = {};
const path = (name: string) => join(tmp.dir, name);

beforeAll(async () => {
  const bomb = await zlibBomb();
  // A data block whose bytes inflate fine but are no protobuf: field 1 claims 65,535 bytes in a 7-byte message.
  files['garbage.osm.pbf'] = Buffer.concat([osmHeader(), block('OSMData', Buffer.from([0x0a, 0xff, 0xff, 0x03, 1, 2, 3]))]);
  // The same fault in the header block, a file of a few dozen bytes.
  files['tiny.osm.pbf'] = block('OSMHeader', Buffer.from([0x22, 0x7f, 0x4f, 0x73]));
  files['honest-bomb.osm.pbf'] = Buffer.concat([osmHeader(), block('OSMData', Buffer.alloc(0), { zlib: bomb, rawSize: GiB })]);
  files['lying-bomb.osm.pbf'] = Buffer.concat([osmHeader(), block('OSMData', Buffer.alloc(0), { zlib: bomb, rawSize: 1 << 20 })]);
  files['silent-bomb.osm.pbf'] = Buffer.concat([osmHeader(), block('OSMData', Buffer.alloc(0), { zlib: bomb, rawSize: 0 })]);
  files['huge-header.osm.pbf'] = Buffer.from([0x7f, 0xff, 0xff, 0xff, ...bytesField(1, 'OSMHeader')]);
  for (const [name, bytes] of Object.entries(files)) writeFileSync(path(name), bytes);
}, 60_000);
afterAll(() => tmp.cleanup());

/** Where block 2 starts: right after the header block this test wrote. */
const B2 = osmHeader().length;
const NOT_PBF = (name: string) => `${name}: not a readable OpenStreetMap PBF file, `;

describe('readOsmPbf on damaged files', () => {
  it.each([
    ['garbage.osm.pbf', new RegExp(`block 2 \\(byte ${B2}\\): field longer than its message$`)],
    ['tiny.osm.pbf', /block 1 \(byte 0\): field longer than its message$/],
    ['honest-bomb.osm.pbf', new RegExp(`block 2 \\(byte ${B2}\\): declares 1073741824 bytes uncompressed, over the format's 32 MiB limit$`)],
    ['lying-bomb.osm.pbf', new RegExp(`block 2 \\(byte ${B2}\\): inflates to more than its declared 1048576 bytes$`)],
    ['silent-bomb.osm.pbf', new RegExp(`block 2 \\(byte ${B2}\\): inflates to more than the format's 32 MiB limit$`)],
    ['huge-header.osm.pbf', /block 1 \(byte 0\): header length 2147483647 is outside 1\.\.65536 bytes \(not an OSM PBF file\?\)$/],
  ])('%s: one error naming the file and the block, memory bounded', async (name, reason) => {
    const before = process.resourceUsage().maxRSS;
    for (const input of [path(name), { name, data: files[name] }]) {
      const error = await readOsmPbf(input).then(() => null, (e: Error) => e);
      expect(error?.name).toBe('ImportError');
      expect(error?.message.startsWith(NOT_PBF(name))).toBe(true);
      expect(error?.message).toMatch(reason);
    }
    // maxRSS is the process's peak in KiB: inflating the gigabyte (as the old reader did) would lift it by ~1 GiB.
    expect(process.resourceUsage().maxRSS - before).toBeLessThan(96 * 1024);
  });
});

describe('the app and the CLI survive them', () => {
  const ctx = quietContext;

  it('the import handler answers with the error and leaves no temporary file', async () => {
    const privateTmp = path('tmp');
    mkdirSync(privateTmp);
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = privateTmp;
    const projectPath = path('app.gpkg');
    createProject(projectPath).close();
    const session = new ProjectSession(projectPath);
    try {
      const h = importHandlers(session);
      for (const name of ['garbage.osm.pbf', 'lying-bomb.osm.pbf']) {
        const data = files[name];
        const { uploadId, chunkBytes } = await h.beginImportUpload({ name, size: data.length }, ctx());
        for (let offset = 0; offset < data.length; offset += chunkBytes) {
          await h.putImportChunk({ uploadId, part: 'main', offset, dataBase64: data.subarray(offset, offset + chunkBytes).toString('base64') }, ctx());
        }
        const staged = await h.finishImportUpload({ uploadId }, ctx());
        await expect(h.runImport({ fileId: staged.fileId, kind: 'roads', options: {} }, ctx())).rejects.toThrow(NOT_PBF(name));
        await h.discardImportFile({ fileId: staged.fileId }, ctx());
      }
      // Started from the sources, the import worker thread loads them through tsx, which keeps its
      // compile cache (the app's own code, no data) in TMPDIR; nothing else may be left there.
      expect(readdirSync(privateTmp).filter((f) => !/^tsx-\d+$/.test(f))).toEqual([]);
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
      session.close();
    }
  });

  it('`cgm import roads` exits 1 with one line on stderr, in its own process', async () => {
    const projectPath = path('cli.gpkg');
    createProject(projectPath).close();
    const name = 'garbage.osm.pbf';
    const run = await promisify(execFile)(process.execPath, [join(ROOT, 'bin/cgm.mjs'), 'import', 'roads', '--project', projectPath, '--file', path(name)], { cwd: ROOT })
      .then(() => ({ code: 0, stderr: '' }), (e: { code: number; stderr: string }) => e);
    // The old reader threw inside its stream transform: an uncaught exception and a stack trace.
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`cgm import roads: ${NOT_PBF(name)}block 2 (byte ${B2}): field longer than its message\n`);
  }, 60_000);
});
