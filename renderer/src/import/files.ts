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

/**
 * Base64 of one chunk, as the contract carries bytes over either transport.
 * Uint8Array.toBase64 where the browser has it; otherwise btoa over a binary
 * string built in slices (String.fromCharCode takes only so many arguments).
 */
export function toBase64(bytes: Uint8Array): string {
  const native = (bytes as Uint8Array & { toBase64?: () => string }).toBase64;
  if (typeof native === 'function') return native.call(bytes);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** "120 of 950 MB": both figures in the unit the total is best read in. */
export function formatSent(sent: number, total: number): string {
  const [unit, size, places] = total < 1024 ? ['bytes', 1, 0] : total < 1024 * 1024 ? ['KB', 1024, 0] : total < 100 * 1024 * 1024 ? ['MB', 1024 * 1024, 1] : ['MB', 1024 * 1024, 0];
  const text = (n: number) => (n / size).toFixed(places);
  // Sent rounds down, so the figures only match once everything has gone.
  const step = 10 ** places;
  const sentText = sent >= total ? text(total) : (Math.floor((sent / size) * step) / step).toFixed(places);
  return `${sentText} of ${text(total)} ${unit}`;
}
