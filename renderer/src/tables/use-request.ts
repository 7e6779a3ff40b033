// Asks the services for one analysis result and remembers it by request, so
// switching tabs (or embedding the same table in the workbook) does not
// recompute it. `reload` forgets the cached answer.
import { useCallback, useEffect, useState } from 'react';
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/contract';
import { api } from '../api/client';

const cache = new Map<string, Promise<unknown>>();
// Bumped when the project is read again (after an import): the same request may have a new answer.
let epoch = 0;

/** Forgets every remembered answer; tables ask again the next time they draw. */
export function forgetAnswers(): void {
  cache.clear();
  epoch++;
}

export interface RequestState<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
  reload(): void;
}

/** `tag` names a state of the project the input cannot show (e.g. a what-if revision), so a changed state is asked again. */
export function useRequest<M extends MethodName>(method: M, input: MethodInput<M> | null, cached = true, tag?: string): RequestState<MethodOutput<M>> {
  const key = input === null ? null : `${epoch}:${method}:${JSON.stringify(input)}${tag === undefined ? '' : `#${tag}`}`;
  const [result, setResult] = useState<{ key: string | null; data: MethodOutput<M> | null; error: string | null }>({ key: null, data: null, error: null });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    if (key === null || input === null) return;
    let live = true;
    if (!cached || !cache.has(key)) cache.set(key, api.call(method, input));
    const pending = cache.get(key) as Promise<MethodOutput<M>>;
    pending.then(
      (data) => live && setResult({ key, data, error: null }),
      (e: unknown) => {
        cache.delete(key);
        if (live) setResult({ key, data: null, error: e instanceof Error ? e.message : String(e) });
      },
    );
    return () => {
      live = false;
    };
    // `input` is represented by `key`, so it is not a dependency of its own.
  }, [key, generation, cached, method]);

  const reload = useCallback(() => {
    if (key) cache.delete(key);
    setGeneration((g) => g + 1);
  }, [key]);

  const current = result.key === key;
  return { data: current ? result.data : null, error: current ? result.error : null, loading: key !== null && !current, reload };
}
