import { describe, expect, it } from 'vitest';
import { orderForCounter, peopleAhead, pickNext, type WaitingCandidate } from './call-policy';

const w = (id: number, serviceCode: string, queuedAt: number, priority: 'normal' | 'priority' = 'normal'): WaitingCandidate => ({
  id, serviceCode, queuedAt, priority,
});

describe('pickNext', () => {
  it.each([
    ['nobody waits', [], ['A'], null],
    ['none of the counter\u2019s services', [w(1, 'B', 1)], ['A'], null],
    ['earliest first within a service', [w(2, 'A', 20), w(1, 'A', 10)], ['A'], 1],
    ['priority lane first, even if later', [w(1, 'A', 10), w(2, 'A', 50, 'priority')], ['A'], 2],
    ['priority lane of a less preferred service beats the preferred service', [w(1, 'A', 10), w(2, 'F', 50, 'priority')], ['A', 'F'], 2],
    ['counter preference before issue time', [w(1, 'F', 10), w(2, 'A', 50)], ['A', 'F'], 2],
    ['second preference when the first is empty', [w(1, 'F', 10), w(2, 'B', 5)], ['A', 'F'], 1],
    ['ties on time broken by id', [w(5, 'A', 10), w(4, 'A', 10)], ['A'], 4],
  ] as const)('%s', (_label, waiting, preference, expected) => {
    expect(pickNext(waiting, preference)?.id ?? null).toBe(expected);
  });
});

describe('orderForCounter', () => {
  it('lists waiting tickets in the order call-next would take them', () => {
    const waiting = [w(1, 'F', 10), w(2, 'A', 30), w(3, 'A', 20), w(4, 'F', 40, 'priority'), w(5, 'B', 1)];
    expect(orderForCounter(waiting, ['A', 'F']).map((t) => t.id)).toEqual([4, 3, 2, 1]);
  });
});

describe('peopleAhead', () => {
  const queue = [w(1, 'A', 10), w(2, 'A', 20), w(3, 'A', 30, 'priority'), w(4, 'A', 40)];
  it.each([
    [1, 1],
    [2, 2],
    [3, 0],
    [4, 3],
  ])('ticket %i has %i ahead', (id, expected) => {
    expect(peopleAhead(queue.find((t) => t.id === id)!, queue)).toBe(expected);
  });
});
