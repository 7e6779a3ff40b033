// Raw HTTP requests for the browser-mode server: request lines, paths,
// headers and bodies, from well formed to hostile, with and without the
// token. Contract calls start from a valid body and are damaged as JSON.
import { METHOD_NAMES } from '../../shared/contract';
import { mutateBytes, mutateJson } from './mutate';
import { rngFor, type Rng } from './prng';

export interface HttpInput {
  bytes: Buffer;
  /** Whether the request carries the right token in a well-formed way; without it nothing may change. */
  authorised: boolean;
  how: string[];
}

/** Valid bodies for calls that neither write files outside the project nor read paths the fuzzer names. */
const EXAMPLES: Record<string, unknown> = {
  getProjectInfo: {},
  getSegments: { scheme: 'OAC 2021' },
  getSites: {},
  getAreaLayer: { level: 'OA', scheme: 'OAC 2021' },
  getAreaGeometry: { level: 'OA' },
  getAreaColumns: { level: 'OA', scheme: 'OAC 2021' },
  getLayerFeatures: { table: 'area_oa', bbox: [-0.8, 52.5, -0.4, 52.8] },
  getAreaAnalysis: { service: 'GP', indicator: 'Fuzz', mode: 'walk' },
  getUserHexbins: { service: 'Fuzz', hexMetres: 300 },
  beginImportUpload: { name: 'x.csv', size: 12 },
  putImportChunk: { uploadId: 'x', part: 'main', offset: 0, dataBase64: 'b2FfY29kZSxuCg==' },
  finishImportUpload: { uploadId: 'x' },
  runImport: { fileId: 'x', kind: 'population', options: { areaField: 'oa_code', countField: 'n' } },
  cancelImport: { fileId: 'x' },
  listViews: {},
  deleteView: { name: 'nope' },
  getWorkbook: {},
  getBasemapInfo: {},
};

/** Methods whose inputs name files to write or read, or that switch the open project: fuzzed only without a valid token. */
const UNSAFE_WITH_TOKEN = /^(export|setBasemapTiles|newProject|openProject|saveProjectAs|renameProject|addProjectFolder|openDemoProject)/;

const PATHS = [
  '/', '/index.html', '/%', '/%E0%A4%A', '/%00', '/..%2f..%2fetc%2fpasswd', '/../../etc/passwd', '//etc/passwd', '/index.html%00.js',
  '/api/', '/api/__proto__', '/api/constructor', '/api/hasOwnProperty', '/api/events', '/api/events?token=%', '/api/getProjectInfo?x=%',
  '/tiles/1/2/3.png', '/tiles/99/999999999/999999999.pbf', '/tiles/-1/0/0.png', '/tiles/1/2/3.png?token=%zz', '*', 'http://evil.example/',
  `/${'a'.repeat(10_000)}`, '/\u00e9', '/api/getProjectInfo#frag', '/api/getProjectInfo/../getSegments',
];

const METHODS = ['GET', 'POST', 'POST', 'POST', 'HEAD', 'PUT', 'OPTIONS', 'DELETE', 'CONNECT', 'TRACE', 'P0ST', '', 'GET GET'];

export function generateHttpInput(seed: number, index: number, port: number, token: string): HttpInput {
  const rng = rngFor(seed, 'http', index);
  const how: string[] = [];
  const api = rng.chance(0.7);
  const methodName = rng.pick(api ? (rng.chance(0.7) ? Object.keys(EXAMPLES) : METHOD_NAMES) : ['']);
  let path = api ? `/api/${methodName}` : rng.pick(PATHS);
  if (path.includes('token=') || (path.startsWith('/tiles') && rng.chance(0.5)) || (path === '/api/events' && rng.chance(0.7))) {
    path += `${path.includes('?') ? '&' : '?'}token=${rng.chance(0.7) ? token : 'f'.repeat(48)}`;
  }
  if (rng.chance(0.1)) {
    path = damageText(path, rng);
    how.push('path damaged');
  }
  const method = rng.chance(0.9) ? (api ? 'POST' : 'GET') : rng.pick(METHODS);
  const version = rng.chance(0.95) ? 'HTTP/1.1' : rng.pick(['HTTP/1.0', 'HTTP/2.0', 'HTTP/9.9', 'HTTP/1.1 extra', '', 'HTCPCP/1.0']);

  // Token: right, wrong, missing, doubled, or of the wrong length.
  const tokenRoll = rng.next();
  const tokenHeaders =
    tokenRoll < 0.6 ? [`X-Cgm-Token: ${token}`]
      : tokenRoll < 0.7 ? []
        : tokenRoll < 0.8 ? [`X-Cgm-Token: ${'f'.repeat(48)}`]
          : tokenRoll < 0.85 ? [`X-Cgm-Token: ${token}`, `X-Cgm-Token: ${'0'.repeat(48)}`]
            : tokenRoll < 0.9 ? [`X-Cgm-Token: ${token.slice(0, -1)}\u00e9`]
              : tokenRoll < 0.95 ? [`X-Cgm-Token: ${token}${token}`]
                : [`X-Cgm-Token: ${token.slice(0, 47)}`];
  const authorised = tokenRoll < 0.6 && !UNSAFE_WITH_TOKEN.test(methodName);
  if (!authorised) how.push(`token case ${tokenRoll.toFixed(2)}`);

  let body: Buffer = Buffer.alloc(0);
  if (method !== 'GET' && method !== 'HEAD' && rng.chance(0.9)) {
    const example = Buffer.from(JSON.stringify(EXAMPLES[methodName] ?? {}));
    const roll = rng.next();
    if (roll < 0.25) body = example;
    else if (roll < 0.75) {
      const r = mutateJson(example, rng);
      body = Buffer.from(r.data);
      how.push(...r.how);
    } else if (roll < 0.85) {
      const depth = rng.pick([1000, 100_000, 1_000_000]);
      body = Buffer.from(rng.chance(0.5) ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth));
      how.push(`nesting ${depth}`);
    } else if (roll < 0.998) {
      body = Buffer.from(mutateBytes(example, rng, example).data);
      how.push('body bytes');
    } else {
      body = Buffer.alloc(33 * 1024 * 1024, 0x20);
      how.push('33 MB body');
    }
  }
  if (!authorised && !api) how.push('static');

  const headers: string[] = [];
  const hostRoll = rng.next();
  if (hostRoll < 0.85) headers.push(`Host: ${rng.chance(0.5) ? '127.0.0.1' : 'localhost'}:${port}`);
  else if (hostRoll < 0.9) headers.push(`Host: evil.example:${port}`);
  else if (hostRoll < 0.95) headers.push(`Host: 127.0.0.1:${port}`, `Host: evil.example`);
  if (rng.chance(0.15)) headers.push(`Origin: ${rng.pick([`http://127.0.0.1:${port}`, 'http://evil.example', 'null', '', `http://localhost:${port}`])}`);
  headers.push(...tokenHeaders);
  if (rng.chance(0.9)) headers.push('Content-Type: application/json');
  const chunked = body.length > 0 && rng.chance(0.05);
  if (chunked) {
    headers.push('Transfer-Encoding: chunked');
    how.push('chunked');
  } else {
    const lenRoll = rng.next();
    if (lenRoll < 0.85) headers.push(`Content-Length: ${body.length}`);
    else if (lenRoll < 0.9) headers.push(`Content-Length: ${body.length + 1 + rng.int(100)}`);
    else if (lenRoll < 0.93) headers.push(`Content-Length: ${rng.pick(['-1', '1e3', '99999999999999999999', 'abc', ''])}`);
    else if (lenRoll < 0.96) headers.push(`Content-Length: ${body.length}`, `Content-Length: ${body.length + 1}`);
    if (lenRoll >= 0.85) how.push('content-length lies');
  }
  if (rng.chance(0.05)) {
    headers.push(rng.pick([`X-Big: ${'a'.repeat(20_000)}`, 'Bad Header: x', 'X-Fold: a\r\n b', 'X-Nul: \u0000', ': empty', `X-Many: ${'a,'.repeat(5000)}`]));
    how.push('odd header');
  }
  headers.push('Connection: close');
  const framed = chunked ? Buffer.concat([Buffer.from(`${body.length.toString(16)}\r\n`), body, Buffer.from(rng.chance(0.7) ? '\r\n0\r\n\r\n' : '\r\nzz\r\n')]) : body;
  return { bytes: Buffer.concat([Buffer.from(`${method} ${path} ${version}\r\n${headers.join('\r\n')}\r\n\r\n`, 'latin1'), framed]), authorised, how };
}

function damageText(text: string, rng: Rng): string {
  const at = rng.int(text.length + 1);
  return text.slice(0, at) + rng.pick(['%', '%%', '%ZZ', '%C0%AF', '\u0000', ' ', '/..', '//', '?', '#', '%2e%2e/', '\u00ff']) + text.slice(at);
}
