// The gap thresholds as options: `cgm settings` stores them in the project;
// `cgm gaps` and the exports take the same flags for one run only.
import type { GapSettingsPatch } from '../../../shared/analysis/gaps';
import { GapSettingsPatchSchema } from '../../../shared/contract/analysis';
import { CliError, type OptionSpec, type ParsedOptions } from '../command';

export const GAP_OPTIONS: Record<string, OptionSpec> = {
  'walk-minutes': { description: 'accessibility gap when the nearest site is over this many minutes’ walk (default 15)' },
  'drive-minutes': { description: 'accessibility gap when the nearest site is over this many minutes’ drive (default 15)' },
  'hours-outside-office': { description: 'availability gap under this many open hours a week outside Mon–Fri 09:00–17:00 (default 4)' },
  'dominant-share': { description: 'dominant segments: the largest until they cover this share of the base, e.g. 0.5 or 50%' },
  significance: { description: 'significantly low at 95 (default) or 99.8 (%)' },
  access: { description: 'which access the accessibility rule judges: mode (default: the --mode given), walk, drive, or realistic (households without a car walking, the rest driving; needs Census TS045 imported with cgm import indicators)' },
  'realistic-share': { description: 'with --access realistic: an accessibility gap when more than this share of households are too far for how they travel, e.g. 0.2 or 20% (default 20%)' },
};

function number(options: ParsedOptions, name: string): number | undefined {
  const raw = options[name];
  if (raw === undefined) return undefined;
  const text = String(raw).trim();
  const value = Number(text.replace(/%$/, ''));
  if (text === '' || !Number.isFinite(value)) throw new CliError(`--${name} must be a number, not "${text}"`);
  return text.endsWith('%') ? value / 100 : value;
}

/** The flags given, as a checked patch over the project's settings (empty when none). */
export function gapSettingsPatch(options: ParsedOptions): GapSettingsPatch {
  const walk = number(options, 'walk-minutes');
  const drive = number(options, 'drive-minutes');
  const share = number(options, 'dominant-share');
  const significance = number(options, 'significance');
  const access = options.access === undefined ? undefined : String(options.access);
  if (access !== undefined && !['mode', 'walk', 'drive', 'realistic'].includes(access)) throw new CliError(`--access must be mode, walk, drive or realistic, not "${access}"`);
  const realisticShare = number(options, 'realistic-share');
  if (significance !== undefined && significance !== 95 && significance !== 99.8) throw new CliError('--significance must be 95 or 99.8');
  const patch = {
    ...(walk !== undefined || drive !== undefined ? { travelMinutes: { ...(walk !== undefined && { walk }), ...(drive !== undefined && { drive }) } } : {}),
    ...(options['hours-outside-office'] !== undefined ? { minHoursOutsideOffice: number(options, 'hours-outside-office') } : {}),
    ...(share !== undefined ? { dominantShare: share > 1 ? share / 100 : share } : {}),
    ...(significance !== undefined ? { significanceLevel: significance === 95 ? 0.95 : 0.998 } : {}),
    ...(access !== undefined ? { accessView: access } : {}),
    ...(realisticShare !== undefined ? { realisticShare: realisticShare > 1 ? realisticShare / 100 : realisticShare } : {}),
  };
  const parsed = GapSettingsPatchSchema.safeParse(patch);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CliError(`gap setting ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}
