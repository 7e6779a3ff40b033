// The packaging config is only exercised on a machine that can download
// Electron, so check here that it says what councils need.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..', '..');
const config = yaml.load(readFileSync(resolve(root, 'electron-builder.yml'), 'utf8')) as Record<string, any>;
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));

describe('electron-builder.yml', () => {
  it('pins the Electron version that package.json asks for, since the binary may be absent', () => {
    expect(config.electronVersion).toBe(pkg.optionalDependencies.electron);
  });

  it('targets a per-user NSIS installer and a portable exe on Windows (no admin rights)', () => {
    const targets = config.win.target.map((t: { target: string }) => t.target);
    expect(targets).toEqual(expect.arrayContaining(['nsis', 'portable']));
    expect(config.nsis.perMachine).toBe(false);
    expect(config.nsis.allowElevation).toBe(false);
  });

  it('targets Linux AppImage and macOS dmg', () => {
    expect(config.linux.target.map((t: { target: string }) => t.target)).toContain('AppImage');
    expect(config.mac.target.map((t: { target: string }) => t.target)).toContain('dmg');
  });

  it('ships the built main process and renderer, and rebuilds better-sqlite3 for Electron', () => {
    expect(config.files).toEqual(expect.arrayContaining(['dist/electron/**', 'dist/renderer/**']));
    expect(config.extraMetadata.main).toBe(pkg.main);
    expect(config.npmRebuild).toBe(true);
    expect(config.asarUnpack.join(' ')).toContain('better-sqlite3');
  });

  it('flips the fuses that stop the packaged app being used as a Node runtime or loading code outside its checked asar', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.asar).not.toBe(false);
  });

  it('keeps electron optional so npm install passes where its binary cannot be downloaded', () => {
    expect(pkg.dependencies.electron).toBeUndefined();
    expect(pkg.devDependencies.electron).toBeUndefined();
    expect(pkg.optionalDependencies.electron).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
