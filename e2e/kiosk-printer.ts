import net from 'node:net';

/** One print job as a loopback port-9100 printer received it. */
export interface CapturedJob {
  bytes: Buffer;
  /** When the cut command arrived (Date.now()), i.e. the whole ticket is at the printer. */
  cutAt: number;
}

export interface LoopbackPrinter {
  port: number;
  jobs: CapturedJob[];
  /** Resolves with job number `index` (0-based) once its cut has arrived. */
  waitForJob(index: number, timeoutMs?: number): Promise<CapturedJob>;
  close(): Promise<void>;
}

const CUT = Buffer.from([0x1d, 0x56]);
const INIT = Buffer.from([0x1b, 0x40]);
/** DLE EOT answer for "online, paper present": only the fixed bits (0x12) set. */
const STATUS_OK = 0x12;

/**
 * A stand-in for a network thermal printer on 127.0.0.1: answers DLE EOT status queries as a
 * healthy printer and keeps every connection's bytes; a connection whose bytes hold a cut is a job.
 */
export async function startLoopbackPrinter(): Promise<LoopbackPrinter> {
  const jobs: CapturedJob[] = [];
  const sockets = new Set<net.Socket>();
  const waiters: Array<{ index: number; resolve: (job: CapturedJob) => void }> = [];

  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let received = Buffer.alloc(0);
    let job: CapturedJob | null = null;
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      // Status queries come on their own connection; a job's bytes (after ESC @) are never answered.
      if (!received.includes(INIT)) {
        for (let i = 0; i + 2 < chunk.length; i += 1) {
          if (chunk[i] === 0x10 && chunk[i + 1] === 0x04) socket.write(Buffer.from([STATUS_OK]));
        }
      }
      if (job) {
        job.bytes = received;
        return;
      }
      if (received.includes(CUT)) {
        job = { bytes: received, cutAt: Date.now() };
        jobs.push(job);
        for (const waiter of [...waiters]) {
          if (jobs[waiter.index]) {
            waiters.splice(waiters.indexOf(waiter), 1);
            waiter.resolve(jobs[waiter.index]!);
          }
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;

  return {
    port,
    jobs,
    waitForJob(index, timeoutMs = 10_000) {
      const ready = jobs[index];
      if (ready) return Promise.resolve(ready);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no print job #${index + 1} within ${timeoutMs} ms (got ${jobs.length})`)), timeoutMs);
        waiters.push({ index, resolve: (job) => { clearTimeout(timer); resolve(job); } });
      });
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** p-th percentile (nearest rank) of a list of figures. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? Number.NaN;
}
