// Where projects may live. Browser mode serves a loopback page, so the main
// process must not become a way to open or write any file on the machine:
// projects are listed, opened and made only in the data folder's projects/
// and in folders the analyst has added by name. Every path is judged by where
// it really is (symlinks followed, `..` resolved), never by its text alone.
import { existsSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, extname, isAbsolute, join, parse, relative, resolve } from 'node:path';
import { InputError } from '../../shared/errors';
import { networkPathReason } from '../tiles/local-path';

export const PROJECT_EXTENSION = '.gpkg';

/** `inner` is `outer` or below it (both already real, absolute paths). */
export function isWithin(outer: string, inner: string): boolean {
  const rel = relative(outer, inner);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** The real path of a file that may not exist yet (its folder's real path plus its name), or null when its folder is missing. */
export function realTarget(file: string): string | null {
  if (existsSync(file)) return realpathSync(file);
  const folder = dirname(file);
  return existsSync(folder) ? join(realpathSync(folder), basename(file)) : null;
}

/** Checks a path typed or sent by the renderer before any other file-system call. */
export function checkPathText(path: string, what: string): string {
  const network = networkPathReason(path);
  if (network) throw new InputError(`${path} is on a network share; copy the ${what} to this computer first.`);
  if (!isAbsolute(path)) throw new InputError(`${path} is not a full path; give the ${what}'s full path (e.g. starting with / or C:\\).`);
  return resolve(path);
}

/**
 * The real path of the project file `path` when it lies inside one of
 * `folders` (real paths) and is a .gpkg; otherwise an InputError naming it.
 */
export function confinedProjectPath(path: string, folders: readonly string[]): string {
  const lexical = checkPathText(path, 'project');
  if (extname(lexical).toLowerCase() !== PROJECT_EXTENSION) throw new InputError(`${path} is not a project file: projects are GeoPackages (.gpkg).`);
  const real = realTarget(lexical);
  // A missing folder is reported as outside, so the answer never tells which folders exist elsewhere.
  if (real === null || !folders.some((f) => isWithin(f, real))) {
    throw new InputError(`${path} is outside the project folders; add its folder under Open project… first (only the data folder's projects and added folders can be used).`);
  }
  return real;
}

/** The real path of a folder the analyst adds: it must exist, be a folder, and not be a whole drive. */
export function checkedFolder(path: string): string {
  const lexical = checkPathText(path, 'folder');
  if (!existsSync(lexical) || !statSync(lexical).isDirectory()) throw new InputError(`${path} is not a folder on this computer.`);
  const real = realpathSync(lexical);
  if (parse(real).root === real) throw new InputError(`${path} is a whole drive; add the folder that holds your projects instead.`);
  return real;
}

// Windows refuses these names whatever the extension.
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

/** A project's file name from its name: characters no file system takes become "-". */
export function projectFileName(name: string): string {
  const cleaned = name
    .normalize('NFC')
    .replace(/[<>:"/\\|?*\u0000-\u001f\u007f]/g, '-')
    .replace(/^[\s.]+|[\s.]+$/g, '')
    .slice(0, 100);
  if (cleaned === '' || /^-+$/.test(cleaned)) throw new InputError(`"${name}" cannot be a project name: give it some letters or digits.`);
  return `${RESERVED.test(cleaned) ? `${cleaned}-project` : cleaned}${PROJECT_EXTENSION}`;
}
