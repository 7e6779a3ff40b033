// The one place a request from the renderer enters the services, whichever
// transport carried it: validate input, run the handler, validate output.
import type { CallContext, Handlers, MethodName, MethodOutput } from '../../shared/contract';
import { contract, isMethodName } from '../../shared/contract';
import { InputError } from '../../shared/errors';
import { TOO_DEEP, valueTooDeep } from './request-depth';

export class RequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export async function dispatch(
  handlers: Handlers,
  method: unknown,
  rawInput: unknown,
  ctx: CallContext,
): Promise<MethodOutput<MethodName>> {
  if (!isMethodName(method)) throw new RequestError(`unknown method "${String(method)}"`, 404);
  if (valueTooDeep(rawInput)) throw new RequestError(TOO_DEEP, 400);
  const parsed = contract[method].input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new RequestError(`invalid input for ${method}: ${issue.path.join('.') || '(input)'} ${issue.message}`, 400);
  }
  const handler = handlers[method] as (input: unknown, ctx: CallContext) => Promise<unknown>;
  let output: unknown;
  try {
    output = await handler(parsed.data, ctx);
  } catch (error) {
    if (error instanceof InputError) throw new RequestError(error.message, 422);
    throw error;
  }
  // Validating what we send catches a service drifting from the contract in tests,
  // not in front of an analyst.
  return contract[method].output.parse(output) as MethodOutput<MethodName>;
}
