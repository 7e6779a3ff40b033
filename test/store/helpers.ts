// Shared fixtures for the store tests: scratch files under the OS temp dir and
// the GDAL command-line tools, which are optional on a developer machine.

import { execFileSync, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type * as GeoJSON from 'geojson';

export function scratchDir(): { dir: string; file(name: string): string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cgm-store-'));
  return {
    dir,
    file: (name) => path.join(dir, name),
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

export function sha256(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** Absolute path of a command on PATH, or null. */
export function findTool(name: string): string | null {
  const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  const found = r.status === 0 ? r.stdout.trim() : '';
  return found || null;
}

export function run(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * GDAL's validate_gpkg.py and a Python that can run it. The Debian script
 * imports osgeo only for raster checks, so any python3 will do, but we prefer
 * the system one that has python3-gdal.
 */
export function findGpkgValidator(): { python: string; script: string } | null {
  const scripts = [
    '/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py',
    '/usr/share/doc/python3-gdal/examples/validate_gpkg.py',
  ];
  const script = scripts.find((s) => fs.existsSync(s));
  const python = fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : findTool('python3');
  return script && python ? { python, script } : null;
}

export function point(x: number, y: number): GeoJSON.Point {
  return { type: 'Point', coordinates: [x, y] };
}

/** An axis-aligned square ring, closed, counter-clockwise. */
export function square(x: number, y: number, size: number): GeoJSON.Position[] {
  return [
    [x, y],
    [x + size, y],
    [x + size, y + size],
    [x, y + size],
    [x, y],
  ];
}
