import { describe, expect, it } from 'vitest';
import { ACTIONS, actionForKey, blockedReason, formatElapsed, minutesWithUnit, recallsNeeded, ticketClocks, type ActionContext, type ActionId } from './terminal-actions';

const open = (current: ActionContext['current'], counterState: ActionContext['counterState'] = 'open'): ActionContext => ({
  counterState, current, recallLimit: 2,
});
const called = (recallCount = 0) => ({ state: 'called' as const, recallCount });
const serving = { state: 'serving' as const, recallCount: 0 };

/** Expected live actions per situation; every other action must be blocked. */
const CASES: [string, ActionContext, ActionId[]][] = [
  ['idle open counter', open(null), ['callNext', 'pauseResume']],
  ['idle paused counter', open(null, 'paused'), ['pauseResume']],
  ['closed counter', open(null, 'closed'), []],
  ['just called', open(called()), ['recall', 'start', 'finish', 'transfer', 'pauseResume', 'park']],
  ['called, recalled twice', open(called(2)), ['recall', 'start', 'finish', 'noShow', 'transfer', 'pauseResume', 'park']],
  ['serving', open(serving), ['finish', 'transfer', 'pauseResume', 'park']],
];

describe('terminal actions', () => {
  it.each(CASES)('%s', (_label, context, live) => {
    const allowed = ACTIONS.filter((action) => blockedReason(action, context) === null);
    expect(allowed).toEqual(live);
  });

  it.each([
    ['callNext', open(serving), 'counter-busy'],
    ['callNext', open(null, 'paused'), 'counter-paused'],
    ['noShow', open(called(1)), 'recall-limit-not-reached'],
    ['noShow', open(serving), 'illegal-transition'],
    ['recall', open(null), 'illegal-transition'],
  ] as const)('%s is blocked with %s', (action, context, reason) => {
    expect(blockedReason(action, context)).toBe(reason);
  });

  it.each([
    ['F1', 'callNext'],
    ['F5', 'noShow'],
    ['F8', 'park'],
    ['F9', null],
    ['Enter', null],
  ] as const)('key %s → %s', (key, action) => {
    expect(actionForKey(key)).toBe(action);
  });

  it.each([
    [null, 0, '0:00'],
    ['2026-11-30T02:00:00.000Z', Date.parse('2026-11-30T02:00:07.900Z'), '0:07'],
    ['2026-11-30T02:00:00.000Z', Date.parse('2026-11-30T02:04:07.000Z'), '4:07'],
    ['2026-11-30T02:00:00.000Z', Date.parse('2026-11-30T03:02:03.000Z'), '1:02:03'],
    ['2026-11-30T02:00:00.000Z', Date.parse('2026-11-30T01:59:00.000Z'), '0:00'],
  ] as const)('elapsed since %s', (since, now, text) => {
    expect(formatElapsed(since, now)).toBe(text);
  });
});

describe('过号 and the recalls still needed', () => {
  it.each([
    ['nobody at the counter', open(null), 0],
    ['just called, limit 2', open(called()), 2],
    ['recalled once', open(called(1)), 1],
    ['recalled twice', open(called(2)), 0],
    ['recalled three times', open(called(3)), 0],
    ['serving', open(serving), 0],
  ])('%s → %i', (_what, context, needed) => {
    expect(recallsNeeded(context)).toBe(needed);
  });
});

describe('spans in minutes with their unit', () => {
  const units = { minutes: '分钟', hours: '小时', underMinute: '不足 1 分钟' };
  it.each([
    [null, '—'],
    [0, '不足 1 分钟'],
    [59, '不足 1 分钟'],
    [360, '6 分钟'],
    [3599, '59 分钟'],
    [3600, '1 小时'],
    [3900, '1 小时 5 分钟'],
    [-30, '不足 1 分钟'],
  ])('%s s → %s', (seconds, text) => {
    expect(minutesWithUnit(seconds, units)).toBe(text);
  });
});

describe('the current ticket’s two clocks', () => {
  const at = (clock: string) => `2026-10-23T${clock}.000Z`;
  it.each([
    ['called 1:23 ago, not started', at('02:00:00'), null, at('02:01:23'), '1:23', null],
    ['arrived 0:45 after the call, serving 3:10', at('02:00:00'), at('02:00:45'), at('02:03:55'), '0:45', '3:10'],
    ['resumed from park without a call time', null, at('02:00:00'), at('02:02:00'), '0:00', '2:00'],
  ])('%s', (_what, calledAt, startedAt, now, sinceCall, handling) => {
    expect(ticketClocks(calledAt, startedAt, Date.parse(now))).toEqual({ sinceCall, handling });
  });
});
