import { afterEach, describe, expect, it } from 'vitest';
import { createTcpTransport } from './tcp';
import { closedPort, startFakeTcpPrinter, type FakeTcpPrinter } from './testing/fake-tcp-printer';
import { PrinterFault, type PrinterTransport } from './transport';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function fakePrinter(...args: Parameters<typeof startFakeTcpPrinter>): Promise<FakeTcpPrinter> {
  const printer = await startFakeTcpPrinter(...args);
  cleanups.push(() => printer.close());
  return printer;
}

function transportTo(port: number, statusTimeoutMs = 300): PrinterTransport {
  const transport = createTcpTransport('127.0.0.1', port, { writeTimeoutMs: 3000, statusTimeoutMs });
  cleanups.push(() => transport.close());
  return transport;
}

async function faultOf(work: Promise<unknown>): Promise<PrinterFault> {
  const error = await work.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(PrinterFault);
  return error as PrinterFault;
}

describe('TCP transport', () => {
  it('delivers the exact bytes to a loopback printer', async () => {
    const printer = await fakePrinter({ kind: 'capture' });
    const job = Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 256));
    await transportTo(printer.port).write(job);
    expect((await printer.waitForBytes(job.length)).equals(job)).toBe(true);
  });

  it('reports a refused connection as offline', async () => {
    const fault = await faultOf(transportTo(await closedPort()).write(Buffer.from('x')));
    expect(fault.code).toBe('refused');
    expect(fault.status.state).toBe('offline');
    expect(fault.status.message).toMatch(/connection refused/);
  });

  it('gives up on a printer that closes mid-ticket', async () => {
    const printer = await fakePrinter({ kind: 'hang-up', afterBytes: 1024 });
    const fault = await faultOf(transportTo(printer.port).write(Buffer.alloc(16 * 1024 * 1024, 0x41)));
    expect(fault.code).toBe('closed');
    expect(fault.status.state).toBe('error');
    expect(fault.status.message).toMatch(/mid-ticket/);
  }, 10_000);

  it('gives up on a printer that accepts but never reads', async () => {
    const printer = await fakePrinter({ kind: 'stall' });
    // Larger than loopback's send plus receive buffers, so the job cannot hide in the kernel.
    const fault = await faultOf(transportTo(printer.port).write(Buffer.alloc(64 * 1024 * 1024, 0x41)));
    expect(fault.code).toBe('timeout');
    expect(fault.status.state).toBe('error');
    expect(fault.status.message).toMatch(/stalled/);
  }, 10_000);

  it('reads paper-out from DLE EOT answers', async () => {
    const printer = await fakePrinter({ kind: 'capture', printerStatus: 0x1a, paperStatus: 0x72 });
    expect(await transportTo(printer.port).status()).toEqual({ state: 'paper-out', message: 'roll paper end sensor: no paper' });
  });

  it('reads cover open from the offline cause', async () => {
    const printer = await fakePrinter({ kind: 'capture', printerStatus: 0x1a, paperStatus: 0x12, offlineCause: 0x16 });
    expect(await transportTo(printer.port).status()).toEqual({ state: 'offline', message: 'cover open' });
  });

  it('reports ok for a healthy printer', async () => {
    const printer = await fakePrinter({ kind: 'capture', printerStatus: 0x12, paperStatus: 0x12 });
    expect(await transportTo(printer.port).status()).toEqual({ state: 'ok' });
  });

  it('assumes ok for a printer that never answers status, and says so', async () => {
    const printer = await fakePrinter({ kind: 'capture' });
    const status = await transportTo(printer.port).status();
    expect(status.state).toBe('ok');
    expect(status.message).toMatch(/does not answer/);
  });

  it('reports an error once a printer that used to answer falls silent', async () => {
    const printer = await fakePrinter({ kind: 'capture', printerStatus: 0x12, paperStatus: 0x12 });
    const transport = transportTo(printer.port);
    expect(await transport.status()).toEqual({ state: 'ok' });
    printer.fallSilent();
    const status = await transport.status();
    expect(status.state).toBe('error');
    expect(status.message).toMatch(/stopped answering/);
  });

  it('reports a refused status query as offline without throwing', async () => {
    const status = await transportTo(await closedPort()).status();
    expect(status.state).toBe('offline');
  });
});
