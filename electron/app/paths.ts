// Where the app keeps its own files. No admin rights on council laptops, so
// always somewhere in the user's profile.
import { homedir } from 'node:os';
import { join } from 'node:path';

export function appDataDir(): string {
  if (process.env.CGM_DATA_DIR) return process.env.CGM_DATA_DIR;
  if (process.platform === 'win32' && process.env.APPDATA) return join(process.env.APPDATA, 'Catchment Gap Mapper');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Catchment Gap Mapper');
  return join(process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'catchment-gap-mapper');
}
