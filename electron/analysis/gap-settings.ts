// The gap thresholds as project settings (cgm_settings, key "gap_settings"):
// the app's settings form and `cgm settings` write them; every gap analysis
// reads them, with per-run flags on top. Only the changes from the defaults
// are stored, so a later release's better default still reaches old projects.
import type Database from 'better-sqlite3';
import { DEFAULT_GAP_SETTINGS, mergeGapSettings, type GapSettings, type GapSettingsPatch } from '../../shared/analysis/gaps';
import { GapSettingsPatchSchema } from '../../shared/contract/analysis';
import { deleteSetting, getSetting, setSetting } from '../store/meta';
import { listAreaIndicators } from '../store/area-indicators';
import { NO_CAR_SHARE } from '../../shared/analysis/area-indicators';
import { InputError } from '../../shared/errors';

const KEY = 'gap_settings';

/** The stored changes from the defaults ({} when none). */
export function storedGapSettings(db: Database.Database): GapSettingsPatch {
  return getSetting(db, KEY, GapSettingsPatchSchema) ?? {};
}

/** The stored changes become exactly `patch` (checked); {} goes back to the defaults. */
export function replaceStoredGapSettings(db: Database.Database, patch: GapSettingsPatch): void {
  const checked = GapSettingsPatchSchema.parse(patch);
  // Said when it is set, not later by every gap analysis failing for want of it.
  if (checked.accessView === 'realistic' && !listAreaIndicators(db).some((i) => i.name === NO_CAR_SHARE)) {
    throw new InputError('realistic access needs car availability per area: import Census TS045 (households and no_car by area) as area indicators first');
  }
  if (Object.keys(checked).length === 0) deleteSetting(db, KEY);
  else setSetting(db, KEY, checked);
}

/** The project's thresholds: its stored changes over the defaults. */
export function projectGapSettings(db: Database.Database): GapSettings {
  return mergeGapSettings(DEFAULT_GAP_SETTINGS, storedGapSettings(db));
}

/** Adds a change to the stored ones and returns the thresholds now in force. */
export function saveGapSettings(db: Database.Database, patch: GapSettingsPatch): GapSettings {
  const stored = storedGapSettings(db);
  replaceStoredGapSettings(db, {
    ...stored, ...patch,
    ...(stored.travelMinutes || patch.travelMinutes ? { travelMinutes: { ...stored.travelMinutes, ...patch.travelMinutes } } : {}),
    ...(stored.straightLineKm || patch.straightLineKm ? { straightLineKm: { ...stored.straightLineKm, ...patch.straightLineKm } } : {}),
  });
  return projectGapSettings(db);
}

export function resetGapSettings(db: Database.Database): GapSettings {
  replaceStoredGapSettings(db, {});
  return projectGapSettings(db);
}
