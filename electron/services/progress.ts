// Progress events for long jobs, fanned out to whichever transport listens.
import type { CallContext, ProgressEvent } from '../../shared/contract';

type Listener = (event: ProgressEvent) => void;

export class ProgressHub {
  private listeners = new Set<Listener>();
  private nextJob = 1;

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A context for one call; progress is throttled to keep the channel quiet. */
  context(signal: AbortSignal): CallContext {
    const jobId = `job-${this.nextJob++}`;
    let last = 0;
    return {
      signal,
      progress: (message, fraction) => {
        const now = Date.now();
        if (fraction !== null && fraction < 1 && now - last < 100) return;
        last = now;
        for (const l of this.listeners) l({ jobId, message, fraction });
      },
    };
  }
}
