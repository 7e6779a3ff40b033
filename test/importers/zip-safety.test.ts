// A zip is untrusted input. Several datasets, none, a zip inside a zip, names
// that climb out of their folder, truncation, damage, encryption, methods the
// app cannot inflate and sizes that lie are each refused with one clear line
// naming the file, nothing is written outside (or anywhere), and the project
// file stays byte for byte as it was.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/main';
import { ImportError } from '../../electron/importers/importer';
import { unzipDataset } from '../../electron/importers/zip-dataset';
import { describeStaged, StagedFiles } from '../../electron/services/import-staging';
import { createProject } from '../../electron/store/project';
import { RUTLAND, sha256, tempDir } from './helpers';
import { makeZip, shapefileEntries, type ZipEntrySpec, type ZipPatch } from './zip-helpers';

async function cgm(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: (t) => void (out += t), stderr: (t) => void (err += t) });
  return { code, out, err };
}

const MiB = 1024 * 1024;

describe('hostile and broken zips', () => {
  const tmp = tempDir('cgm-zip-safety-');
  const project = join(tmp.dir, 'project.gpkg');
  const stem = join(tmp.dir, 'shp', 'oa');
  let hash = '';
  let n = 0;
  const zip = (entries: ZipEntrySpec[], patches: ZipPatch[] = [], name = `z${++n}.zip`) => makeZip(join(tmp.dir, name), entries, patches);

  /** Imports through the CLI, expects exit 1 with exactly one line, and the project unchanged. */
  async function refused(file: string, args = ['boundaries', '--level', 'OA', '--code-field', 'OA11CD']): Promise<string> {
    const r = await cgm('import', ...args.slice(0, 1), '--project', project, '--file', file, ...args.slice(1), '--quiet');
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err.split('\n')).toHaveLength(2);
    expect(sha256(project)).toBe(hash);
    return r.err.replace(/^cgm import \w+: /, '').trimEnd();
  }

  beforeAll(async () => {
    mkdirSync(join(tmp.dir, 'shp'));
    execFileSync('/usr/bin/ogr2ogr', ['-t_srs', 'EPSG:27700', '-f', 'ESRI Shapefile', `${stem}.shp`, RUTLAND + 'oa11_boundaries.geojson']);
    createProject(project).close();
    // A project with something in it, so "unchanged" means more than "still empty".
    const r = await cgm('import', 'boundaries', '--project', project, '--file', RUTLAND + 'lsoa11_boundaries.geojson', '--level', 'LSOA', '--code-field', 'LSOA11CD', '--quiet');
    expect(r.code).toBe(0);
    hash = sha256(project);
  });
  afterAll(() => tmp.cleanup());

  it('two shapefiles: names both and says what to do', async () => {
    const file = zip([...shapefileEntries(stem, 'OA/', 'OA_2011'), ...shapefileEntries(stem, 'LSOA/', 'LSOA_2011')], [], 'two.zip');
    expect(await refused(file)).toBe('two.zip holds 2 shapefiles (OA/OA_2011.shp, LSOA/LSOA_2011.shp); unzip it and import the one you want');
  });

  it('a shapefile beside a CSV and a GeoJSON: three datasets, all named', async () => {
    const file = zip([...shapefileEntries(stem, '', 'oa'), { name: 'lookup.csv', text: 'a,b\n' }, { name: 'extra/points.geojson', text: '{}' }], [], 'mixed.zip');
    expect(await refused(file)).toBe('mixed.zip holds 3 datasets (oa.shp, lookup.csv, extra/points.geojson); unzip it and import the one you want');
  });

  it('nothing importable, a zip inside a zip, an empty zip', async () => {
    const none = zip([{ name: 'readme.txt', text: 'hello' }, { name: 'OA/oa.dbf', from: `${stem}.dbf` }], [], 'none.zip');
    expect(await refused(none)).toBe(
      'none.zip holds no file this app can import (it has readme.txt, OA/oa.dbf); expected a shapefile (.shp with its .dbf and .prj), .csv, .geojson or .gpkg',
    );
    const inner = zip(shapefileEntries(stem, '', 'oa'), [], 'inner.zip');
    const outer = zip([{ name: 'download/inner.zip', from: inner }, { name: 'licence.txt', text: 'OGL' }], [], 'outer.zip');
    expect(await refused(outer)).toBe('outer.zip holds another zip (download/inner.zip); zips inside zips are not supported: unzip it and import the file inside');
    expect(await refused(zip([], [], 'empty.zip'))).toBe('empty.zip: the zip holds no files');
  });

  it('a name that climbs out of its folder is refused and nothing is written anywhere', async () => {
    const deep = join(tmp.dir, 'a', 'b');
    mkdirSync(deep, { recursive: true });
    const before = readdirSync(tmp.dir).sort();
    for (const name of ['../../evil.shp', '..\\..\\evil.shp', '/tmp/evil.shp']) {
      const file = makeZip(join(deep, 'evil.zip'), [{ name, from: `${stem}.shp` }, { name: name.replace(/shp$/, 'dbf'), from: `${stem}.dbf` }]);
      expect(await refused(file)).toMatch(/^evil\.zip: refused, the entry "(\.\.\/\.\.\/|\/tmp\/)evil\.shp" would unzip outside its folder \(the zip may have been tampered with\)$/);
    }
    expect(readdirSync(tmp.dir).sort()).toEqual(before);
    expect(readdirSync(deep)).toEqual(['evil.zip']);
    expect(existsSync(join(tmp.dir, 'evil.shp')) || existsSync('/tmp/evil.shp')).toBe(false);

    // The same through the app's staging: refused, and the staged bytes let go.
    const staged = new StagedFiles();
    const entry = staged.add({ name: 'evil.zip', data: new Uint8Array(readFileSync(join(deep, 'evil.zip'))) });
    await expect(describeStaged(entry)).rejects.toThrow(/^evil\.zip: refused, the entry "\/tmp\/evil\.shp"/);
    staged.drop(entry.id);
    expect(staged.count).toBe(0);
  });

  it('truncated, damaged and not-a-zip files each get one clear line', async () => {
    const good = readFileSync(zip([...shapefileEntries(stem, 'OA/', 'oa')], [], 'good.zip'));
    writeFileSync(join(tmp.dir, 'partial.zip'), good.subarray(0, Math.floor(good.length * 0.6)));
    expect(await refused(join(tmp.dir, 'partial.zip'))).toMatch(
      /^partial\.zip: not a readable zip file; it may be damaged or only partly downloaded \(End of central directory record signature not found/,
    );
    // Bytes flipped inside the .shp's compressed data (the first entry): the header still parses.
    const damaged = Buffer.from(good);
    for (let i = 2000; i < 2400; i++) damaged[i] ^= 0x5a;
    writeFileSync(join(tmp.dir, 'damaged.zip'), damaged);
    expect(await refused(join(tmp.dir, 'damaged.zip'))).toMatch(/^damaged\.zip › OA\/oa\.shp: cannot be unzipped, the zip is damaged, only partly downloaded or not what it claims \(.+\)$/);
    // Stored (uncompressed) data has no inflate step to trip over: only the CRC-32 notices a changed byte.
    const stored = Buffer.from(readFileSync(zip([{ name: 'pop.csv', text: 'oa_code,count\nE00069554,312\n', stored: true }], [], 'stored.zip')));
    stored[stored.indexOf('312')] = '9'.charCodeAt(0);
    writeFileSync(join(tmp.dir, 'stored.zip'), stored);
    expect(await refused(join(tmp.dir, 'stored.zip'), ['population', '--area-field', 'oa_code', '--count-field', 'count'])).toBe(
      'stored.zip › pop.csv: cannot be unzipped, the zip is damaged, only partly downloaded or not what it claims (checksum mismatch)',
    );
    writeFileSync(join(tmp.dir, 'renamed.zip'), 'OA11CD,name\nE00000001,x\n');
    expect(await refused(join(tmp.dir, 'renamed.zip'))).toMatch(/^renamed\.zip: not a readable zip file/);
  });

  it('sizes that lie are caught: more inflated bytes than declared, and a declared size deflate cannot hold', async () => {
    // 20 MB of zeros (about 20 KB compressed) declaring 1,000 bytes: the inflated bytes themselves are counted.
    const liar = zip([{ name: 'areas.geojson', zeros: 20 * MiB }], [{ name: 'areas.geojson', size: 1000 }], 'liar.zip');
    expect(await refused(liar)).toBe(
      'liar.zip › areas.geojson: cannot be unzipped, the zip is damaged, only partly downloaded or not what it claims (lies about its size: more bytes than it declares)',
    );
    // Declares 4 GB: refused before any memory is set aside for it.
    const huge = zip([{ name: 'areas.geojson', zeros: MiB }], [{ name: 'areas.geojson', size: 4_000_000_000 }], 'huge.zip');
    expect(await refused(huge)).toBe('huge.zip › areas.geojson: the zip is damaged or not what it claims (it declares more bytes than its compressed data can hold)');
  });

  it('an honest bomb is refused before inflating: 80 MB of one repeated row from a few hundred KB', async () => {
    const bomb = zip([{ name: 'population.csv', text: 'E00000001,1\n', repeat: 7_000_000 }], [], 'bomb.zip');
    expect(await refused(bomb)).toMatch(/^bomb\.zip › population\.csv would unzip \d{3}:1 to 80\.1 MB, far beyond any real dataset; if it is genuine, unzip it yourself and import the file inside$/);
  });

  it('an honest entry over the cap is refused before inflating (cap lowered for the test)', async () => {
    const big = zip([{ name: 'data/postcodes.csv', zeros: 2 * MiB }, { name: 'data/readme.txt', text: 'x' }], [], 'big.zip');
    const error = await unzipDataset(big, undefined, { maxBytes: MiB }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as Error).message).toBe(
      'big.zip › data/postcodes.csv: unzips to 2.0 MB, more than the 1.0 MB this app will unzip at once; unzip it yourself and check what it holds',
    );
    // Under the cap the same zip opens, in memory.
    const ok = await unzipDataset(big, undefined, { maxBytes: 3 * MiB });
    expect(ok).toMatchObject({ name: 'big.zip › data/postcodes.csv' });
    expect(ok.data.length).toBe(2 * MiB);
  });

  it('encrypted entries and compression methods the app cannot inflate', async () => {
    const entries = shapefileEntries(stem, 'OA/', 'oa');
    expect(await refused(zip(entries, [{ name: 'OA/oa.dbf', flag: 1 }], 'locked.zip'))).toBe(
      'locked.zip › OA/oa.dbf is encrypted (password-protected); unzip it with its password and import the files inside',
    );
    expect(await refused(zip(entries, [{ name: 'OA/oa.shp', method: 9 }], 'd64.zip'))).toBe(
      'd64.zip › OA/oa.shp uses Deflate64 compression, which this app cannot unzip; unzip it with your file manager and import the files inside',
    );
  });

  it('a shapefile zipped without its .dbf: the importer names the zip and the file inside', async () => {
    const file = zip(shapefileEntries(stem, 'OA/', 'oa', ['shp', 'shx', 'prj']), [], 'nodbf.zip');
    expect(await refused(file)).toBe('nodbf.zip › OA/oa.shp: the .dbf file that holds the attributes is missing beside the .shp');
  });
});
