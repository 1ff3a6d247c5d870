import { ApiError } from '@hall/shared';
import { describe, expect, it } from 'vitest';
import { issueBody, newRequestId, sendWithRetry, SingleFlight } from './issue-request';

const offline = () => new ApiError(0, 'offline', 'down');
const retryable = (error: unknown) => error instanceof ApiError && error.code === 'offline';

describe('newRequestId', () => {
  it('is long enough for the server (8–100 chars) and differs per tap', () => {
    const a = newRequestId();
    const b = newRequestId();
    expect(a.length).toBeGreaterThanOrEqual(8);
    expect(a.length).toBeLessThanOrEqual(100);
    expect(a).not.toBe(b);
  });
  it('is a pure function of its sources', () => {
    expect(newRequestId(() => 0.5, () => 36)).toBe(`k-10-${'80'.repeat(12)}`);
  });
});

describe('issueBody', () => {
  it.each([
    [{ priority: 'normal' }, { serviceCode: 'A', requestId: 'req-12345' }],
    [{ priority: 'priority', reason: 'elderly' }, { serviceCode: 'A', requestId: 'req-12345', priority: 'priority', priorityReason: 'elderly' }],
    [{ priority: 'priority' }, { serviceCode: 'A', requestId: 'req-12345', priority: 'priority' }],
  ] as const)('%o', (lane, expected) => {
    expect(issueBody('A', 'req-12345', lane)).toEqual(expected);
  });
});

describe('sendWithRetry', () => {
  const noSleep = { sleep: async () => undefined, retryable };
  it.each([
    ['succeeds at once', 0, [100, 100], 1, 'ok'],
    ['recovers after two losses', 2, [100, 100], 3, 'ok'],
    ['gives up after the last retry', 5, [100, 100], 3, 'offline'],
  ])('%s', async (_label, failures, delaysMs, expectedCalls, expected) => {
    const bodies: string[] = [];
    const body = issueBody('B', 'same-request-id', { priority: 'normal' });
    let calls = 0;
    const send = async () => {
      calls += 1;
      bodies.push(body.requestId);
      if (calls <= failures) throw offline();
      return 'ok';
    };
    const result = await sendWithRetry(send, { ...noSleep, delaysMs }).catch((error: ApiError) => error.code);
    expect(result).toBe(expected);
    expect(calls).toBe(expectedCalls);
    expect(new Set(bodies)).toEqual(new Set(['same-request-id']));
  });
  it('does not retry a refusal (the server answered)', async () => {
    let calls = 0;
    const send = async () => {
      calls += 1;
      throw new ApiError(409, 'quota-exhausted', 'full');
    };
    await expect(sendWithRetry(send, { ...noSleep, delaysMs: [1, 1] })).rejects.toMatchObject({ code: 'quota-exhausted' });
    expect(calls).toBe(1);
  });
});

describe('SingleFlight', () => {
  it('gives a second tap the first tap\u2019s promise, and frees up afterwards', async () => {
    const flight = new SingleFlight<number>();
    let started = 0;
    let release: (value: number) => void = () => undefined;
    const work = () => {
      started += 1;
      return new Promise<number>((resolve) => {
        release = resolve;
      });
    };
    const first = flight.run(work);
    const second = flight.run(work);
    expect(first).toBe(second);
    expect(flight.busy).toBe(true);
    release(7);
    await expect(second).resolves.toBe(7);
    expect(flight.busy).toBe(false);
    expect(started).toBe(1);
    const third = flight.run(async () => 8);
    await expect(third).resolves.toBe(8);
  });
});
