// Which project the app opens at launch: the one named, or the demo town,
// built through the real importers the first time it is needed.
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { buildDemoProject } from '../../data/demo/build-demo-project';
import { openProject } from '../store/project';
import { demoProjectPath } from './paths';

export async function startupProjectPath(requested?: string, log: (line: string) => void = () => {}): Promise<string> {
  if (requested) {
    if (!existsSync(requested)) throw new Error(`Project file not found: ${requested}`);
    return requested;
  }
  const path = demoProjectPath();
  if (existsSync(path)) {
    try {
      openProject(path).close();
      return path;
    } catch {
      log(`The demo project at ${path} could not be opened; rebuilding it.`);
    }
  }
  mkdirSync(dirname(path), { recursive: true });
  log('Building the demo project (first run)…');
  // Build beside the final path and rename, so an interrupted build never
  // leaves a half-made demo that later launches would trust.
  const partial = `${path}.building`;
  rmSync(partial, { force: true });
  await buildDemoProject(partial);
  renameSync(partial, path);
  return path;
}
