// The Chromium that prints PDFs and PNG maps must not reach the network on
// its own account (it looked up accounts.google.com and asked the machine's
// DNS server before). strace records the browser's OWN socket calls, every
// process of it, while a real PDF export runs: only loopback may be reached.
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { required, requireTool } from '../support/requirements';

const REAL_CHROMIUM = process.env.CGM_CHROMIUM ?? '/usr/bin/chromium';
const ready = requireTool('strace', '.ci/run installs it (apt-get install strace)') !== null
  && required(`Chromium at ${REAL_CHROMIUM}`, existsSync(REAL_CHROMIUM), '.ci/run installs it (apt-get install chromium)');

const dir = mkdtempSync(join(tmpdir(), 'cgm-chromium-offline-'));
const log = join(dir, 'strace.log');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Reach {
  line: string;
  call: string;
  socket: string;
  address: string;
  port: number;
}

/** Every socket call that names an Internet address: the one given, or the peer of the socket it is sent on. */
function reaches(trace: string): Reach[] {
  const out: Reach[] = [];
  for (const line of trace.split('\n')) {
    const call = /^\d+\s+(connect|sendto|sendmsg|sendmmsg)\(\d+<([A-Za-z0-9]+):([^>]*)>/.exec(line);
    if (!call) continue;
    const given = /sin6?_port=htons\((\d+)\).*?(?:inet_addr\("([^"]+)"\)|inet_pton\(AF_INET6, "([^"]+)")/.exec(line);
    const peer = /->\[?([0-9a-fA-F.:]+?)\]?:(\d+)\]?$/.exec(call[3]);
    if (given) out.push({ line, call: call[1], socket: call[2], address: given[2] ?? given[3], port: Number(given[1]) });
    else if (peer) out.push({ line, call: call[1], socket: call[2], address: peer[1], port: Number(peer[2]) });
  }
  return out;
}

const LOOPBACK = new Set(['127.0.0.1', '::1']);
// Chromium's IPv6 check: connect() a UDP socket to Google's resolver to see which source address the
// kernel would pick, then close it. No datagram is sent; no flag of Chromium 156 turns it off.
const IPV6_PROBE = '2001:4860:4860::8888';

describe.skipIf(!ready)('the export browser stays on this machine', () => {
  it('prints a PDF reaching nothing but loopback: no DNS, no Google, no public resolver', async () => {
    const wrapper = join(dir, 'chromium-under-strace.sh');
    writeFileSync(wrapper, `#!/bin/sh\nexec strace -f -qq -yy -e trace=%network -e signal=none -o '${log}' '${REAL_CHROMIUM}' "$@"\n`);
    chmodSync(wrapper, 0o755);
    process.env.CGM_CHROMIUM = wrapper;
    try {
      // The launcher reads CGM_CHROMIUM when first loaded, so it is loaded only now.
      const { chromiumPdfPrinter } = await import('../../electron/exports/report/pdf-printer');
      const html = '<!doctype html><title>Report</title><h1>Catchment gaps</h1><p>Offline.</p>';
      const pdf = await chromiumPdfPrinter(html);
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    } finally {
      process.env.CGM_CHROMIUM = REAL_CHROMIUM === '/usr/bin/chromium' ? undefined : REAL_CHROMIUM;
      if (process.env.CGM_CHROMIUM === undefined) delete process.env.CGM_CHROMIUM;
    }
    const trace = readFileSync(log, 'utf8');
    // The trace did see the browser's sockets (its IPC runs over Unix sockets), so an empty result means something.
    expect(trace).toMatch(/<UNIX[:-]/);
    const all = reaches(trace);
    const outside = all.filter((r) => !LOOPBACK.has(r.address) || r.port === 53);
    const probes = outside.filter((r) => r.call === 'connect' && r.socket === 'UDPv6' && r.address === IPV6_PROBE);
    expect(outside.filter((r) => !probes.includes(r)).map((r) => r.line)).toEqual([]);
    // Nothing is ever sent to the probe address: it is a route lookup, not traffic.
    expect(all.filter((r) => r.call !== 'connect' && r.address === IPV6_PROBE)).toEqual([]);
  }, 120_000);
});
