// Files on their way from the renderer to the import staging, chunk by chunk.
// Each part (the dropped file and any shapefile sidecars) gets one buffer of
// its declared size up front and chunks are copied straight in, so a 1 GB
// postcode directory needs 1 GB while it arrives, not 2 GB for the pieces and
// the joined whole. Like staged files, the bytes live only in main-process
// memory (a users file holds personal data) and are wiped when let go.
import { randomUUID } from 'node:crypto';
import { IMPORT_CHUNK_BYTES, MAX_IMPORT_BYTES } from '../../shared/contract';
import type { InMemoryFile } from '../importers/importer';
import { byteSize, ImportError } from '../importers/importer';

/**
 * An upload with no chunk for this long is let go. The renderer sends chunk
 * after chunk without pause, so silence this long means it has gone (closed,
 * reloaded, crashed); timing from the last chunk rather than the first lets a
 * slow machine take as long as it needs over a gigabyte.
 */
export const UPLOAD_IDLE_MS = 2 * 60 * 1000;

interface Part {
  /** Names the part in messages: "oa.shp", or "oa.shp (.dbf)" for a sidecar. */
  label: string;
  bytes: Buffer;
  received: number;
}

interface Upload {
  name: string;
  lastModified?: number;
  parts: Map<string, Part>;
  timer: NodeJS.Timeout;
}

export interface UploadOptions {
  /** Largest chunk accepted, in bytes; tests use small ones to cross many chunk boundaries. */
  chunkBytes?: number;
  idleMs?: number;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const count = (n: number) => n.toLocaleString('en-GB');

export class ImportUploads {
  readonly chunkBytes: number;
  private readonly idleMs: number;
  private readonly uploads = new Map<string, Upload>();

  constructor(options: UploadOptions = {}) {
    this.chunkBytes = options.chunkBytes ?? IMPORT_CHUNK_BYTES;
    this.idleMs = options.idleMs ?? UPLOAD_IDLE_MS;
    // The contract caps a chunk's text at IMPORT_CHUNK_BYTES; a larger setting could never be filled.
    if (!(this.chunkBytes > 0 && this.chunkBytes <= IMPORT_CHUNK_BYTES)) throw new Error(`chunkBytes must be between 1 and ${IMPORT_CHUNK_BYTES}`);
  }

  get count(): number {
    return this.uploads.size;
  }

  /** Sets aside memory for the file and its sidecars; refuses what could never be held. */
  begin(name: string, size: number, siblings: Record<string, number> = {}, lastModified?: number): string {
    if (size === 0) throw new ImportError(`${name}: the file is empty`);
    const total = size + Object.values(siblings).reduce((s, n) => s + n, 0);
    if (total > MAX_IMPORT_BYTES) {
      throw new ImportError(
        `${name}: ${byteSize(total)} is more than one import can hold in memory (${byteSize(MAX_IMPORT_BYTES)} at most); keep only the columns and rows you need and import that`,
      );
    }
    // One budget for everything on its way at once, so repeated begins cannot hold 4 GB each.
    const arriving = [...this.uploads.values()].reduce((s, u) => s + [...u.parts.values()].reduce((t, p) => t + p.bytes.length, 0), 0);
    if (arriving + total > MAX_IMPORT_BYTES) {
      throw new ImportError(`${name}: other files still being sent hold ${byteSize(arriving)}; wait for them to arrive (or cancel them) and drop this one again`);
    }
    const parts = new Map<string, Part>();
    try {
      for (const [part, bytes] of [['main', size], ...Object.entries(siblings)] as const) {
        // allocUnsafeSlow, not allocUnsafe: a small file must not share Node's pooled
        // buffer, so wiping it cannot touch (nor miss) bytes of anything else.
        parts.set(part, { label: part === 'main' ? name : `${name} (.${part})`, bytes: Buffer.allocUnsafeSlow(bytes), received: 0 });
      }
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      throw new ImportError(`${name}: there is not enough free memory to hold ${byteSize(total)}; close other programs and try again`);
    }
    const id = randomUUID();
    const timer = setTimeout(() => this.abandon(id), this.idleMs);
    // An upload in progress must not keep a test or the CLI alive.
    timer.unref();
    this.uploads.set(id, { name, parts, timer, ...(lastModified === undefined ? {} : { lastModified }) });
    return id;
  }

  /**
   * Copies one chunk into place. Chunks come in order, each starting where the
   * last ended; anything else means a damaged transfer or a renderer bug, so
   * the upload is wiped and let go rather than left half-trusted.
   */
  put(id: string, partName: string, offset: number, dataBase64: string): number {
    const upload = this.get(id);
    const part = upload.parts.get(partName);
    const refuse = (message: string): never => {
      this.abandon(id);
      throw new ImportError(`${message}; drop the file again`);
    };
    if (!part) return refuse(`${upload.name}: no .${partName} file was announced with it`);
    // Buffer's decoder skips stray characters silently; a damaged transfer should say so.
    if (dataBase64.length % 4 !== 0 || !BASE64.test(dataBase64)) return refuse(`${part.label}: the file's bytes arrived damaged (not base64)`);
    const padding = dataBase64.endsWith('==') ? 2 : dataBase64.endsWith('=') ? 1 : 0;
    const length = (dataBase64.length / 4) * 3 - padding;
    const at = `the chunk at byte ${count(offset)}`;
    if (length === 0) return refuse(`${part.label}: ${at} is empty`);
    if (length > this.chunkBytes) return refuse(`${part.label}: ${at} holds ${count(length)} bytes, more than the ${count(this.chunkBytes)} a chunk may hold`);
    if (offset < part.received) return refuse(`${part.label}: ${at} overlaps bytes already received (the next is byte ${count(part.received)})`);
    if (offset > part.received) return refuse(`${part.label}: ${at} is out of order (the next is byte ${count(part.received)})`);
    if (offset + length > part.bytes.length) return refuse(`${part.label}: ${at} runs past the end of the file (${count(part.bytes.length)} bytes were announced)`);
    // Decoded straight into place: no second copy of the chunk.
    part.bytes.write(dataBase64, offset, length, 'base64');
    part.received += length;
    upload.timer.refresh();
    return part.received;
  }

  /** Hands over the complete file, every part checked whole; the upload is forgotten (not wiped: the bytes move on). */
  finish(id: string): InMemoryFile {
    const upload = this.get(id);
    for (const part of upload.parts.values()) {
      if (part.received !== part.bytes.length) {
        this.abandon(id);
        throw new ImportError(`${part.label}: only ${count(part.received)} of ${count(part.bytes.length)} bytes arrived; drop the file again`);
      }
    }
    clearTimeout(upload.timer);
    this.uploads.delete(id);
    // Plain Uint8Array views of the same memory, as the importers have always been given.
    const view = (b: Buffer) => new Uint8Array(b.buffer, b.byteOffset, b.length);
    const input: InMemoryFile = { name: upload.name, data: view(upload.parts.get('main')!.bytes) };
    const siblings = [...upload.parts].filter(([name]) => name !== 'main');
    if (siblings.length) input.siblings = Object.fromEntries(siblings.map(([ext, part]) => [ext, view(part.bytes)]));
    if (upload.lastModified !== undefined) input.lastModified = upload.lastModified;
    return input;
  }

  /** Wipes what had arrived (rather than waiting for the garbage collector) and forgets the upload. */
  abandon(id: string): boolean {
    const upload = this.uploads.get(id);
    if (!upload) return false;
    clearTimeout(upload.timer);
    for (const part of upload.parts.values()) part.bytes.fill(0);
    this.uploads.delete(id);
    return true;
  }

  abandonAll(): void {
    for (const id of [...this.uploads.keys()]) this.abandon(id);
  }

  private idleText(): string {
    return this.idleMs >= 60_000 ? `${Math.round(this.idleMs / 60_000)} minutes` : `${Math.round(this.idleMs / 1000)} seconds`;
  }

  private get(id: string): Upload {
    const upload = this.uploads.get(id);
    if (!upload) throw new ImportError(`the file is no longer being received (it is let go ${this.idleText()} after its last chunk, or after an error); drop it again`);
    return upload;
  }
}
