// Each e2e run gets its own data folder (and so a fresh demo project), so two
// runs at once, or a stale demo from an older build, can never interfere.
import { mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';

export default function setup(): () => void {
  const dir = resolve(import.meta.dirname, '..', '..', 'test-output', 'e2e-runs', `run-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  // Test workers are started after global setup and inherit the environment.
  process.env.CGM_E2E_DATA_DIR = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
