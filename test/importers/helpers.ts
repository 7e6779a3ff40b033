// Shared fixtures for importer tests: temp projects, file hashes, real data paths.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createProject, openProject } from '../../electron/store/project';
import type { Project } from '../../electron/store/project';
import { sharedData } from '../support/requirements';

export const RUTLAND = `${sharedData('uk', 'rutland')}/`;
export const LEEDS = `${sharedData('uk', 'leeds-hyde-park')}/`;

export function tempDir(prefix = 'cgm-import-'): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function newProject(dir: string, name = 'test.gpkg'): Project {
  return createProject(join(dir, name));
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
