// The warm browser's life, with a stand-in for playwright's Browser: one
// launch shared by overlapping exports and reused by the next, closed after
// the idle time (not before, and not while an export holds it), launched
// afresh after a crash or a failed launch, and closed at once on shutdown.
import { EventEmitter } from 'node:events';
import type { Browser } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WarmBrowser } from '../../electron/exports/warm-browser';
import { ExportCancelled } from '../../electron/exports/cancellable';

class FakeBrowser extends EventEmitter {
  closed = 0;
  async close(): Promise<void> {
    this.closed++;
    this.emit('disconnected');
  }
}

function harness(idleMs = 1000) {
  const launched: FakeBrowser[] = [];
  let fail = false;
  const warm = new WarmBrowser(async () => {
    if (fail) throw new Error('no chromium');
    const b = new FakeBrowser();
    launched.push(b);
    return b as unknown as Browser;
  }, idleMs);
  return { warm, launched, failNext: (f: boolean) => (fail = f) };
}

describe('WarmBrowser', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('launches once for exports that overlap and for the next one, and closes only after the idle time with nobody holding it', async () => {
    const { warm, launched } = harness(1000);
    const [a, b] = await Promise.all([warm.acquire(), warm.acquire()]);
    expect(launched).toHaveLength(1);
    expect(a.browser).toBe(b.browser);
    a.release();
    // Still held by b: no idle clock runs.
    await vi.advanceTimersByTimeAsync(5000);
    expect(launched[0].closed).toBe(0);
    b.release();
    b.release(); // a second release of the same lease counts once
    await vi.advanceTimersByTimeAsync(900);
    const c = await warm.acquire();
    expect(launched).toHaveLength(1); // reused within the idle time
    c.release();
    await vi.advanceTimersByTimeAsync(999);
    expect(launched[0].closed).toBe(0); // the clock restarted at c's release
    await vi.advanceTimersByTimeAsync(1);
    expect(launched[0].closed).toBe(1);
    expect(warm.running).toBe(false);
    const d = await warm.acquire();
    expect(launched).toHaveLength(2);
    d.release();
    await warm.close();
    expect(launched[1].closed).toBe(1);
  });

  it('launches afresh after the browser crashed, and after a launch that failed', async () => {
    const { warm, launched, failNext } = harness();
    const a = await warm.acquire();
    a.release();
    launched[0].emit('disconnected');
    expect(warm.running).toBe(false);
    failNext(true);
    await expect(warm.acquire()).rejects.toThrow('no chromium');
    expect(warm.running).toBe(false);
    failNext(false);
    const b = await warm.acquire();
    expect(launched).toHaveLength(2);
    b.release();
    await warm.close();
  });

  it('closes at once on shutdown, even while an export holds it, and an idle clock left over does nothing', async () => {
    const { warm, launched } = harness(1000);
    const a = await warm.acquire();
    await warm.close();
    expect(launched[0].closed).toBe(1);
    a.release();
    await vi.advanceTimersByTimeAsync(2000);
    expect(launched[0].closed).toBe(1);
    expect(warm.running).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a cancel during the launch ends that wait at once; the launch serves whoever else waits, and is closed after the idle time if nobody does', async () => {
    let finishLaunch!: () => void;
    const launched: FakeBrowser[] = [];
    const warm = new WarmBrowser(async () => {
      await new Promise<void>((r) => (finishLaunch = r));
      const b = new FakeBrowser();
      launched.push(b);
      return b as unknown as Browser;
    }, 1000);
    const controller = new AbortController();
    const cancelled = warm.acquire(controller.signal);
    const other = warm.acquire();
    controller.abort();
    await expect(cancelled).rejects.toBeInstanceOf(ExportCancelled);
    expect(launched).toHaveLength(0); // ended before the launch did
    finishLaunch();
    const lease = await other;
    expect(launched).toHaveLength(1);
    lease.release();
    await vi.advanceTimersByTimeAsync(1000);
    expect(launched[0].closed).toBe(1);

    // Alone: the browser the cancelled launch brings is not held by it.
    const alone = new AbortController();
    const wait = warm.acquire(alone.signal);
    alone.abort();
    await expect(wait).rejects.toBeInstanceOf(ExportCancelled);
    finishLaunch();
    await vi.advanceTimersByTimeAsync(1000);
    expect(launched).toHaveLength(2);
    expect(launched[1].closed).toBe(1);
    expect(warm.running).toBe(false);
    await expect(warm.acquire(alone.signal)).rejects.toBeInstanceOf(ExportCancelled);
    expect(warm.running).toBe(false);
  });
});
