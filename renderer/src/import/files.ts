// Dropped or chosen files, grouped the way GIS users hand them over: a
// shapefile is the .shp plus its .dbf, .prj, .cpg and .shx under one base name.

/** Sidecars that travel with a .shp; they are never imported on their own. */
const SHAPEFILE_SIDECARS = new Set(['dbf', 'prj', 'cpg', 'shx']);

export interface FileGroup {
  main: File;
  /** Sidecars keyed by lower-case extension. */
  siblings: Record<string, File>;
}

function splitName(name: string): { base: string; ext: string } {
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? { base: name, ext: '' } : { base: name.slice(0, dot), ext: name.slice(dot + 1).toLowerCase() };
}

/**
 * One group per file to import. Sidecars join the .shp with the same base name
 * (case-insensitive, as Windows shows them); a sidecar with no .shp is kept as
 * its own group so the import step can say what is missing.
 */
export function groupFiles(files: File[]): FileGroup[] {
  const shps = new Map<string, FileGroup>();
  const groups: FileGroup[] = [];
  for (const file of files) {
    const { base, ext } = splitName(file.name);
    if (ext === 'shp') {
      const group = { main: file, siblings: {} };
      shps.set(base.toLowerCase(), group);
      groups.push(group);
    }
  }
  for (const file of files) {
    const { base, ext } = splitName(file.name);
    if (ext === 'shp') continue;
    const owner = SHAPEFILE_SIDECARS.has(ext) ? shps.get(base.toLowerCase()) : undefined;
    if (owner) owner.siblings[ext] = file;
    else groups.push({ main: file, siblings: {} });
  }
  return groups;
}

/** Base64 of a file's bytes, as the contract carries them over either transport. */
export function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(new Error(`${file.name}: the file could not be read (${reader.error?.message ?? 'unknown error'})`));
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.readAsDataURL(file);
  });
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
