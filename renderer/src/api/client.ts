// The renderer's only way to reach the services. It does not know which
// transport carries the call: Electron's preload bridge or loopback HTTP.
import type { CgmApi, MethodInput, MethodName, MethodOutput, ProgressEvent } from '../../../shared/contract';
import { contract } from '../../../shared/contract';
import { BINARY_FRAME_TYPE, decodeFrame } from '../../../shared/contract/binary-frame';

declare global {
  interface Window {
    /** Set by the Electron preload through contextBridge. */
    cgm?: {
      call(method: string, input: unknown, callId?: string): Promise<unknown>;
      cancel(callId: string): void;
      onProgress(listener: (event: unknown) => void): () => void;
    };
  }
}

export class ApiError extends Error {}

/** The analyst cancelled the call; callers usually say nothing more. */
export class CancelledError extends ApiError {
  constructor(method: string) {
    super(`${method} was cancelled`);
    this.name = 'CancelledError';
  }
}

function httpApi(token: string): CgmApi {
  const listeners = new Set<(e: ProgressEvent) => void>();
  let source: EventSource | null = null;
  return {
    async call<M extends MethodName>(method: M, input: MethodInput<M>, options: { signal?: AbortSignal } = {}): Promise<MethodOutput<M>> {
      let body: { error?: string };
      let response: Response;
      try {
        // Aborting the fetch closes the response, and the server aborts the handler's signal.
        response = await fetch(`api/${method}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-cgm-token': token },
          body: JSON.stringify(input ?? {}),
          signal: options.signal,
        });
        // Typed arrays (area geometry) come as one binary frame, viewed without a copy.
        body = response.headers.get('content-type') === BINARY_FRAME_TYPE ? (decodeFrame(await response.arrayBuffer()) as typeof body) : await response.json();
      } catch (error) {
        if (options.signal?.aborted) throw new CancelledError(method);
        throw error;
      }
      if (!response.ok) throw new ApiError(body?.error ?? `${method} failed (${response.status})`);
      return contract[method].output.parse(body) as MethodOutput<M>;
    },
    onProgress(listener) {
      listeners.add(listener);
      if (!source) {
        source = new EventSource(`api/events?token=${encodeURIComponent(token)}`);
        source.onmessage = (message) => {
          const event = JSON.parse(message.data) as ProgressEvent;
          for (const l of listeners) l(event);
        };
      }
      return () => listeners.delete(listener);
    },
  };
}

function electronApi(bridge: NonNullable<Window['cgm']>): CgmApi {
  return {
    async call<M extends MethodName>(method: M, input: MethodInput<M>, options: { signal?: AbortSignal } = {}): Promise<MethodOutput<M>> {
      const { signal } = options;
      if (signal?.aborted) throw new CancelledError(method);
      // IPC has no abort of its own: the main process keeps the call's controller under this id.
      const callId = signal ? crypto.randomUUID() : undefined;
      const cancel = () => callId && bridge.cancel(callId);
      signal?.addEventListener('abort', cancel, { once: true });
      let result: { ok: boolean; value?: unknown; error?: string };
      try {
        result = (await bridge.call(method, input ?? {}, callId)) as typeof result;
      } finally {
        signal?.removeEventListener('abort', cancel);
      }
      // A call the main process finished before the cancel reached it keeps its result: the caller may need to undo it.
      if (!result.ok && signal?.aborted) throw new CancelledError(method);
      if (!result.ok) throw new ApiError(result.error ?? `${method} failed`);
      return contract[method].output.parse(result.value) as MethodOutput<M>;
    },
    onProgress: (listener) => bridge.onProgress((e) => listener(e as ProgressEvent)),
  };
}

/** The per-launch token arrives in the URL once; keep it in memory, not in history. */
function takeToken(): string {
  const url = new URL(window.location.href);
  const token = url.searchParams.get('token') ?? sessionStorage.getItem('cgm-token') ?? '';
  if (url.searchParams.has('token')) {
    sessionStorage.setItem('cgm-token', token);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.toString());
  }
  return token;
}

export const api: CgmApi = window.cgm ? electronApi(window.cgm) : httpApi(takeToken());
