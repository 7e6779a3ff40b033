// Threads on our own modules start from a bundle however node was started: a
// bundle loaded with `node --input-type=module -e` (the CLI's tests) must not
// pass --input-type on, and a V8 flag (--max-old-space-size, how an analyst
// gives a national import more memory) may not be passed explicitly at all.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'cgm-threads-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// A "bundle" and the built thread beside it.
writeFileSync(join(dir, 'thread.mjs'), "import { parentPort, workerData } from 'node:worker_threads'; parentPort.postMessage(`ran ${workerData.n}`);");
const moduleThread = pathToFileURL(join(import.meta.dirname, '..', '..', 'electron', 'threads', 'module-thread.ts')).href;
const caller = pathToFileURL(join(dir, 'bundle.mjs')).href;
const script = `const { startModuleThread } = await import(${JSON.stringify(moduleThread)});
const worker = startModuleThread(${JSON.stringify(caller)}, './thread.ts', './thread.mjs', { n: 7 });
worker.on('message', (m) => { console.log(m); void worker.terminate(); });
console.log(startModuleThread(${JSON.stringify(caller)}, './none.ts', './none.mjs', {}) === null ? 'missing: null' : 'missing: a thread');`;

describe('a thread started beside a bundle', () => {
  it.each([
    [['--input-type=module']],
    [['--max-old-space-size=2048', '--input-type=module']],
    [['--stack-size=2000', '--input-type', 'module']],
  ])('starts under node %j and gives null for a built file that is missing', (flags) => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', ...flags, '-e', script], { encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim().split('\n').sort()).toEqual(['missing: null', 'ran 7']);
  });
});
