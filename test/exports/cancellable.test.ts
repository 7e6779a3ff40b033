// Cancelling a long export: the page doing the work is closed at once and the
// call ends as ExportCancelled, not as a timeout minutes later. The browser
// kept warm between exports survives the cancel and serves the next export.
import { createServer, type Server } from 'node:http';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cancellable, ExportCancelled } from '../../electron/exports/cancellable';
import { chromiumPngRenderer } from '../../electron/exports/png/chromium-png';
import { CHROMIUM_PATH, closeHeadlessChromium, headlessChromiumRunning } from '../../electron/exports/headless-chromium';
import { chromiumPdfPrinter } from '../../electron/exports/report/pdf-printer';
import { required } from '../support/requirements';
import { processesUnderUs } from '../support/processes';

describe('cancellable', () => {
  it('returns the result when nothing aborts, and releases nothing', async () => {
    let released = 0;
    await expect(cancellable(new AbortController().signal, () => released++, async () => 42)).resolves.toBe(42);
    expect(released).toBe(0);
  });

  it('releases the work on abort and ends as ExportCancelled, even if the work then fails otherwise', async () => {
    const controller = new AbortController();
    let release!: () => void;
    const stopped = new Promise<void>((r) => (release = r));
    const run = cancellable(controller.signal, () => release(), async () => {
      await stopped;
      throw new Error('Target page, context or browser has been closed');
    });
    controller.abort();
    await expect(run).rejects.toBeInstanceOf(ExportCancelled);
  });

  it('ends as ExportCancelled at the cancel even when the work never settles after its release', async () => {
    // Playwright's newPage, cancelled mid-way by closing its context, neither resolves nor rejects:
    // an export waiting for the work to fail after the release never ended (test/exports flake, session 8).
    const controller = new AbortController();
    let released = 0;
    const run = cancellable(controller.signal, () => released++, () => new Promise<never>(() => {}));
    setTimeout(() => controller.abort(), 10);
    await expect(run).rejects.toBeInstanceOf(ExportCancelled);
    expect(released).toBe(1);
  });

  it('refuses to start once aborted, and a failing release does not hide the cancel', async () => {
    const controller = new AbortController();
    controller.abort();
    let started = false;
    await expect(cancellable(controller.signal, () => { throw new Error('x'); }, async () => { started = true; })).rejects.toBeInstanceOf(ExportCancelled);
    expect(started).toBe(false);
  });
});

const haveChromium = required(`Chromium (${CHROMIUM_PATH})`, existsSync(CHROMIUM_PATH), 'apt-get install chromium');

describe.skipIf(!haveChromium)('the Chromium engines stop when cancelled', () => {
  // A page that never answers: without a cancel, the renderer would wait out its timeout.
  let server: Server;
  let url = '';
  beforeAll(async () => {
    server = createServer(() => {});
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const address = server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/print.html`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    server.close();
    await closeHeadlessChromium();
  });

  it('a PNG that is still loading ends as ExportCancelled long before its timeout', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const run = chromiumPngRenderer({ url, width: 800, height: 600, scale: 1, timeoutMs: 120_000, signal: controller.signal });
    setTimeout(() => controller.abort(), 1500);
    await expect(run).rejects.toBeInstanceOf(ExportCancelled);
    expect(Date.now() - started).toBeLessThan(60_000);
  }, 90_000);

  it('the warm browser outlives a cancelled PNG: the next export is printed by it, and shutting down leaves no Chromium process', async () => {
    const controller = new AbortController();
    const run = chromiumPngRenderer({ url, width: 800, height: 600, scale: 1, timeoutMs: 120_000, signal: controller.signal });
    setTimeout(() => controller.abort(), 1500);
    await expect(run).rejects.toBeInstanceOf(ExportCancelled);
    expect(headlessChromiumRunning()).toBe(true);
    const pdf = await chromiumPdfPrinter('<p>report</p>');
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(processesUnderUs('chromium').length).toBeGreaterThan(0);
    await closeHeadlessChromium();
    expect(headlessChromiumRunning()).toBe(false);
    // Closing waits for the browser to exit; its GPU and page processes go with it.
    await expect.poll(() => processesUnderUs('chromium'), { timeout: 20_000 }).toEqual([]);
  }, 120_000);

  it('wherever the cancel lands (the launch, the context, the page, the load) the export ends as ExportCancelled at once and leaves no Chromium process', async () => {
    // A cold start first (the cancel lands in the launch), then a warm browser cancelled at
    // steps of 15 ms: some of these land while newPage is setting the page up.
    await closeHeadlessChromium();
    for (const delayMs of [0, 5, ...Array.from({ length: 12 }, (_, i) => i * 15)]) {
      const controller = new AbortController();
      const run = chromiumPngRenderer({ url, width: 800, height: 600, scale: 1, timeoutMs: 120_000, signal: controller.signal });
      const settled = run.then(() => 'printed', (e: unknown) => (e instanceof ExportCancelled ? 'cancelled' : String(e)));
      await new Promise((r) => setTimeout(r, delayMs));
      controller.abort();
      const abortedAt = Date.now();
      const outcome = await Promise.race([settled, new Promise((r) => setTimeout(() => r('still running 20 s after the cancel'), 20_000))]);
      expect(`${delayMs} ms: ${outcome}`).toBe(`${delayMs} ms: cancelled`);
      expect(Date.now() - abortedAt).toBeLessThan(15_000);
    }
    await closeHeadlessChromium();
    await expect.poll(() => processesUnderUs('chromium'), { timeout: 20_000 }).toEqual([]);
  }, 300_000);

  it('a PDF is not printed once cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(chromiumPdfPrinter('<p>report</p>', controller.signal)).rejects.toBeInstanceOf(ExportCancelled);
  });
});
