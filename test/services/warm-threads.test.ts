// The app's worker threads start when the page says its first map is drawn
// (warmWorkerThreads), no sooner: nothing here has started one before the
// call, one analysis thread and the routing thread are started by it, and
// asking again starts no more.
import { expect, it } from 'vitest';
import { analysisThreadIds } from '../../electron/services/analysis-thread';
import { routingThreadId } from '../../electron/services/routing-thread';
import { warmThreadHandlers } from '../../electron/services/warm-threads';

it('starts the analysis and routing threads when asked, once', async () => {
  expect(analysisThreadIds()).toEqual([]);
  expect(routingThreadId()).toBeNull();
  const handlers = warmThreadHandlers();
  expect(await handlers.warmWorkerThreads({}, { progress: () => undefined, signal: new AbortController().signal })).toEqual({});
  const [analysis] = analysisThreadIds();
  const routing = routingThreadId();
  expect(analysisThreadIds()).toHaveLength(1);
  expect(routing).not.toBeNull();
  await handlers.warmWorkerThreads({}, { progress: () => undefined, signal: new AbortController().signal });
  expect(analysisThreadIds()).toEqual([analysis]);
  expect(routingThreadId()).toBe(routing);
});
