// closeContext after a cancel: a context made in time is closed; one that will not close takes its browser with it;
// one still being made past the deadline is closed once made, and the browser (other exports' too) is left open.
import type { Browser, BrowserContext } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { closeContext } from '../../electron/exports/headless-chromium';

const MS = 40;
const later = <T>(ms: number, value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

function fakes(closeTakes: number | 'never') {
  const calls: string[] = [];
  const context = {
    close: () => {
      calls.push('context.close');
      return closeTakes === 'never' ? new Promise<void>(() => {}) : later(closeTakes, undefined);
    },
  } as unknown as BrowserContext;
  const browser = { close: async () => void calls.push('browser.close') } as unknown as Browser;
  return { calls, context, browser };
}

describe('closeContext', () => {
  it('closes a context made in time, and not its browser', async () => {
    const { calls, context, browser } = fakes(5);
    await closeContext(later(5, context), browser, MS);
    expect(calls).toEqual(['context.close']);
  });

  it('closes the browser when a made context will not close', async () => {
    const { calls, context, browser } = fakes('never');
    await closeContext(Promise.resolve(context), browser, MS);
    expect(calls).toEqual(['context.close', 'browser.close']);
  });

  it('leaves the browser open when the context is made only after the deadline, and closes that context then', async () => {
    const { calls, context, browser } = fakes(0);
    const t = performance.now();
    await closeContext(later(3 * MS, context), browser, MS);
    expect(performance.now() - t).toBeLessThan(3 * MS);
    expect(calls).toEqual([]);
    await expect.poll(() => calls, { timeout: 2_000 }).toEqual(['context.close']);
  });

  it('does nothing when the context was never made', async () => {
    const { calls, browser } = fakes(0);
    await closeContext(Promise.reject(new Error('Target closed')), browser, MS);
    expect(calls).toEqual([]);
  });
});
