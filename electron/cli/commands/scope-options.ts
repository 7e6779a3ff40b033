// --period, --exclude-communal and --base: what an analysis counts, the same for
// profile, gaps, strata and review. Notes on what was left out go to stderr so
// the table on stdout keeps its columns.
import type { CliIO, OptionSpec, ParsedOptions } from '../command';
import { CliError, stringOption } from '../command';
import { scopeNotes, type AnalysisScope, type ScopeRequest } from '../../analysis/analysis-scope';
import { baseOption, baseOptionSpec } from './base-option';

export { scopeNotes };

export const scopeOptions: Record<string, OptionSpec> = {
  period: { description: 'users of one period only (e.g. 2024-Q1), for users imported with --date-field' },
  'exclude-communal': { description: 'on | off: leave communal-establishment residents out of the base (default: the project setting)' },
  base: baseOptionSpec,
};

export function onOff(options: ParsedOptions, name: string): boolean | undefined {
  const value = stringOption(options, name);
  if (value === undefined) return undefined;
  if (value === 'on' || value === 'off') return value === 'on';
  throw new CliError(`--${name} must be on or off, not "${value}"`);
}

export function scopeRequest(options: ParsedOptions): ScopeRequest {
  return { period: stringOption(options, 'period'), excludeCommunal: onOff(options, 'exclude-communal'), base: baseOption(options) };
}

export function printScopeNotes(io: CliIO, scope: AnalysisScope, names?: Map<string, string | null>): void {
  for (const note of scopeNotes(scope, names)) io.stderr(`note: ${note}\n`);
}
