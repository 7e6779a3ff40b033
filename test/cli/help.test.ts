// Every command answers --help with its own options, so an analyst scripting a
// quarter's refresh never has to read the source to find a flag.
import { describe, expect, it } from 'vitest';
import { commands } from '../../electron/cli/commands/index';
import { runCli as run } from './capture';

describe('cgm <command> --help', () => {
  it.each(commands.map((c) => [c.name]))('"%s" prints its usage and every option, exit 0', async (name) => {
    const command = commands.find((c) => c.name === name)!;
    // Put --help among options that would otherwise be refused (missing --project).
    const result = await run([...name.split(' '), '--help']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe(`Usage: cgm ${name} [options]`);
    for (const option of Object.keys(command.options)) expect(result.stdout).toContain(`--${option}`);
    for (const [option, spec] of Object.entries(command.options)) {
      if (spec.required) expect(result.stdout).toMatch(new RegExp(`--${option}[^\\n]*\\(required\\)`));
    }
    // An example to paste: the command itself with every required option given.
    const example = /\nExample:\n {2}(cgm [^\n]+)\n$/.exec(result.stdout)?.[1];
    expect(example).toBeDefined();
    expect(example!.startsWith(`cgm ${name}`)).toBe(true);
    for (const [option, spec] of Object.entries(command.options)) if (spec.required) expect(example).toContain(`--${option}`);
    expect(example).not.toContain('undefined');
  });

  it('lists the kinds of a command group ("cgm import --help")', async () => {
    const result = await run(['import', '--help']);
    expect(result.code).toBe(0);
    const kinds = commands.filter((c) => c.name.startsWith('import ')).map((c) => c.name);
    expect(kinds.length).toBeGreaterThan(5);
    for (const kind of kinds) expect(result.stdout).toContain(`  ${kind} `);
    expect(result.stdout).not.toContain('  profile ');
  });

  it('still refuses an unknown command with exit 2', async () => {
    const result = await run(['nonsense', '--help']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown command "nonsense"/);
  });
});

describe('the issue 19 commands show a working example in --help', () => {
  it.each(['import indicators', 'import comparator', 'indicators', 'crosstab', 'bands'])('"%s"', async (name) => {
    const command = commands.find((c) => c.name === name)!;
    const result = await run([...name.split(' '), '--help']);
    expect(command.example).toMatch(new RegExp(`^cgm ${name} --project `));
    expect(result.stdout.endsWith(`\nExample:\n  ${command.example}\n`)).toBe(true);
  });
});
