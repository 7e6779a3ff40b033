// What tests and benchmarks need from outside the repository: the real data in
// ../shared/data (found from the repository root, wherever the checkout is)
// and tools such as GDAL, osmium, pgRouting and Chromium. On a developer's
// machine a missing one skips its tests with a loud line saying what to
// install; under CI=true it fails the run instead, so a green CI run never
// means "skipped".
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const REPO_ROOT = resolve(import.meta.dirname, '..', '..');
const IN_CI = /^(1|true)$/i.test(process.env.CI ?? '');

/** A path under ../shared/data/, e.g. sharedData('uk', 'rutland', 'rutland-latest.osm.pbf'). */
export function sharedData(...parts: string[]): string {
  return resolve(REPO_ROOT, '..', 'shared', 'data', ...parts);
}

/**
 * Whether `what` is available: true, or false after a warning (tests then skip),
 * or, under CI=true, an error that fails the test file.
 */
export function required(what: string, available: boolean, howToGet: string): boolean {
  if (available) return true;
  const message = `${what} is missing: ${howToGet}`;
  if (IN_CI) throw new Error(`CI=true, so this cannot be skipped: ${message}`);
  console.warn(`\n*** SKIPPING tests that need ${message} ***\n`);
  return false;
}

/** A data file or folder under ../shared/data/ (see sharedData); its path, or null when missing outside CI. */
export function requireSharedData(...parts: string[]): string | null {
  const path = sharedData(...parts);
  return required(path, existsSync(path), 'the real UK data set lives in ../shared/data beside the repository') ? path : null;
}

/** A command on PATH; its full path, or null when missing outside CI. */
export function requireTool(name: string, howToGet: string): string | null {
  const found = spawnSync('sh', ['-c', `command -v '${name.replace(/'/g, '')}'`], { encoding: 'utf8' });
  const path = found.status === 0 ? found.stdout.trim() : '';
  return required(`the ${name} command`, path !== '', howToGet) ? path : null;
}
