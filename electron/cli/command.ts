// The shape every `cgm` command implements; one module per command under commands/.

export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
}

export interface OptionSpec {
  description: string;
  required?: boolean;
  /** A boolean switch that takes no value. */
  flag?: boolean;
}

export type ParsedOptions = Record<string, string | boolean | undefined>;

export interface Command {
  /** One or two words, e.g. "info" or "import boundaries". */
  name: string;
  summary: string;
  options: Record<string, OptionSpec>;
  /** A command line that works, shown at the end of --help; default: one built from the required options (help-example.ts). */
  example?: string;
  run(options: ParsedOptions, io: CliIO): Promise<number | void>;
}

/** A user-facing error: printed as one line on stderr, exit code 1. */
export class CliError extends Error {}

export function stringOption(options: ParsedOptions, name: string): string | undefined {
  const value = options[name];
  return typeof value === 'string' ? value : undefined;
}

export function requireOption(options: ParsedOptions, name: string): string {
  const value = stringOption(options, name);
  if (value === undefined || value === '') throw new CliError(`missing required option --${name}`);
  return value;
}
