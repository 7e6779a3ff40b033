// The short seeded fuzz run that is part of `npm test`: every importer format
// and the browser-mode server, a few hundred inputs. The long run is
// test/fuzz/run.ts (see README.md). A failure here names the folder holding
// the input and the command that replays it.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinPbf, splitPbf, writeZip } from './binary-formats';
import { fuzzHttp, HTTP_FORMAT } from './http-runner';
import { fuzzImports } from './import-runner';
import { rngFor } from './prng';
import { buildCorpus, REPO, type Corpus } from './seeds';
import { Tally } from './tally';
import { generateInput, IMPORT_FORMATS } from './targets';
import { tempDir } from '../importers/helpers';
import { requireSharedData, requireTool } from '../support/requirements';

// Each is checked (and warned about) on its own; under CI=true a missing one fails the file.
const needs = [
  requireSharedData('uk', 'rutland'),
  requireTool('ogr2ogr', 'apt-get install gdal-bin'),
  requireTool('osmium', 'apt-get install osmium-tool'),
  requireTool('python3', 'apt-get install python3'),
];
const ready = needs.every((n) => n !== null);

const SEED = 20;
const tmp = tempDir('cgm-fuzz-');
const corpusDir = join(tmp.dir, 'corpus');
const workDir = join(tmp.dir, 'work');
// Failing inputs stay after the run, where a developer can find and replay them.
const failDir = join(REPO, 'test-output', 'fuzz', 'failures');
let corpus: Corpus;

beforeAll(async () => {
  if (ready) corpus = await buildCorpus(corpusDir);
});
afterAll(() => tmp.cleanup());

const explain = (tally: Tally) => tally.newFailures().map((f) => `${f.kind} in ${f.format}: ${f.signature} (input in ${f.dir})`);

describe.skipIf(!ready)('fuzz harness', () => {
  it('makes the same bytes from the same seed, and different bytes from another, never touching the seeds', () => {
    const digest = () => Object.entries(corpus).map(([name, data]) => `${name}:${createHash('sha256').update(data).digest('hex')}`).join();
    const before = digest();
    for (let i = 0; i < 40; i++) for (const format of IMPORT_FORMATS) generateInput(corpus, SEED, format, i);
    expect(digest()).toBe(before);
    for (const format of IMPORT_FORMATS) {
      const a = generateInput(corpus, SEED, format, 7);
      expect(Buffer.from(generateInput(corpus, SEED, format, 7).data).equals(Buffer.from(a.data)), format).toBe(true);
      const others = [8, 9, 10, 11].map((i) => Buffer.from(generateInput(corpus, SEED, format, i).data));
      expect(others.some((b) => !b.equals(Buffer.from(a.data))), format).toBe(true);
    }
    expect(rngFor(1, 'x', 1).next()).toBe(rngFor(1, 'x', 1).next());
  });

  it('splits the real PBF into its blocks and joins them back byte for byte', () => {
    const pbf = corpus['roads.osm.pbf'];
    const blocks = splitPbf(pbf);
    // osmium fileinfo reads the same file as one OSMHeader block and then OSMData blocks.
    expect(new TextDecoder().decode(blocks[0].header[0].value as Uint8Array)).toBe('OSMHeader');
    expect(blocks.length).toBeGreaterThan(1);
    expect(Buffer.from(joinPbf(blocks)).equals(Buffer.from(pbf))).toBe(true);
  });

  it('writes zips that Python\'s zipfile reads back with matching CRCs', () => {
    const path = join(tmp.dir, 'check.zip');
    writeFileSync(path, writeZip([{ name: 'a/oa.prj', data: corpus['shp/oa.prj'] }, { name: 'oa.dbf', data: corpus['shp/oa.dbf'], stored: true }]));
    const out = execFileSync('python3', ['-c', 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); print(z.testzip()); print(len(z.read("oa.dbf")))', path]).toString();
    expect(out).toBe(`None\n${corpus['shp/oa.dbf'].length}\n`);
  });

  it('sees a crash, a process that dies, a hang, a changed project and an internal error', async () => {
    process.env.CGM_FUZZ_SELFTEST = '1';
    const tally = new Tally();
    await fuzzImports({
      formats: ['selftest-crash', 'selftest-abort', 'selftest-hang', 'selftest-change', 'selftest-internal', 'selftest-ok'],
      seed: SEED, count: 1, corpus, corpusDir, workDir, failDir: join(tmp.dir, 'selftest'), timeoutMs: 2_000, tally,
    });
    expect(tally.failures.map((f) => [f.format, f.kind])).toEqual([
      ['selftest-crash', 'crash'], ['selftest-abort', 'crash'], ['selftest-hang', 'hang'], ['selftest-change', 'changed'], ['selftest-internal', 'internal'],
    ]);
    expect(tally.failures[0].signature).toMatch(/^Error: selftest: thrown from a timer/);
    expect(tally.inputs).toBe(6);
  }, 120_000);
});

describe.skipIf(!ready)('short seeded fuzz run', () => {
  it('every importer: no crash, no hang, a refused import leaves the project byte-identical', async () => {
    const tally = new Tally();
    await fuzzImports({ formats: IMPORT_FORMATS, seed: SEED, count: 16, corpus, corpusDir, workDir, failDir, timeoutMs: 30_000, tally, workers: 2 });
    console.log(tally.summary().join('\n'));
    expect(explain(tally)).toEqual([]);
    expect(tally.inputs).toBe(16 * IMPORT_FORMATS.length);
    expect([...tally.byFormat].filter(([, counts]) => counts['harness error'])).toEqual([]);
    // Both sides of the oracle were exercised: some inputs imported, some were refused.
    for (const format of IMPORT_FORMATS) {
      const counts = tally.byFormat.get(format)!;
      expect(counts.imported, format).toBeGreaterThan(0);
    }
  }, 240_000);

  it('the browser-mode server: still answers after every request, and nothing changes without the token', async () => {
    const tally = new Tally();
    await fuzzHttp({ seed: SEED, count: 80, corpusDir, workDir, failDir, timeoutMs: 15_000, tally });
    console.log(tally.summary().join('\n'));
    expect(explain(tally)).toEqual([]);
    expect(tally.inputs).toBe(80);
    expect(tally.byFormat.get(HTTP_FORMAT)!['without token']).toBeGreaterThan(10);
  }, 240_000);
});

it.skipIf(!ready)('reads the data through the repository-relative path', () => {
  expect(existsSync(join(REPO, '../shared/data/uk/rutland/oac2021_by_oa.csv'))).toBe(true);
  expect(readFileSync(join(corpusDir, 'oac.csv'), 'utf8').split('\n')[0]).toBe('oa_code,supergroup,group,subgroup');
});
