// The helper every test and benchmark uses to find real data and tools: a
// missing one may skip a test on a developer's machine, never under CI=true.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedData } from './requirements';

const root = resolve(import.meta.dirname, '..', '..');

function runWith(ci: string | undefined, code: string) {
  const env = { ...process.env, CI: ci ?? '' };
  return spawnSync(process.execPath, ['--import', 'tsx', '-e', code], { cwd: root, env, encoding: 'utf8' });
}

describe('test requirements', () => {
  it('finds the shared data beside the repository, not at a fixed absolute path', () => {
    expect(sharedData('uk', 'rutland')).toBe(resolve(root, '..', 'shared', 'data', 'uk', 'rutland'));
    expect(existsSync(sharedData('uk', 'rutland', 'rutland-latest.osm.pbf'))).toBe(true);
  });

  const probe = `import { requireTool, requireSharedData } from './test/support/requirements.ts';
    console.log(JSON.stringify([requireTool('cgm-no-such-tool', 'nothing to install'), requireSharedData('uk', 'nowhere.pbf')]));`;

  it('skips with a warning when a tool or data file is missing on a developer machine', () => {
    const r = runWith(undefined, probe);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([null, null]);
    expect(r.stderr).toMatch(/SKIPPING tests that need the cgm-no-such-tool command is missing/);
  });

  it('fails instead under CI=true', () => {
    const r = runWith('true', probe);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/CI=true, so this cannot be skipped: the cgm-no-such-tool command is missing/);
  });

  it('leaves no test or benchmark with an absolute /work/ path or a skip of its own', () => {
    const files = spawnSync('git', ['ls-files', 'test', 'bench'], { cwd: root, encoding: 'utf8' }).stdout.split('\n').filter((f) => /\.(ts|mjs)$/.test(f) && !f.startsWith('test/support/'));
    const offenders = files.filter((f) => {
      const text = readFileSync(resolve(root, f), 'utf8');
      const skips = /\.(skipIf|runIf|skip)\(/.test(text);
      return /['"`]\/work\//.test(text) || (skips && !text.includes('support/requirements'));
    });
    expect(offenders).toEqual([]);
  });
});
