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

// Empty since main took wt-imp's own PBF reader (d7c7489) and wt-srv's request-handler
// fixes (a24a5c1): the crashes listed in README.md ("What it found") no longer occur.
// An entry looks like:
//   { owner: 'wt-srv', bug: 'decodeURIComponent on "/%" throws in the request handler',
//     kind: 'crash', formats: /^http$/, signature: /^URIError: URI malformed at decodeURIComponent/ }
export const EXPECTED_UNTIL_MERGED: KnownBug[] = [];
