// Rutland as the realistic-access tests need it (test/analysis-runs/realistic-bands.test.ts,
// test/transit/realistic-transit.test.ts): real roads and the four GPs, Census 2021 TS045
// car availability imported through the CLI, and each OA's routed time to its nearest GP
// for the modes asked for.
import { loadProfile } from '../../electron/routing/network';
import { serviceAccess, type ServiceAccess } from '../../electron/routing/service-access';
import type { Project } from '../../electron/store/project';
import { cgm } from '../analysis-runs/fixture';
import { buildRutland, GP, rutlandFile } from './rutland-project';

export type AccessMode = 'walk' | 'drive';

export interface RealisticRutland {
  path: string;
  /** Each mode's routing to the nearest GP, existing sites only, by OA. */
  access: Partial<Record<AccessMode, ServiceAccess>>;
}

/**
 * Builds the project in dir as r.gpkg. `before` runs on the open project, after
 * the routing and before TS045 goes in by `cgm import indicators` (a timetable,
 * say); the project is closed when this returns.
 */
export async function buildRealisticRutland(
  dir: string,
  modes: AccessMode[],
  before?: (project: Project, access: RealisticRutland['access']) => Promise<void>,
): Promise<RealisticRutland> {
  const b = await buildRutland({ dir, file: 'r.gpkg', roads: true, postcodes: false });
  const access: RealisticRutland['access'] = {};
  try {
    for (const mode of modes) access[mode] = serviceAccess(b.project, { service: GP, profile: await loadProfile(mode), level: 'OA', existingOnly: true });
    await before?.(b.project, access);
  } finally {
    b.project.close();
  }
  const r = await cgm('import', 'indicators', '--project', b.path, '--file', rutlandFile('car_availability_census2021_ts045_by_oa.csv'), '--area-field', 'oa_code', '--level', 'OA', '--quiet');
  if (r.code !== 0) throw new Error(`cgm import indicators (TS045) failed: ${r.stderr}`);
  return { path: b.path, access };
}
