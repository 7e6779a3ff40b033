// Calling the services' handlers from a test as a transport does: through
// dispatch, so the contract checks the input and the output, typed by method.
import { dispatch } from '../../electron/services/dispatch';
import type { CallContext, Handlers, MethodInput, MethodName, MethodOutput } from '../../shared/contract';

/** A call that nobody cancels and whose progress nobody reads. */
export function quietContext(): CallContext {
  return { progress: () => {}, signal: new AbortController().signal };
}

export type Call = <M extends MethodName>(method: M, input: MethodInput<M>) => Promise<MethodOutput<M>>;

/** `call(method, input)` on these handlers; given a function, it is asked at each call (a session opened in beforeAll). */
export function handlerCall(handlers: Handlers | (() => Handlers), ctx: CallContext = quietContext()): Call {
  return (method, input) => dispatch(typeof handlers === 'function' ? handlers() : handlers, method, input, ctx) as never;
}
