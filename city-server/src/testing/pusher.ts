import type { SyncRecord } from '@hall/shared';
import { gzipSync } from 'node:zlib';

export interface PushLoopOptions {
  /** Base URL, asked again before each attempt (a test may move a hall between city instances). */
  url: () => string;
  credential: string;
  records: SyncRecord[];
  batchSize: number;
  gzip?: boolean;
  /** Pause after a failed attempt (city down, 5xx). */
  retryMs?: number;
  /** Gives up when nothing was acknowledged for this long. */
  stallMs?: number;
}

/**
 * Pushes `records` (consecutive seqs from records[0].seq) the way a hall's push loop does: send the
 * batch after the last ack; on 409 jump to the city's expectedSeq; on a refused connection, a
 * timeout or a 5xx, try the same batch again (the city may or may not have applied it: a replay is
 * harmless). Resolves with the final ack and how many attempts failed.
 */
export async function pushAll(options: PushLoopOptions): Promise<{ ackSeq: number; failures: number; attempts: number }> {
  const first = options.records[0]?.seq ?? 1;
  const last = first + options.records.length - 1;
  let ackSeq = first - 1;
  let failures = 0;
  let attempts = 0;
  let lastProgress = Date.now();
  while (ackSeq < last) {
    if (Date.now() - lastProgress > (options.stallMs ?? 120_000)) throw new Error(`push stalled at ack ${ackSeq} after ${failures} failures`);
    const from = ackSeq + 1;
    const batch = options.records.slice(from - first, from - first + options.batchSize);
    const json = JSON.stringify({ fromSeq: from, records: batch });
    const headers: Record<string, string> = { authorization: `Hall ${options.credential}`, 'content-type': 'application/json' };
    let body: string | Uint8Array<ArrayBuffer> = json;
    if (options.gzip) {
      body = new Uint8Array(gzipSync(json));
      headers['content-encoding'] = 'gzip';
    }
    attempts += 1;
    try {
      const response = await fetch(`${options.url()}/api/sync/push`, { method: 'POST', headers, body, signal: AbortSignal.timeout(30_000) });
      const answer = (await response.json()) as { ackSeq?: number; error?: { code: string; expectedSeq?: number } };
      if (response.status === 200 && typeof answer.ackSeq === 'number') {
        if (answer.ackSeq > ackSeq) lastProgress = Date.now();
        ackSeq = answer.ackSeq;
        continue;
      }
      if (response.status === 409 && answer.error?.expectedSeq !== undefined) {
        ackSeq = Math.max(first - 1, answer.error.expectedSeq - 1);
        continue;
      }
      if (response.status < 500) throw new Error(`push refused: ${response.status} ${JSON.stringify(answer)}`);
    } catch (error) {
      if (error instanceof Error && error.message.startsWith('push refused')) throw error;
    }
    failures += 1;
    await new Promise((done) => setTimeout(done, options.retryMs ?? 100));
  }
  return { ackSeq, failures, attempts };
}
