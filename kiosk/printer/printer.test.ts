import { afterEach, describe, expect, it } from 'vitest';
import { createPrinter, type Printer, type PrinterOptions } from './printer';
import { PrinterUriError } from './printer-uri';
import { closedPort, startFakeTcpPrinter, type FakePrinterBehaviour, type FakeTcpPrinter } from './testing/fake-tcp-printer';
import { encodeTicket, type PrintableTicket } from './ticket-layout';
import type { PrinterStatus } from './types';

const ticket: PrintableTicket = {
  hallName: '海淀区公共法律服务中心',
  serviceName: '法律咨询',
  number: 'C031',
  waitingAhead: 5,
  estimatedWaitMinutes: 20,
  issuedAt: '2026-03-02T06:30:00.000Z',
  trackingUrl: 'https://hall.example.cn/t/Q7',
  ticketNotes: '',
  priority: 'normal',
};
const HEALTHY = { kind: 'capture', printerStatus: 0x12, paperStatus: 0x12 } as const;
const statusQueryBytes = 6; // DLE EOT 1 and DLE EOT 4

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp(behaviour: FakePrinterBehaviour, options: PrinterOptions = {}): Promise<{ fake: FakeTcpPrinter; printer: Printer; seen: PrinterStatus[]; faults: PrinterStatus[] }> {
  const fake = await startFakeTcpPrinter(behaviour);
  cleanups.push(() => fake.close());
  const seen: PrinterStatus[] = [];
  const faults: PrinterStatus[] = [];
  const printer = createPrinter(fake.uri, {
    timeouts: { statusTimeoutMs: 300 },
    onStatus: (status) => seen.push(status),
    onFault: (fault) => faults.push(fault),
    ...options,
  });
  cleanups.push(() => printer.close());
  return { fake, printer, seen, faults };
}

describe('createPrinter', () => {
  it('checks status, then prints the encoded ticket', async () => {
    const { fake, printer, seen, faults } = await setUp(HEALTHY);
    expect(await printer.print(ticket)).toEqual({ ok: true });
    const expected = encodeTicket(ticket);
    const received = await fake.waitForBytes(statusQueryBytes + expected.length);
    expect(received.subarray(statusQueryBytes).equals(expected)).toBe(true);
    expect(seen).toEqual([{ state: 'ok' }]);
    expect(faults).toEqual([]);
  });

  it('holds the ticket back when the paper is out, and says so', async () => {
    const { fake, printer, faults } = await setUp({ kind: 'capture', printerStatus: 0x1a, paperStatus: 0x72 });
    const result = await printer.print(ticket);
    expect(result).toEqual({ ok: false, fault: { state: 'paper-out', message: 'roll paper end sensor: no paper' } });
    expect(faults.map((f) => f.state)).toEqual(['paper-out']);
    expect(fake.received().includes(encodeTicket(ticket))).toBe(false);
  });

  it('resolves with an offline fault when the printer refuses, never rejecting', async () => {
    const faults: PrinterStatus[] = [];
    const printer = createPrinter(`tcp://127.0.0.1:${await closedPort()}`, { onFault: (f) => faults.push(f) });
    cleanups.push(() => printer.close());
    const result = await printer.print(ticket);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.fault.state).toBe('offline');
    expect(faults).toHaveLength(1);
  });

  it('resolves with an error fault when a stalled printer will not take the job', async () => {
    const { printer, faults } = await setUp({ kind: 'stall' }, { checkBeforePrint: false });
    // 8 MB of notes: more than loopback's send and receive buffers hold, so the job cannot hide in the kernel.
    const huge = { ...ticket, ticketNotes: '须知'.repeat(2 * 1024 * 1024) };
    const result = await printer.print(huge);
    expect(result).toMatchObject({ ok: false, fault: { state: 'error', message: expect.stringMatching(/stalled/) } });
    expect(faults).toHaveLength(1);
  }, 20_000);

  it('prints concurrent requests one after another, never interleaved', async () => {
    const { fake, printer } = await setUp(HEALTHY, { checkBeforePrint: false });
    const second = { ...ticket, number: 'C032' };
    const results = await Promise.all([printer.print(ticket), printer.print(second)]);
    expect(results).toEqual([{ ok: true }, { ok: true }]);
    const both = Buffer.concat([encodeTicket(ticket), encodeTicket(second)]);
    expect((await fake.waitForBytes(both.length)).equals(both)).toBe(true);
  });

  it('still reports a printed ticket as printed when a callback throws', async () => {
    const { printer } = await setUp(HEALTHY, { onStatus: () => { throw new Error('reporter down'); } });
    expect(await printer.print(ticket)).toEqual({ ok: true });
  });

  it('turns an unprintable ticket into an error fault instead of throwing', async () => {
    const { printer } = await setUp(HEALTHY);
    const result = await printer.print({ ...ticket, trackingUrl: '' });
    expect(result).toMatchObject({ ok: false, fault: { state: 'error', message: expect.stringMatching(/^cannot print: qrCode/) } });
  });

  it('rejects a bad URI at creation with a clear error', () => {
    expect(() => createPrinter('lpt1')).toThrow(PrinterUriError);
  });
});
