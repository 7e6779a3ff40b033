// Entry point of the `cgm` CLI: parse argv, find the command, run it.
import type { CliIO, Command, ParsedOptions } from './command';
import { CliError } from './command';
import { commands } from './commands/index';

const processIO: CliIO = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/** Longest command name that prefixes argv wins ("import users" before "import"). */
function findCommand(argv: string[]): { command: Command; rest: string[] } | null {
  const words = argv.filter((a) => !a.startsWith('--'));
  let best: Command | null = null;
  for (const command of commands) {
    const parts = command.name.split(' ');
    if (parts.every((p, i) => argv[i] === p) && (!best || parts.length > best.name.split(' ').length)) best = command;
  }
  if (!best) return words.length ? null : null;
  return { command: best, rest: argv.slice(best.name.split(' ').length) };
}

export function parseOptions(command: Command, args: string[]): ParsedOptions {
  const options: ParsedOptions = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('--')) throw new CliError(`unexpected argument "${arg}"`);
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
    const spec = command.options[name];
    if (!spec) throw new CliError(`unknown option --${name} for "cgm ${command.name}"`);
    if (spec.flag) {
      options[name] = true;
      continue;
    }
    const value = eq > 0 ? arg.slice(eq + 1) : args[++i];
    if (value === undefined) throw new CliError(`option --${name} needs a value`);
    options[name] = value;
  }
  for (const [name, spec] of Object.entries(command.options)) {
    if (spec.required && options[name] === undefined) throw new CliError(`missing required option --${name}`);
  }
  return options;
}

function usage(): string {
  const lines = ['Usage: cgm <command> [options]', '', 'Commands:'];
  for (const c of commands) lines.push(`  ${c.name.padEnd(20)} ${c.summary}`);
  return lines.join('\n') + '\n';
}

export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === 'help') {
    io.stdout(usage());
    return 0;
  }
  const found = findCommand(argv);
  if (!found) {
    io.stderr(`cgm: unknown command "${argv.filter((a) => !a.startsWith('--')).slice(0, 2).join(' ')}" (see cgm --help)\n`);
    return 2;
  }
  try {
    const options = parseOptions(found.command, found.rest);
    const code = await found.command.run(options, io);
    return typeof code === 'number' ? code : 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`cgm ${found.command.name}: ${message.split('\n')[0]}\n`);
    return 1;
  }
}
