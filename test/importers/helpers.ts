// Shared fixtures for importer tests: temp projects, file hashes, real data paths.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createProject, openProject } from '../../electron/store/project';
import type { Project } from '../../electron/store/project';
import { importBoundaries, importPostcodes } from '../../electron/importers/index';
import { postcodeKey } from '../../electron/importers/postcode-key';
import type { UserDirectory } from '../../electron/importers/user-directory';
import { sharedData } from '../support/requirements';

export const RUTLAND = `${sharedData('uk', 'rutland')}/`;
export const LEEDS = `${sharedData('uk', 'leeds-hyde-park')}/`;

/** The real Code-Point directories the users importer is checked on, for describe.each. */
export const DIRECTORIES: [name: string, dir: string][] = [
  ['Rutland', RUTLAND],
  ['Leeds Hyde Park', LEEDS],
];

export function tempDir(prefix = 'cgm-import-'): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function newProject(dir: string, name = 'test.gpkg'): Project {
  return createProject(join(dir, name));
}

/** A new project in `tmpDir` with a real place's OA boundaries and postcode directory (`data`: RUTLAND, LEEDS), as users are imported into. */
export async function directoryProject(tmpDir: string, data: string): Promise<Project> {
  const project = newProject(tmpDir);
  await importBoundaries(project, `${data}oa11_boundaries.geojson`, { level: 'OA', codeField: 'OA11CD' });
  await importPostcodes(project, `${data}postcodes_codepoint_open.csv`);
  return project;
}

export function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

export function reopen(project: Project): Project {
  const path = project.path;
  project.close();
  return openProject(path);
}

export function bytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

export function count(project: Project, sql: string, ...params: unknown[]): number {
  return Number(project.db.prepare(sql).pluck().get(...params));
}

/**
 * A directory's area and terminated status for each of these postcodes it holds, looked up as the
 * users importer does (position of the packed postcode, then the area and status there).
 */
export function directoryEntries(directory: UserDirectory, postcodes: Iterable<string>): Map<string, { area: string | null; terminated: boolean }> {
  const found = new Map<string, { area: string | null; terminated: boolean }>();
  for (const postcode of postcodes) {
    const at = directory.position(postcodeKey(postcode));
    if (at < 0) continue;
    const area = directory.areaAt(at);
    found.set(postcode, { area: area < 0 ? null : directory.index.areaCodes[area], terminated: directory.terminatedAt(at) });
  }
  return found;
}
