import { describe, expect, it } from 'vitest';
import { ASK_MS, padStep, ratingBody, secondsLeft, THANKS_MS, type PadAction, type PadState } from './rating-session';

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
      [T0, { type: 'requested', request }], [T0 + 50_000, { type: 'score', score: 4 }], [T0 + ASK_MS + 5_000, { type: 'tick' }],
    ], 'asking'],
    ['never times out while sending', [
      [T0, { type: 'requested', request }], [T0 + 1, { type: 'score', score: 5 }], [T0 + 2, { type: 'sending' }], [T0 + ASK_MS + 10, { type: 'tick' }],
    ], 'asking'],
    ['sent → thanks', [[T0, { type: 'requested', request }], [T0 + 1, { type: 'sent' }]], 'thanks'],
    ['thanks → idle', [[T0, { type: 'requested', request }], [T0 + 1, { type: 'sent' }], [T0 + 1 + THANKS_MS, { type: 'tick' }]], 'idle'],
    ['skip → idle', [[T0, { type: 'requested', request }], [T0 + 1, { type: 'skip' }]], 'idle'],
    ['already rated ends the question', [[T0, { type: 'requested', request }], [T0 + 1, { type: 'failed', code: 'already-rated' }]], 'thanks'],
    ['offline lets the visitor retry', [[T0, { type: 'requested', request }], [T0 + 1, { type: 'failed', code: 'offline' }]], 'asking'],
    ['a score while idle is ignored', [[T0, { type: 'score', score: 5 }]], 'idle'],
  ])('%s', (_label, actions, kind) => {
    expect(run(actions).kind).toBe(kind);
  });

  it('a newer finish replaces the pending question', () => {
    const state = run([
      [T0, { type: 'requested', request }], [T0 + 1, { type: 'score', score: 2 }],
      [T0 + 2, { type: 'requested', request: { ...request, ticketId: 8, number: 'A008' } }],
    ]);
    expect(state.kind === 'asking' && state.request.number).toBe('A008');
    expect(state.kind === 'asking' && state.score).toBeNull();
  });

  it.each<[string, [number, PadAction][], unknown]>([
    ['no score yet', [], null],
    ['score only', [[T0, { type: 'score', score: 5 }]], { score: 5 }],
    ['score, two dimensions and a comment', [
      [T0, { type: 'score', score: 4 }], [T0, { type: 'dimension', dimension: 'attitude', value: 5 }],
      [T0, { type: 'dimension', dimension: 'policy', value: 3 }], [T0, { type: 'comment', text: '  窗口人员很耐心 ' }],
    ], { score: 4, attitude: 5, policy: 3, comment: '窗口人员很耐心' }],
    ['a blank comment is left out', [[T0, { type: 'score', score: 3 }], [T0, { type: 'comment', text: '   ' }]], { score: 3 }],
  ])('body: %s', (_label, actions, body) => {
    const state = run([[T0, { type: 'requested', request }], ...actions]);
    if (state.kind !== 'asking') throw new Error('expected asking');
    expect(ratingBody(state)).toEqual(body);
  });

  it('counts the seconds left', () => {
    const state = run([[T0, { type: 'requested', request }]]);
    expect(secondsLeft(state, T0)).toBe(60);
    expect(secondsLeft(state, T0 + 59_001)).toBe(1);
    expect(secondsLeft({ kind: 'idle' }, T0)).toBe(0);
  });
});
