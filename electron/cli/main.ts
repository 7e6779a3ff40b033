// Entry point of the `cgm` CLI: parse argv, find the command, run it.
import type { CliIO, Command, ParsedOptions } from './command';
import { CliError } from './command';
import { commands } from './commands/index';
import { commandExample } from './help-example';
import { closeHeadlessChromium } from '../exports/headless-chromium';

const processIO: CliIO = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/** Longest command name that prefixes argv wins ("import users" before "import"). */
function findCommand(argv: string[]): { command: Command; rest: string[] } | null {
  let best: Command | null = null;
  for (const command of commands) {
    const parts = command.name.split(' ');
    if (parts.every((p, i) => argv[i] === p) && (!best || parts.length > best.name.split(' ').length)) best = command;
  }
  if (!best) return null;
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

function usage(group?: string): string {
  const shown = group ? commands.filter((c) => c.name.startsWith(`${group} `)) : commands;
  const lines = [group ? `Usage: cgm ${group} <kind> [options]` : 'Usage: cgm <command> [options]', '', 'Commands:'];
  for (const c of shown) lines.push(`  ${c.name.padEnd(20)} ${c.summary}`);
  lines.push('', `Run "cgm <command> --help" for a command's options.`);
  return lines.join('\n') + '\n';
}

/** One command's options, required ones first, as `cgm X --help` prints them. */
export function commandHelp(command: Command): string {
  const entries = Object.entries(command.options).sort(([, a], [, b]) => Number(!!b.required) - Number(!!a.required));
  const width = Math.max(0, ...entries.map(([name, spec]) => name.length + (spec.flag ? 0 : 6)));
  const lines = [`Usage: cgm ${command.name} [options]`, '', command.summary, '', 'Options:'];
  for (const [name, spec] of entries) {
    const left = spec.flag ? `--${name}` : `--${name} VALUE`;
    lines.push(`  ${left.padEnd(width + 3)} ${spec.description}${spec.required ? ' (required)' : ''}`);
  }
  lines.push(`  ${'--help'.padEnd(width + 3)} this text`);
  lines.push('', 'Example:', `  ${commandExample(command)}`);
  return lines.join('\n') + '\n';
}

const wantsHelp = (args: string[]) => args.includes('--help') || args.includes('-h');

export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === 'help') {
    io.stdout(usage());
    return 0;
  }
  const found = findCommand(argv);
  if (!found && wantsHelp(argv) && commands.some((c) => c.name.startsWith(`${argv[0]} `))) {
    io.stdout(usage(argv[0]));
    return 0;
  }
  if (found && wantsHelp(found.rest)) {
    io.stdout(commandHelp(found.command));
    return 0;
  }
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
  } finally {
    // A command that drew maps leaves the warm browser running; the process ends with the command, and so does it.
    await closeHeadlessChromium();
  }
}
