// Counts inputs and failures per format, and sorts each failure into
// "expected until merged" (a known bug another branch is fixing, matched by
// its error signature) or new.
import { EXPECTED_UNTIL_MERGED, type KnownBug } from './known-bugs';

// 'internal': an import refused with an internal error (a 500 in browser mode) where the
// file's fault should have been named in one line (a 4xx): not a crash, but a failure too.
export type FailureKind = 'crash' | 'hang' | 'changed' | 'internal';

export interface Failure {
  format: string;
  kind: FailureKind;
  signature: string;
  dir: string;
  known: KnownBug | null;
}

export class Tally {
  inputs = 0;
  readonly byFormat = new Map<string, Record<string, number>>();
  /** Internal errors (a 500 in browser mode): not crashes, but worth a look. */
  readonly internal = new Map<string, number>();
  readonly failures: Failure[] = [];
  private readonly ms = new Map<string, number>();

  /** Inputs that missed the time limit once but finished on the second, longer try. */
  slow(format: string): void {
    this.slowInputs.set(format, (this.slowInputs.get(format) ?? 0) + 1);
  }

  readonly slowInputs = new Map<string, number>();

  time(format: string, ms: number): void {
    this.ms.set(format, (this.ms.get(format) ?? 0) + ms);
  }

  input(format: string, outcome: string, signature?: string): void {
    this.inputs++;
    const counts = this.byFormat.get(format) ?? {};
    counts[outcome] = (counts[outcome] ?? 0) + 1;
    this.byFormat.set(format, counts);
    if (signature) this.internal.set(`${format}: ${signature}`, (this.internal.get(`${format}: ${signature}`) ?? 0) + 1);
  }

  failure(format: string, kind: FailureKind, signature: string, dir: string): void {
    // A crash or hang ends the input; a changed project or an internal error is found after its result was counted.
    if (kind === 'crash' || kind === 'hang') this.input(format, kind);
    const known = EXPECTED_UNTIL_MERGED.find((b) => b.kind === kind && b.formats.test(format) && b.signature.test(signature)) ?? null;
    this.failures.push({ format, kind, signature, dir, known });
  }

  count(kind: FailureKind, which: 'all' | 'new' | 'known' = 'all'): number {
    return this.failures.filter((f) => f.kind === kind && (which === 'all' || (which === 'new') === (f.known === null))).length;
  }

  newFailures(): Failure[] {
    return this.failures.filter((f) => f.known === null);
  }

  /** The report's last line, in issue 20's words: every crash, hang and changed project, known or not. */
  resultLine(): string {
    return `inputs ${this.inputs}, crashes ${this.count('crash')}, hangs ${this.count('hang')}, changed ${this.count('changed')}`;
  }

  /** A user's file answered as an internal error (a 500 in browser mode): printed just before the result line. */
  internalLine(): string {
    return `internal errors ${this.count('internal')}`;
  }

  summary(): string[] {
    const lines: string[] = [];
    for (const [format, counts] of this.byFormat) {
      const n = Object.values(counts).reduce((a, b) => a + b, 0);
      const ms = this.ms.has(format) ? `, ${(this.ms.get(format)! / n).toFixed(1)} ms per input` : '';
      const slow = this.slowInputs.has(format) ? `, ${this.slowInputs.get(format)} slow (finished on a second try)` : '';
      lines.push(`${format}: ${Object.entries(counts).map(([k, c]) => `${k} ${c}`).join(', ')}${ms}${slow}`);
    }
    for (const [sig, n] of [...this.internal].sort((a, b) => b[1] - a[1]).slice(0, 20)) lines.push(`internal error x${n}: ${sig}`);
    const groups = new Map<string, Failure[]>();
    for (const f of this.failures) {
      const key = `${f.known ? `EXPECTED UNTIL MERGED (${f.known.owner}: ${f.known.bug})` : 'NEW'} ${f.kind} in ${f.format}: ${f.signature}`;
      groups.set(key, [...(groups.get(key) ?? []), f]);
    }
    for (const [key, fs] of groups) lines.push(`${key} x${fs.length}, e.g. ${fs[0].dir}`);
    lines.push(`expected until merged: crashes ${this.count('crash', 'known')}, hangs ${this.count('hang', 'known')}, changed ${this.count('changed', 'known')}, internal errors ${this.count('internal', 'known')}; new: crashes ${this.count('crash', 'new')}, hangs ${this.count('hang', 'new')}, changed ${this.count('changed', 'new')}, internal errors ${this.count('internal', 'new')}`);
    return lines;
  }
}
