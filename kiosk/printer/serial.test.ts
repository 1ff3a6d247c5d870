import { SerialPort } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import { createSerialTransport } from './serial';
import { encodeTicket } from './ticket-layout';
import { startPtyPair, type PtyPair } from './testing/socat-pty';
import { PrinterFault, type PrinterTransport } from './transport';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function ptyPair(): Promise<PtyPair> {
  const pair = await startPtyPair();
  cleanups.push(() => pair.cut());
  return pair;
}

/** The printer's end of the cable: records bytes and optionally answers DLE EOT queries. */
async function openReader(path: string, answers: Partial<Record<number, number>> = {}): Promise<{ waitForBytes(count: number): Promise<Buffer> }> {
  const reader = new SerialPort({ path, baudRate: 9600, autoOpen: false });
  await new Promise<void>((resolve, reject) => reader.open((error) => (error ? reject(error) : resolve())));
  cleanups.push(() => new Promise<void>((resolve) => (reader.isOpen ? reader.close(() => resolve()) : resolve())));
  reader.on('error', () => undefined);
  let received = Buffer.alloc(0);
  let waiter: { count: number; resolve: (bytes: Buffer) => void } | undefined;
  reader.on('data', (chunk: Buffer) => {
    received = Buffer.concat([received, chunk]);
    for (let at = chunk.indexOf(Buffer.from([0x10, 0x04])); at !== -1; at = chunk.indexOf(Buffer.from([0x10, 0x04]), at + 2)) {
      const answer = answers[chunk[at + 2] ?? 0];
      if (answer !== undefined) reader.write(Buffer.from([answer]));
    }
    if (waiter && received.length >= waiter.count) waiter.resolve(received);
  });
  return {
    waitForBytes: (count) => new Promise((resolve) => {
      if (received.length >= count) resolve(received);
      else waiter = { count, resolve };
    }),
  };
}

function transportOn(path: string): PrinterTransport {
  const transport = createSerialTransport(path, 9600, { writeTimeoutMs: 3000, statusTimeoutMs: 300 });
  cleanups.push(() => transport.close());
  return transport;
}

const ticket = encodeTicket({
  hallName: '朝阳区公共法律服务中心',
  serviceName: '人民调解',
  number: 'B007',
  waitingAhead: 2,
  estimatedWaitMinutes: 10,
  issuedAt: '2026-03-02T01:05:07.000Z',
  trackingUrl: 'https://hall.example.cn/t/ZX9',
  ticketNotes: '请携带身份证。',
  priority: 'priority',
});

describe('serial transport over a socat pty pair', () => {
  it('delivers the ticket byte for byte to the other end', async () => {
    const pair = await ptyPair();
    const reader = await openReader(pair.readerSide);
    await transportOn(pair.printerSide).write(ticket);
    expect((await reader.waitForBytes(ticket.length)).equals(ticket)).toBe(true);
  });

  it('reads paper-out from DLE EOT answers coming back up the line', async () => {
    const pair = await ptyPair();
    await openReader(pair.readerSide, { 1: 0x1a, 4: 0x72 });
    expect(await transportOn(pair.printerSide).status()).toEqual({ state: 'paper-out', message: 'roll paper end sensor: no paper' });
  });

  it('faults when the link is cut after a good job', async () => {
    const pair = await ptyPair();
    const reader = await openReader(pair.readerSide);
    const transport = transportOn(pair.printerSide);
    await transport.write(ticket);
    await reader.waitForBytes(ticket.length);
    await pair.cut();
    const error = await transport.write(ticket).then(() => undefined, (caught: unknown) => caught);
    expect(error).toBeInstanceOf(PrinterFault);
    expect((error as PrinterFault).status.state).toMatch(/offline|error/);
    expect((await transport.status()).state).toBe('offline');
  }, 10_000);

  it('gives up when the far end stops taking bytes', async () => {
    const pair = await ptyPair();
    // Nobody reads the far end: socat's buffer and both pty buffers fill, then the write stalls.
    const error = await transportOn(pair.printerSide).write(Buffer.alloc(4 * 1024 * 1024, 0x41)).then(() => undefined, (caught: unknown) => caught);
    expect(error).toBeInstanceOf(PrinterFault);
    expect((error as PrinterFault).code).toBe('timeout');
  }, 10_000);

  it('faults when the link is cut mid-ticket', async () => {
    const pair = await ptyPair();
    const writing = transportOn(pair.printerSide).write(Buffer.alloc(4 * 1024 * 1024, 0x41)).then(() => undefined, (caught: unknown) => caught);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await pair.cut();
    expect(await writing).toBeInstanceOf(PrinterFault);
  }, 10_000);

  it('reports a missing device as offline', async () => {
    const transport = transportOn('/dev/pts/does-not-exist');
    const error = await transport.write(ticket).then(() => undefined, (caught: unknown) => caught);
    expect(error).toBeInstanceOf(PrinterFault);
    expect((error as PrinterFault).status).toMatchObject({ state: 'offline', message: expect.stringMatching(/cannot open serial:\/dev\/pts\/does-not-exist/) });
  });
});
