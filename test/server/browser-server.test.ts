// Browser mode must be as closed as the Electron IPC it stands in for.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Handlers } from '../../shared/contract';
import { startBrowserServer, type BrowserServer } from '../../electron/server/browser-server';

const info = {
  path: '/tmp/x.gpkg',
  name: 'X',
  schemaVersion: 1,
  layers: [],
  levels: [],
  schemes: [],
  services: [],
  indicators: [],
  attributions: [],
};
const handlers = {
  getProjectInfo: async (_input: unknown, ctx: { progress(m: string, f: number | null): void }) => {
    ctx.progress('reading', 1);
    return info;
  },
  getSegments: async ({ scheme }: { scheme: string }) => [
    { scheme, code: '1', name: 'One', parentCode: null, level: 'supergroup', colour: null, description: null },
  ],
  getSites: async () => [{ id: 1, name: 'no service field' }],
  // A bug that escapes as a plain throw (not even an Error), before any promise exists.
  listViews: () => {
    throw 'a bug';
  },
  // Stands in for a long export: ends only when the call's signal aborts.
  exportTable: (_input: unknown, ctx: { signal: AbortSignal }) =>
    new Promise((_resolve, reject) => ctx.signal.addEventListener('abort', () => {
      aborted.push(Date.now());
      reject(new Error('cancelled'));
    })),
} as unknown as Handlers;
const aborted: number[] = [];

let server: BrowserServer;

function request(
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      // A fresh connection each time: the 413 test's socket is cut mid-body and must not be reused.
      { host: '127.0.0.1', port: server.port, path, method: options.method ?? 'POST', headers: options.headers, agent: false },
      (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const good = () => ({ host: `127.0.0.1:${server.port}`, 'x-cgm-token': server.token, 'content-type': 'application/json' });

beforeAll(async () => {
  server = await startBrowserServer({ handlers, staticDir: import.meta.dirname });
});
afterAll(() => server.close());

describe('browser-mode server', () => {
  it('listens on loopback with a long random token in the printed url', () => {
    expect(server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/\\?token=[0-9a-f]{48}$`));
  });

  it('answers a contract call with the right token', async () => {
    const res = await request('/api/getProjectInfo', { headers: good(), body: '{}' });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).name).toBe('X');
  });

  it('refuses a missing or wrong token', async () => {
    expect((await request('/api/getProjectInfo', { headers: { host: `127.0.0.1:${server.port}` }, body: '{}' })).status).toBe(401);
    expect((await request('/api/getProjectInfo', { headers: { ...good(), 'x-cgm-token': 'f'.repeat(48) }, body: '{}' })).status).toBe(401);
  });

  it('refuses a foreign Host (DNS rebinding) and a foreign Origin', async () => {
    expect((await request('/api/getProjectInfo', { headers: { ...good(), host: `evil.example:${server.port}` }, body: '{}' })).status).toBe(403);
    expect((await request('/api/getProjectInfo', { headers: { ...good(), origin: 'http://evil.example' }, body: '{}' })).status).toBe(403);
    expect((await request('/', { method: 'GET', headers: { host: `attacker.test:${server.port}` } })).status).toBe(403);
  });

  it('validates input against the contract and names the field', async () => {
    const res = await request('/api/getSegments', { headers: good(), body: '{"scheme": 3}' });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).error).toMatch(/scheme/);
    const extra = await request('/api/getProjectInfo', { headers: good(), body: '{"path":"/etc/passwd"}' });
    expect(extra.status).toBe(400);
  });

  it('rejects unknown methods and output that drifts from the contract', async () => {
    expect((await request('/api/deleteEverything', { headers: good(), body: '{}' })).status).toBe(404);
    expect((await request('/api/getSites', { headers: good(), body: '{}' })).status).toBe(500);
  });

  it('serves static files with a CSP that allows no remote origin, and no path traversal', async () => {
    const res = await new Promise<http.IncomingMessage>((resolve) =>
      http.get({ host: '127.0.0.1', port: server.port, path: '/browser-server.test.ts', headers: { host: `127.0.0.1:${server.port}` } }, resolve),
    );
    expect(res.statusCode).toBe(200);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toMatch(/https?:/);
    res.resume();
    expect((await request('/..%2F..%2Fpackage.json', { method: 'GET', headers: { host: `127.0.0.1:${server.port}` } })).status).toBe(404);
  });

  it('aborts the handler when the renderer gives up the call (its Cancel)', async () => {
    const req = http.request({ host: '127.0.0.1', port: server.port, path: '/api/exportTable', method: 'POST', headers: good() });
    req.on('error', () => {});
    req.end(JSON.stringify({ table: 'gaps' }));
    // Once the handler is waiting, the client goes away, as fetch does when its AbortController fires.
    await new Promise((r) => setTimeout(r, 200));
    expect(aborted).toHaveLength(0);
    req.destroy();
    await expect.poll(() => aborted.length).toBe(1);
  });

  it('refuses a body larger than any call needs (one import chunk is the largest)', async () => {
    const res = await request('/api/getSites', { headers: good(), body: JSON.stringify({ pad: 'x'.repeat(33 * 1024 * 1024) }) });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).error).toBe('request body too large');
  });

  it('answers a path whose %-escapes are not UTF-8 with 400 and keeps serving (an <img> on any site can send one)', async () => {
    // decodeURIComponent throws URIError on each of these; it used to end the process.
    for (const path of ['/%c0%ae', '/%', '/%ZZ', '/assets/%E0%A4%A']) {
      const res = await request(path, { method: 'GET', headers: { host: `127.0.0.1:${server.port}` } });
      expect([path, res.status]).toEqual([path, 400]);
    }
    expect((await request('/api/getProjectInfo', { headers: good(), body: '{}' })).status).toBe(200);
  });

  it('answers a handler that throws unexpectedly with 500 and keeps serving', async () => {
    const res = await request('/api/listViews', { headers: good(), body: '{}' });
    expect(res).toEqual({ status: 500, body: JSON.stringify({ error: 'a bug' }) });
    expect((await request('/api/getProjectInfo', { headers: good(), body: '{}' })).status).toBe(200);
  });
});
