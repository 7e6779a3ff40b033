// The one place an export touches the disk: atomically (a temp file renamed
// into place, so a failed export never leaves half a file that looks finished)
// and never over the project itself.
import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, resolve, basename } from 'node:path';

export interface ExportFile {
  /** Suggested file name, e.g. "gaps.csv". */
  filename: string;
  mimeType: string;
  bytes: Buffer;
}

export const MIME_TYPES: Record<string, string> = {
  '.csv': 'text/csv; charset=utf-8',
  '.geojson': 'application/geo+json',
  '.gpkg': 'application/geopackage+sqlite3',
  '.html': 'text/html; charset=utf-8',
  '.pdf': 'application/pdf',
};

export function exportFile(filename: string, bytes: Buffer | string): ExportFile {
  const mimeType = MIME_TYPES[extname(filename).toLowerCase()] ?? 'application/octet-stream';
  return { filename, mimeType, bytes: typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes };
}

/** A name safe on every file system, from a layer or table name. */
export function safeFilename(stem: string, extension: string): string {
  const clean = stem.normalize('NFKD').replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+|_+$/g, '') || 'export';
  return `${clean}${extension}`;
}

export function writeExport(out: string, file: ExportFile, projectPath?: string): string {
  const target = resolve(out);
  if (projectPath && target === resolve(projectPath)) throw new Error('refusing to write an export over the project file');
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(4).toString('hex')}.partial`);
  try {
    writeFileSync(temp, file.bytes);
    renameSync(temp, target);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
  return target;
}
