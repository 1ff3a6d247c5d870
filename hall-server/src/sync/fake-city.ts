import { pushBodySchema, type PullResponse, type SyncLive, type SyncRecord } from '@hall/shared';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

/**
 * A small city server for the hall side's tests: the sync contract (enroll, push, pull) over real
 * HTTP, records kept in memory, with switches to refuse, to answer 5xx, or to answer a seq gap.
 */
export interface FakeCity {
  url: string;
  /** Every record held, by seq (a replay overwrites nothing: first delivery wins). */
  records: Map<number, SyncRecord>;
  /** Records delivered more than once (replays the city ignored). */
  replays: number;
  pushes: number;
  lastLive: SyncLive | null;
  ackSeq(): number;
  pull: PullResponse;
  /** 'ok' answers; 'error' answers 503; 'gap' answers the next push with 409 expectedSeq. */
  mode: 'ok' | 'error';
  forceGap: number | null;
  close(): Promise<void>;
}

export const FAKE_CREDENTIAL = 'fake-city-credential-0123456789abcdef';

async function body(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  return request.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
}

export async function startFakeCity(options: { enrollCode?: string; publicUrl?: string } = {}): Promise<FakeCity> {
  const city: FakeCity = {
    url: '', records: new Map(), replays: 0, pushes: 0, lastLive: null, mode: 'ok', forceGap: null,
    pull: { version: 0, holidays: [], notices: [], ratings: [] },
    ackSeq() {
      let seq = 0;
      while (city.records.has(seq + 1)) seq += 1;
      return seq;
    },
    close: () => new Promise((done) => {
      server.closeAllConnections();
      server.close(() => done());
    }),
  };
  let enrolled = false;
  const server: Server = createServer((request, response) => {
    const send = (status: number, payload: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(payload));
    };
    void (async () => {
      const path = (request.url ?? '').split('?')[0];
      if (request.method === 'POST' && path === '/api/sync/enroll') {
        const parsed = JSON.parse((await body(request)).toString()) as { code?: string };
        if (parsed.code !== (options.enrollCode ?? 'ENROLL-123456')) return send(404, { error: { code: 'unknown-code', message: 'no such code' } });
        if (enrolled) return send(409, { error: { code: 'code-used', message: 'used' } });
        enrolled = true;
        return send(201, { hallId: 7, credential: FAKE_CREDENTIAL, hallName: '测试大厅', level: 'county', areaCode: '410100000000', publicUrl: options.publicUrl ?? 'https://city.example.cn' });
      }
      if (request.headers.authorization !== `Hall ${FAKE_CREDENTIAL}`) return send(401, { error: { code: 'unauthorized', message: 'bad credential' } });
      if (city.mode === 'error') return send(503, { error: { code: 'unavailable', message: 'down for a test' } });
      if (request.method === 'POST' && path === '/api/sync/push') {
        const parsed = pushBodySchema.safeParse(JSON.parse((await body(request)).toString()));
        if (!parsed.success) return send(400, { error: { code: 'bad-request', message: parsed.error.message } });
        city.pushes += 1;
        if (parsed.data.live) city.lastLive = parsed.data.live;
        const expectedSeq = city.forceGap ?? city.ackSeq() + 1;
        if (city.forceGap !== null || (parsed.data.records.length > 0 && parsed.data.fromSeq > expectedSeq)) {
          city.forceGap = null;
          return send(409, { error: { code: 'seq-gap', message: 'gap', expectedSeq } });
        }
        for (const record of parsed.data.records) {
          if (city.records.has(record.seq)) city.replays += 1;
          else city.records.set(record.seq, record);
        }
        return send(200, { ackSeq: city.ackSeq() });
      }
      if (request.method === 'GET' && path === '/api/sync/pull') return send(200, { ...city.pull, futureKey: { ignored: true } });
      return send(404, { error: { code: 'not-found', message: path } });
    })().catch((error: unknown) => send(500, { error: { code: 'internal', message: String(error) } }));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  city.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return city;
}
