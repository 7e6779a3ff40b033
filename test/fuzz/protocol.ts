// Messages between the fuzz runner and its worker processes.
export type WorkerRequest =
  | { type: 'init'; corpusDir: string; workDir: string }
  | { type: 'run'; format: string; seed: number; index: number; seq: number };

export type WorkerReply =
  | { type: 'ready' }
  /**
   * An uncaught exception or unhandled rejection during an input: what would
   * kill the app's main process. The worker reports it, resets its project
   * and carries on (a fresh process costs seconds; the parent still starts
   * one now and then, and whenever the process itself dies).
   */
  | { type: 'crash'; signature: string; seq: number }
  | {
      type: 'result';
      seq: number;
      /** imported; refused with a user error (4xx); or failed with an internal error (a 500 in browser mode). */
      outcome: 'imported' | 'refused' | 'internal error' | 'harness error';
      signature?: string;
      /** Why the oracle says the project is not as it should be, or null. */
      changed: string | null;
    };
