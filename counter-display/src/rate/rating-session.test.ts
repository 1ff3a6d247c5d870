import { describe, expect, it } from 'vitest';
import { ASK_MS, isFinalRefusal, padStep, secondsLeft, THANKS_MS, type PadAction, type PadState } from './rating-session';

const request = { ticketId: 7, number: 'A007', serviceCode: 'A', staffName: '张伟' };
const T0 = 1_000_000;

function run(actions: [number, PadAction][], start: PadState = { kind: 'idle' }): PadState {
  return actions.reduce<PadState>((state, [at, action]) => padStep(state, action, at), start);
}

describe('rating pad session', () => {
  it.each<[string, [number, PadAction][], PadState['kind']]>([
    ['idle stays idle on ticks', [[T0, { type: 'tick' }]], 'idle'],
    ['a request asks', [[T0, { type: 'requested', request }]], 'asking'],
    ['asks for a minute', [[T0, { type: 'requested', request }], [T0 + ASK_MS - 1, { type: 'tick' }]], 'asking'],
    ['then gives up', [[T0, { type: 'requested', request }], [T0 + ASK_MS, { type: 'tick' }]], 'idle'],
    ['a touch restarts the minute', [
      [T0, { type: 'requested', request }], [T0 + 50_000, { type: 'touch' }], [T0 + ASK_MS + 5_000, { type: 'tick' }],
    ], 'asking'],
    ['never times out while sending', [
      [T0, { type: 'requested', request }], [T0 + 2, { type: 'sending' }], [T0 + ASK_MS + 10, { type: 'tick' }],
    ], 'asking'],
    ['sent → thanks', [[T0, { type: 'requested', request }], [T0 + 1, { type: 'sent' }]], 'thanks'],
    ['thanks → idle', [[T0, { type: 'requested', request }], [T0 + 1, { type: 'sent' }], [T0 + 1 + THANKS_MS, { type: 'tick' }]], 'idle'],
    ['skip → idle', [[T0, { type: 'requested', request }], [T0 + 1, { type: 'skip' }]], 'idle'],
    ['already rated ends the question', [[T0, { type: 'requested', request }], [T0 + 1, { type: 'failed', code: 'already-rated' }]], 'thanks'],
    ['offline lets the visitor retry', [[T0, { type: 'requested', request }], [T0 + 1, { type: 'failed', code: 'offline' }]], 'asking'],
    ['a touch while idle is ignored', [[T0, { type: 'touch' }]], 'idle'],
  ])('%s', (_label, actions, kind) => {
    expect(run(actions).kind).toBe(kind);
  });

  it('a newer finish replaces the pending question', () => {
    const state = run([[T0, { type: 'requested', request }], [T0 + 2, { type: 'requested', request: { ...request, ticketId: 8, number: 'A008' } }]]);
    expect(state.kind === 'asking' && state.request.number).toBe('A008');
  });

  it('a failed send can be retried: not sending any more, and a fresh minute', () => {
    const state = run([[T0, { type: 'requested', request }], [T0 + 1, { type: 'sending' }], [T0 + 30_000, { type: 'failed', code: 'offline' }]]);
    expect(state).toMatchObject({ kind: 'asking', sending: false, deadline: T0 + 30_000 + ASK_MS });
  });

  it.each([
    ['already-rated', true],
    ['not-found', true],
    ['offline', false],
    ['internal', false],
  ])('%s ends the question: %s', (code, final) => {
    expect(isFinalRefusal(code)).toBe(final);
  });

  it('counts the seconds left', () => {
    const state = run([[T0, { type: 'requested', request }]]);
    expect(secondsLeft(state, T0)).toBe(60);
    expect(secondsLeft(state, T0 + 59_001)).toBe(1);
    expect(secondsLeft({ kind: 'idle' }, T0)).toBe(0);
  });
});
