// --base persons|households, shared by every command that reads a population base.
import { BASE_KINDS } from '../../../shared/analysis/base-choice';
import type { BaseKind } from '../../../shared/domain';
import type { OptionSpec, ParsedOptions } from '../command';
import { CliError, stringOption } from '../command';

export const baseOptionSpec: OptionSpec = { description: "persons | households (default: the scheme's own base, or the project's only one)" };

export function baseOption(options: ParsedOptions): BaseKind | undefined {
  const base = stringOption(options, 'base');
  if (base === undefined) return undefined;
  if (!(BASE_KINDS as readonly string[]).includes(base)) throw new CliError(`--base must be ${BASE_KINDS.join(' or ')}, not "${base}"`);
  return base as BaseKind;
}
