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

/**
 * `promise`, or ExportCancelled as soon as `signal` aborts, whether or not `promise` ever
 * settles: a browser step cut short by closing its page (playwright's newPage mid-set-up)
 * can stay pending for good.
 */
export function untilCancelled<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  // What the work comes to after a cancel has no one left to tell.
  promise.catch(() => {});
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new ExportCancelled());
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** Runs `work`; if `signal` aborts meanwhile, `release` is called (closing the browser) and the result is ExportCancelled at once. */
export async function cancellable<T>(signal: AbortSignal | undefined, release: () => unknown, work: () => Promise<T>): Promise<T> {
  throwIfCancelled(signal);
  const onAbort = () => void Promise.resolve().then(release).catch(() => {});
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const result = await untilCancelled(work(), signal);
    throwIfCancelled(signal);
    return result;
  } catch (error) {
    throwIfCancelled(signal);
    throw error;
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}
