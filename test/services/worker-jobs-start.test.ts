// A job thread that cannot start (a bundle missing its worker file, node's flags
// refused) must fail the jobs waiting for it at once, each with the reason, and
// leave none queued: before, the first job's promise was rejected by the throw
// but stayed in the queue, and a warm-up's throw escaped to the caller.
import { describe, expect, it, vi } from 'vitest';

vi.mock('../../electron/threads/module-thread', () => ({
  startModuleThread: () => {
    throw new Error('routing-worker.mjs refused: node flags');
  },
}));

describe('job threads that cannot start', () => {
  it('reject every waiting job with the reason, and try again for the next', async () => {
    const { JobThreads } = await import('../../electron/services/worker-jobs');
    const threads = new JobThreads<{ n: number }>({ entry: 'routing-worker', label: 'routing', cancel: 'end-thread' });
    expect(() => threads.warm()).not.toThrow();
    const here = () => Promise.resolve('inline');
    await expect(threads.run({ n: 1 }, {}, here)).rejects.toThrow('routing-worker.mjs refused: node flags');
    await expect(threads.run({ n: 2 }, {}, here)).rejects.toThrow('routing-worker.mjs refused: node flags');
    expect(threads.threadIds()).toEqual([]);
  });
});
