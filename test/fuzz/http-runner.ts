// Fuzzes the browser-mode server in a child process. After every input the
// server must still answer a known-good call (getProjectInfo with the token);
// a request without the right token must leave the project file unchanged.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { join, resolve } from 'node:path';
import { generateHttpInput } from './http-inputs';
import { BASE_PROJECT, REPO } from './seeds';
import type { Tally } from './tally';

export const HTTP_FORMAT = 'http';

export interface HttpFuzzOptions {
  seed: number;
  count: number;
  first?: number;
  corpusDir: string;
  workDir: string;
  failDir: string;
  timeoutMs: number;
  tally: Tally;
  onProgress?(done: number): void;
}

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

interface Server {
  child: ChildProcess;
  port: number;
  project: string;
  stderr: () => string;
  exited: () => boolean;
}

async function startServer(o: HttpFuzzOptions, token: string): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(import.meta.dirname, 'http-server-child.ts'), join(o.corpusDir, BASE_PROJECT), o.workDir, token], {
    cwd: REPO,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  let exited = false;
  child.stderr!.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-8000)));
  child.on('exit', () => (exited = true));
  const line = await new Promise<string>((done, fail) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('\n')) done(out.split('\n')[0]);
    });
    child.on('exit', (code) => fail(new Error(`fuzz server did not start (exit ${code}): ${stderr}`)));
  });
  const [, port, project] = line.split(' ');
  return { child, port: Number(port), project, stderr: () => stderr, exited: () => exited };
}

/** Sends raw bytes and waits for the server to close the connection (or gives up quietly). */
function sendRaw(port: number, bytes: Buffer, waitMs: number): Promise<void> {
  return new Promise((done) => {
    const socket = net.connect(port, '127.0.0.1');
    const timer = setTimeout(() => socket.destroy(), waitMs);
    socket.on('error', () => {});
    socket.on('data', () => {});
    socket.on('close', () => {
      clearTimeout(timer);
      done();
    });
    socket.end(bytes);
  });
}

/** The known-good call: true when the server answers it properly. */
function knownGood(port: number, token: string, timeoutMs: number): Promise<boolean> {
  return new Promise((done) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: '/api/getProjectInfo', method: 'POST', headers: { host: `127.0.0.1:${port}`, 'x-cgm-token': token, 'content-type': 'application/json', connection: 'close' }, timeout: timeoutMs },
      (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => done(res.statusCode === 200 && body.includes('"schemaVersion"')));
      },
    );
    req.on('timeout', () => req.destroy());
    req.on('error', () => done(false));
    req.end('{}');
  });
}

/** Node's report of an uncaught exception: "URIError: URI malformed" and its first frame. */
function crashSignature(stderr: string): string {
  const lines = stderr.split('\n');
  const i = lines.findIndex((l) => /^[A-Za-z]*(Error|Exception)\b/.test(l));
  if (i < 0) return `process died: ${lines.filter(Boolean).slice(-2).join(' | ').slice(0, 300)}`;
  return `${lines[i].slice(0, 300)} ${lines.slice(i + 1).find((l) => l.includes(' at '))?.trim() ?? ''}`;
}

export async function fuzzHttp(o: HttpFuzzOptions): Promise<void> {
  const token = randomBytes(24).toString('hex');
  mkdirSync(o.workDir, { recursive: true });
  let server = await startServer(o, token);
  let hash = sha(server.project);
  const first = o.first ?? 0;
  for (let index = first; index < first + o.count; index++) {
    const input = generateHttpInput(o.seed, index, server.port, token);
    await sendRaw(server.port, input.bytes, Math.min(2000, o.timeoutMs));
    const alive = await knownGood(server.port, token, o.timeoutMs);
    const fail = (kind: 'crash' | 'hang' | 'changed', signature: string) => {
      const dir = join(o.failDir, `${HTTP_FORMAT}-seed${o.seed}-input${index}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'request.bin'), input.bytes);
      writeFileSync(join(dir, 'failure.json'), JSON.stringify({
        format: HTTP_FORMAT, seed: o.seed, index, kind, signature, mutations: input.how, authorised: input.authorised,
        replay: `npx tsx test/fuzz/run.ts --format ${HTTP_FORMAT} --seed ${o.seed} --index ${index}`,
      }, null, 2) + '\n');
      o.tally.failure(HTTP_FORMAT, kind, signature, dir);
    };
    if (!alive) {
      // Give a dying process a moment to exit and print its error.
      await new Promise((r) => setTimeout(r, 300));
      if (server.exited()) fail('crash', crashSignature(server.stderr()));
      else fail('hang', `the server did not answer a known-good call within ${o.timeoutMs} ms`);
      server.child.kill('SIGKILL');
      server = await startServer(o, token);
      hash = sha(server.project);
    } else {
      o.tally.input(HTTP_FORMAT, input.authorised ? 'with token' : 'without token');
      const now = sha(server.project);
      if (now !== hash && !input.authorised) fail('changed', 'a request without the right token changed the project');
      hash = now;
    }
    o.onProgress?.(index - first + 1);
  }
  server.child.kill('SIGKILL');
}
