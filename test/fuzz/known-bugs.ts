// EXPECTED UNTIL MERGED: bugs the fuzzer finds that other branches are fixing
// right now. A failure is excused only if its format, kind and error signature
// all match an entry, and it is still counted and reported (the result line
// counts it). The integrator deletes each entry when its fix is merged; the
// short run (test/fuzz/fuzz.test.ts) then proves the fix.
import type { FailureKind } from './tally';

export interface KnownBug {
  owner: string;
  bug: string;
  kind: FailureKind;
  formats: RegExp;
  signature: RegExp;
}

export const EXPECTED_UNTIL_MERGED: KnownBug[] = [
  {
    owner: 'wt-imp',
    bug: 'osm-pbf-parser throws from inside its stream on a damaged block: an uncaught exception',
    kind: 'crash',
    formats: /^roads-pbf$/,
    signature: /osm-pbf-parser\/lib|protocol-buffers\/compile|generate-function|varint\/decode|^non-error thrown: No zlib data/,
  },
  {
    owner: 'wt-srv',
    bug: 'decodeURIComponent on a static path like "/%" throws in the request handler',
    kind: 'crash',
    formats: /^http$/,
    signature: /^URIError: URI malformed at decodeURIComponent/,
  },
  {
    owner: 'wt-srv (found by wt-fuzz)',
    bug: 'new URL(req.url) throws on a request line like "GET //..% HTTP/1.1", before any check',
    kind: 'crash',
    formats: /^http$/,
    signature: /^TypeError: Invalid URL at new URL/,
  },
];
