import { describe, expect, it } from 'vitest';
import { createGate } from './gate';

describe('createGate', () => {
  it('lets `size` in, queues the rest in order, and a slot passes to the next on leave (twice leaving is once)', async () => {
    const gate = createGate(2);
    const order: string[] = [];
    const a = await gate.enter();
    const b = await gate.enter();
    const c = gate.enter().then((leave) => (order.push('c'), leave));
    const d = gate.enter().then((leave) => (order.push('d'), leave));
    await Promise.resolve();
    expect([gate.inside, gate.waiting, order]).toEqual([2, 2, []]);
    a();
    a();
    const leaveC = await c;
    expect([gate.inside, gate.waiting, order]).toEqual([2, 1, ['c']]);
    b();
    const leaveD = await d;
    expect(order).toEqual(['c', 'd']);
    leaveC();
    leaveD();
    expect([gate.inside, gate.waiting]).toEqual([0, 0]);
  });
});
