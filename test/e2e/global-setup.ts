// A fresh demo project for every e2e run, so a stale one never hides a change.
import { rmSync } from 'node:fs';
import { E2E_DATA_DIR } from './harness';

export default function setup(): void {
  rmSync(E2E_DATA_DIR, { recursive: true, force: true });
}
