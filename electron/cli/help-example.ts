// The "Example:" line of `cgm <command> --help`: the command's own example when
// it has one, else one built from its required options with values of the
// kind each takes, so every command shows a line that can be pasted and edited.
import type { Command } from './command';

const VALUES: Record<string, string> = {
  project: 'area.gpkg',
  file: 'data.csv',
  out: 'out.csv',
  service: '"GP"',
  scheme: '"OAC 2021"',
  level: 'OA',
  mode: 'drive',
  name: '"Baseline"',
  indicator: 'users-per-1000',
  minutes: '15',
  format: 'json',
};

function valueFor(option: string): string {
  if (VALUES[option]) return VALUES[option];
  if (option.endsWith('-field')) return option.replace(/-field$/, '').replace(/-/g, '_');
  return option.toUpperCase().replace(/-/g, '_');
}

export function commandExample(command: Command): string {
  if (command.example) return command.example;
  const required = Object.entries(command.options).filter(([, spec]) => spec.required);
  const parts = required.map(([name, spec]) => (spec.flag ? `--${name}` : `--${name} ${valueFor(name)}`));
  return ['cgm', command.name, ...parts].join(' ');
}
