// The gap thresholds as project settings (cgm_settings, key "gap_settings"):
// the app's settings form and `cgm settings` write them; every gap analysis
// reads them, with per-run flags on top.
import type Database from 'better-sqlite3';
import { DEFAULT_GAP_SETTINGS, mergeGapSettings, type GapSettings, type GapSettingsPatch } from '../../shared/analysis/gaps';
import { GapSettingsPatchSchema, GapSettingsSchema } from '../../shared/contract/analysis';
import { deleteSetting, getSetting, setSetting } from '../store/meta';

const KEY = 'gap_settings';

/** The project's thresholds: its stored changes over the defaults. */
export function projectGapSettings(db: Database.Database): GapSettings {
  return mergeGapSettings(DEFAULT_GAP_SETTINGS, getSetting(db, KEY, GapSettingsPatchSchema) ?? {});
}

/** Stores a change (checked against the schema) and returns the thresholds now in force. */
export function saveGapSettings(db: Database.Database, patch: GapSettingsPatch): GapSettings {
  const stored = getSetting(db, KEY, GapSettingsPatchSchema) ?? {};
  const next = GapSettingsPatchSchema.parse({
    ...stored, ...patch,
    ...(stored.travelMinutes || patch.travelMinutes ? { travelMinutes: { ...stored.travelMinutes, ...patch.travelMinutes } } : {}),
    ...(stored.straightLineKm || patch.straightLineKm ? { straightLineKm: { ...stored.straightLineKm, ...patch.straightLineKm } } : {}),
  });
  setSetting(db, KEY, next);
  return GapSettingsSchema.parse(projectGapSettings(db));
}

export function resetGapSettings(db: Database.Database): GapSettings {
  deleteSetting(db, KEY);
  return projectGapSettings(db);
}
