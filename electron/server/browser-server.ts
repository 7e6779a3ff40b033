// Browser mode: the same handlers as Electron's IPC, behind an HTTP server
// bound to 127.0.0.1 with a per-launch token on every API request.
import { createReadStream, existsSync, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Handlers } from '../../shared/contract';
import { BINARY_FRAME_TYPE, encodeFrame, holdsTypedArray } from '../../shared/contract/binary-frame';
import { dispatch, RequestError } from '../services/dispatch';
import { jsonTextTooDeep, TOO_DEEP } from '../services/request-depth';
import { ProgressHub } from '../services/progress';
import { isTilePath, type BasemapTiles } from '../tiles/basemap-tiles';
import { CONTENT_SECURITY_POLICY, hostAllowed, newToken, originAllowed, tokenMatches } from './security';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
};

// The largest request is one import chunk (8 MiB as base64, about 11 MB); files never cross whole.
const MAX_BODY_BYTES = 32 * 1024 * 1024;

export interface BrowserServer {
  url: string;
  port: number;
  token: string;
  progress: ProgressHub;
  close(): Promise<void>;
}

export interface BrowserServerOptions {
  handlers: Handlers;
  staticDir: string;
  port?: number;
  token?: string;
  /** The project's offline base-map tiles, served at /tiles/{z}/{x}/{y}.{ext}?token=… */
  tiles?: Pick<BasemapTiles, 'tileResponse'>;
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  if (status === 200 && holdsTypedArray(body)) {
    const frame = encodeFrame(body);
    res.writeHead(status, { 'content-type': BINARY_FRAME_TYPE, 'cache-control': 'no-store' });
    res.end(frame);
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(text);
}

async function readBody(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new RequestError('request body too large', 413);
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return {};
  const text = Buffer.concat(chunks).toString('utf8');
  if (jsonTextTooDeep(text)) throw new RequestError(TOO_DEEP, 400);
  try {
    return JSON.parse(text);
  } catch {
    throw new RequestError('request body is not JSON', 400);
  }
}

/** The path's own text, or null when its %-escapes are not UTF-8 (`/%`, `/%ZZ`, `/%c0%ae`). */
function decodedPath(pathname: string): string | null {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return null;
  }
}

function serveStatic(staticDir: string, pathname: string, res: http.ServerResponse): void {
  const root = resolve(staticDir);
  const decoded = decodedPath(pathname);
  if (decoded === null) return send(res, 400, { error: 'bad request path' });
  const relative = decoded === '/' ? 'index.html' : decoded.slice(1);
  const file = normalize(join(root, relative));
  if (!(file === root || file.startsWith(root + sep)) || !existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
    return;
  }
  res.writeHead(200, {
    'content-type': MIME[extname(file)] ?? 'application/octet-stream',
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-cache',
  });
  // A file removed after the check above must end this response, not the process.
  createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}

export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const token = options.token ?? newToken();
  const progress = new ProgressHub();
  let port = 0;

  async function answer(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = URL.canParse(req.url ?? '/', 'http://127.0.0.1') ? new URL(req.url ?? '/', 'http://127.0.0.1') : null;
    if (!url) return send(res, 400, { error: 'bad request path' });
    if (!hostAllowed(req.headers.host, port) || !originAllowed(req.headers.origin, port)) {
      res.writeHead(403, { 'content-type': 'text/plain' }).end('Forbidden');
      return;
    }
    // maplibre fetches tiles itself and cannot add a header, so the token rides in the query.
    if (isTilePath(url.pathname)) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { error: 'method not allowed' });
      if (!tokenMatches(token, url.searchParams.get('token'))) return send(res, 401, { error: 'bad token' });
      if (!options.tiles) return send(res, 404, { error: 'no tiles here' });
      try {
        const tile = await options.tiles.tileResponse(url.pathname);
        res.writeHead(tile.status, tile.headers).end(req.method === 'HEAD' ? undefined : tile.body);
      } catch (error) {
        send(res, 500, { error: error instanceof Error ? error.message : String(error) });
      }
      return;
    }
    if (!url.pathname.startsWith('/api/')) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { error: 'method not allowed' });
      return serveStatic(options.staticDir, url.pathname, res);
    }
    if (url.pathname === '/api/events') {
      if (!tokenMatches(token, url.searchParams.get('token'))) return send(res, 401, { error: 'bad token' });
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write(': connected\n\n');
      const off = progress.subscribe((event) => res.write(`data: ${JSON.stringify(event)}\n\n`));
      req.on('close', off);
      return;
    }
    if (req.method !== 'POST') return send(res, 405, { error: 'method not allowed' });
    const given = req.headers['x-cgm-token'];
    if (!tokenMatches(token, Array.isArray(given) ? given[0] : given)) return send(res, 401, { error: 'bad token' });
    const controller = new AbortController();
    // The response's close, not the request's: Node closes the request as soon as its body is read.
    res.on('close', () => {
      if (!res.writableEnded) controller.abort();
    });
    try {
      const input = await readBody(req);
      const method = url.pathname.slice('/api/'.length);
      const output = await dispatch(options.handlers, method, input, progress.context(controller.signal));
      send(res, 200, output);
    } catch (error) {
      const status = error instanceof RequestError ? error.status : 500;
      send(res, status, { error: error instanceof Error ? error.message : String(error) });
    }
  }

  // Any page the analyst visits can send requests here (an <img> needs no token), so no
  // request may end the process: whatever escapes a handler is answered, never thrown.
  const server = http.createServer((req, res) => {
    answer(req, res).catch((error: unknown) => {
      if (res.headersSent) res.destroy();
      else send(res, 500, { error: error instanceof Error ? error.message : String(error) });
    });
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    progress,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
