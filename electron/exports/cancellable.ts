// Long exports (a map drawn by a browser, a PDF printed by one) stop when the
// analyst cancels: the transport aborts the call's signal, and the browser
// doing the work is closed at once rather than left to finish.

export class ExportCancelled extends Error {
  constructor() {
    super('the export was cancelled');
    this.name = 'ExportCancelled';
  }
}

export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ExportCancelled();
}

/** Runs `work`; if `signal` aborts meanwhile, `release` is called (closing the browser) and the result is ExportCancelled. */
export async function cancellable<T>(signal: AbortSignal | undefined, release: () => unknown, work: () => Promise<T>): Promise<T> {
  throwIfCancelled(signal);
  const onAbort = () => void Promise.resolve().then(release).catch(() => {});
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const result = await work();
    throwIfCancelled(signal);
    return result;
  } catch (error) {
    throwIfCancelled(signal);
    throw error;
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}
