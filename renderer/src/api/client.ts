// The renderer's only way to reach the services. It does not know which
// transport carries the call: Electron's preload bridge or loopback HTTP.
import type { CgmApi, MethodInput, MethodName, MethodOutput, ProgressEvent } from '../../../shared/contract';
import { contract } from '../../../shared/contract';

declare global {
  interface Window {
    /** Set by the Electron preload through contextBridge. */
    cgm?: {
      call(method: string, input: unknown): Promise<unknown>;
      onProgress(listener: (event: unknown) => void): () => void;
    };
  }
}

export class ApiError extends Error {}

function httpApi(token: string): CgmApi {
  const listeners = new Set<(e: ProgressEvent) => void>();
  let source: EventSource | null = null;
  return {
    async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
      const response = await fetch(`api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-cgm-token': token },
        body: JSON.stringify(input ?? {}),
      });
      const body = await response.json();
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
    async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
      const result = (await bridge.call(method, input ?? {})) as { ok: boolean; value?: unknown; error?: string };
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
