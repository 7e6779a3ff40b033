// Base-map tile files must be on this machine. On Windows a path beginning with
// two slashes of either kind (\\host\share\x.pmtiles, //host/share, \\?\UNC\...)
// names a network share: merely opening or stat-ing it sends an SMB request,
// and with it the user's Windows credentials, to whatever host a project file
// or a typed path names. So the check is on the text alone, before any file
// system call. Device and long-path prefixes (\\.\, \\?\) start the same way and
// are refused too; a typed or chosen map file never needs them. A mapped
// network drive (Z:) looks local and cannot be told apart from the text.
const NETWORK_PREFIX = /^[\\/]{2}/;

/** Why `path` is not a local file path, or null when it is. Pure: no file system access. */
export function networkPathReason(path: string): string | null {
  return NETWORK_PREFIX.test(path.trim()) ? `${path.trim()} is on a network share; copy the tile file to this computer and choose the copy.` : null;
}

export function assertLocalPath(path: string): void {
  const reason = networkPathReason(path);
  if (reason) throw new Error(reason);
}
