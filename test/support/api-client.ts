// Calls to a browser-mode server as the renderer makes them: a POST to
// /api/<method> with the session's token. `server` is read at each call, so a
// test may start its server after making the client.

/** Where the server listens on 127.0.0.1 and the token it asks for (a BrowserServer, or an app's URL: appServer). */
export interface ApiServer {
  port: number;
  token: string;
}

/** The server behind an app's URL (http://127.0.0.1:<port>/?token=...), as the e2e harness starts it. */
export function appServer(url: string): ApiServer {
  const { port, searchParams } = new URL(url);
  return { port: Number(port), token: searchParams.get('token') ?? '' };
}

export function apiClient(server: () => ApiServer) {
  const post = (method: string, input: unknown, signal?: AbortSignal): Promise<Response> =>
    fetch(`http://127.0.0.1:${server().port}/api/${method}`, {
      method: 'POST', signal,
      headers: { 'content-type': 'application/json', 'x-cgm-token': server().token },
      body: JSON.stringify(input),
    });
  /** The answer's JSON; anything but 200 throws with the server's error. */
  const call = async (method: string, input: unknown): Promise<any> => {
    const res = await post(method, input);
    const body = await res.json();
    if (res.status !== 200) throw new Error(`${method} answered ${res.status}: ${body?.error ?? ''}`);
    return body;
  };
  /** Collects the server's event stream (progress) into `into` until `signal` aborts. */
  const listen = async (into: { message: string }[], signal: AbortSignal): Promise<void> => {
    const res = await fetch(`http://127.0.0.1:${server().port}/api/events?token=${server().token}`, { signal }).catch(() => null);
    void (async () => {
      const reader = res?.body?.getReader();
      const text = new TextDecoder();
      for (;;) {
        const chunk = await reader?.read().catch(() => null);
        if (!chunk || chunk.done) return;
        for (const line of text.decode(chunk.value).split('\n')) if (line.startsWith('data: ')) into.push(JSON.parse(line.slice(6)));
      }
    })();
  };
  return { post, call, listen };
}
