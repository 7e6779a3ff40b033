// The workspace choices stored in the project's settings (cgm_settings
// 'map_level'), behind shared/contract/view.ts.
import { z } from 'zod';
import type { Handlers } from '../../shared/contract';
import { InputError } from '../../shared/errors';
import { getSetting, setSetting } from '../store/meta';
import { geographies } from './area-layer';
import type { ProjectSession } from './project-session';

export const MAP_LEVEL_SETTING = 'map_level';

export function viewHandlers(session: ProjectSession): Pick<Handlers, 'getMapLevel' | 'setMapLevel'> {
  return {
    async getMapLevel() {
      const { db } = session.project;
      const stored = getSetting(db, MAP_LEVEL_SETTING, z.string());
      // A level removed since (re-imported under another name) is no choice any more.
      return { level: stored && geographies(db).some((g) => g.level === stored) ? stored : null };
    },
    async setMapLevel({ level }) {
      const { db } = session.project;
      const levels = geographies(db).map((g) => g.level);
      if (!levels.includes(level)) throw new InputError(`the project has no geography level "${level}" (levels: ${levels.join(', ') || 'none yet'})`);
      setSetting(db, MAP_LEVEL_SETTING, level);
      return { level };
    },
  };
}
