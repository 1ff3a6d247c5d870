import { afterEach, describe, expect, it } from 'vitest';
import { createFaultReporter } from './fault-reporter';
import { closedPort } from './testing/fake-tcp-printer';
import { startHttpStandIn } from './testing/http-stand-in';

interface Received {
  method: string;
  url: string;
  authorization: string | undefined;
  contentType: string | undefined;
  body: unknown;
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A stand-in hall server on port 0 answering with the given HTTP statuses in turn (then 204). */
async function hallServer(answers: Array<number | 'hang'> = []): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = await startHttpStandIn((request, response) => {
    let raw = '';
    request.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    request.on('end', () => {
      received.push({
        method: request.method ?? '',
        url: request.url ?? '',
        authorization: request.headers.authorization,
        contentType: request.headers['content-type'],
        body: JSON.parse(raw),
      });
      const answer = answers.shift() ?? 204;
      if (answer === 'hang') return;
      response.writeHead(answer).end();
    });
  });
  cleanups.push(server.stop);
  return { url: server.url, received };
}

describe('createFaultReporter', () => {
  it('posts the printer status with the device token', async () => {
    const server = await hallServer();
    const reporter = createFaultReporter({ serverUrl: server.url, deviceToken: 'kiosk-token-1' });
    expect(await reporter.report({ state: 'paper-out', message: 'roll paper end sensor: no paper' })).toEqual({ sent: true });
    expect(server.received).toEqual([{
      method: 'POST',
      url: '/api/devices/status',
      authorization: 'Bearer kiosk-token-1',
      contentType: 'application/json',
      body: { printer: { state: 'paper-out', message: 'roll paper end sensor: no paper' } },
    }]);
  });

  it('sends only changes, including the recovery', async () => {
    const server = await hallServer();
    const reporter = createFaultReporter({ serverUrl: `${server.url}/`, deviceToken: 't' });
    const outcomes = [];
    for (const status of [{ state: 'ok' }, { state: 'ok' }, { state: 'offline' }, { state: 'offline' }, { state: 'ok' }] as const) {
      outcomes.push(await reporter.report(status));
    }
    expect(outcomes.map((o) => o.sent)).toEqual([true, false, true, false, true]);
    expect(server.received.map((r) => r.body)).toEqual([{ printer: { state: 'ok' } }, { printer: { state: 'offline' } }, { printer: { state: 'ok' } }]);
  });

  it('retries a status the server did not accept', async () => {
    const server = await hallServer([500]);
    const reporter = createFaultReporter({ serverUrl: server.url, deviceToken: 't' });
    expect(await reporter.report({ state: 'error' })).toEqual({ sent: false, reason: 'failed', detail: expect.stringMatching(/HTTP 500/) });
    expect(await reporter.report({ state: 'error' })).toEqual({ sent: true });
    expect(server.received).toHaveLength(2);
  });

  it('reports a rejected token as a failure, not an exception', async () => {
    const server = await hallServer([401]);
    const reporter = createFaultReporter({ serverUrl: server.url, deviceToken: 'revoked' });
    expect(await reporter.report({ state: 'offline' })).toMatchObject({ sent: false, detail: expect.stringMatching(/HTTP 401/) });
  });

  it('survives an unreachable hall server', async () => {
    const reporter = createFaultReporter({ serverUrl: `http://127.0.0.1:${await closedPort()}`, deviceToken: 't' });
    expect(await reporter.report({ state: 'offline' })).toMatchObject({ sent: false, reason: 'failed', detail: expect.stringMatching(/unreachable.*ECONNREFUSED/) });
  });

  it('gives up on a hall server that never answers', async () => {
    const server = await hallServer(['hang']);
    const reporter = createFaultReporter({ serverUrl: server.url, deviceToken: 't', timeoutMs: 300 });
    expect(await reporter.report({ state: 'offline' })).toMatchObject({ sent: false, reason: 'failed' });
  });

  it('trims messages to what the server accepts', async () => {
    const server = await hallServer();
    const reporter = createFaultReporter({ serverUrl: server.url, deviceToken: 't' });
    await reporter.report({ state: 'error', message: '错'.repeat(400) });
    expect(server.received[0]?.body).toEqual({ printer: { state: 'error', message: '错'.repeat(300) } });
  });

  it('keeps reports in the order they were made', async () => {
    const server = await hallServer();
    const reporter = createFaultReporter({ serverUrl: server.url, deviceToken: 't' });
    await Promise.all([reporter.report({ state: 'offline' }), reporter.report({ state: 'paper-out' }), reporter.report({ state: 'ok' })]);
    expect(server.received.map((r) => (r.body as { printer: { state: string } }).printer.state)).toEqual(['offline', 'paper-out', 'ok']);
  });
});
