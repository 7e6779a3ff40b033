// Electronegativity (Doyensec's Electron security linter) over electron/: no
// finding beyond the reviewed allow-list, and no allow-list entry left stale.
// It runs offline (electronegativity-offline.cjs says how and why).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..', '..');
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));
const allowed = JSON.parse(readFileSync(resolve(import.meta.dirname, 'electronegativity-allow.json'), 'utf8')) as { id: string; file: string; why: string }[];

interface Result {
  checks: number;
  errors: { file: string; message: string }[];
  issues: { id: string; file: string; line: number; sample: string }[];
}

describe('Electronegativity over electron/', () => {
  const out = execFileSync(process.execPath, [resolve(import.meta.dirname, 'electronegativity-offline.cjs'), resolve(root, 'electron'), pkg.optionalDependencies.electron], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  const result = JSON.parse(out) as Result;
  const key = (i: { id: string; file: string }) => `${i.id} ${i.file}`;

  it('ran its checks and parsed every file', () => {
    // 41 checks in 1.10.3, less the one that needs the network.
    expect(result.checks).toBeGreaterThanOrEqual(40);
    expect(result.errors).toEqual([]);
  });

  it('finds nothing that the allow-list does not justify', () => {
    const justified = new Set(allowed.filter((a) => a.why.length > 40).map(key));
    expect(result.issues.filter((i) => !justified.has(key(i)))).toEqual([]);
  });

  it('has no stale allow-list entry', () => {
    const found = new Set(result.issues.map(key));
    expect(allowed.filter((a) => !found.has(key(a)))).toEqual([]);
  });
});
