import { describe, expect, it } from 'vitest';
import { CLIPS, clipText, findClip } from './clips';
import {
  counterClips,
  naturalNumberClips,
  planAnnouncement,
  planText,
  ticketNumberClips,
  type AnnouncedCall,
} from './announcement-plan';

const spoken = (clips: readonly string[]): string => clips.map(clipText).join('');

describe('ticketNumberClips', () => {
  it.each([
    ['A012', ['letter-a', 'digit-0', 'digit-1', 'digit-2'], 'A零一二'],
    ['A001', ['letter-a', 'digit-0', 'digit-0', 'digit-1'], 'A零零一'],
    ['B1000', ['letter-b', 'digit-1', 'digit-0', 'digit-0', 'digit-0'], 'B一零零零'],
    ['F099', ['letter-f', 'digit-0', 'digit-9', 'digit-9'], 'F零九九'],
    ['a012', ['letter-a', 'digit-0', 'digit-1', 'digit-2'], 'A零一二'],
    ['Ａ０１２', ['letter-a', 'digit-0', 'digit-1', 'digit-2'], 'A零一二'],
    [' VIP-7 ', ['letter-v', 'letter-i', 'letter-p', 'digit-7'], 'VIP七'],
  ])('%s is read letter by letter and digit by digit', (number, clips, text) => {
    expect(ticketNumberClips(number)).toEqual(clips);
    expect(spoken(ticketNumberClips(number))).toBe(text);
  });

  it('never reads 012 as 零十二', () => {
    expect(ticketNumberClips('A012')).not.toContain('ten');
  });

  it.each(['', '  ', '--', '号'])('refuses %j, which has nothing to read', (number) => {
    expect(() => ticketNumberClips(number)).toThrow(RangeError);
  });
});

describe('naturalNumberClips', () => {
  it.each([
    [0, '零'],
    [1, '一'],
    [3, '三'],
    [10, '十'],
    [12, '十二'],
    [20, '二十'],
    [21, '二十一'],
    [99, '九十九'],
    [100, '一百'],
    [105, '一百零五'],
    [110, '一百一十'],
    [112, '一百一十二'],
    [120, '一百二十'],
    [999, '九百九十九'],
    [1000, '一零零零'],
  ])('%i is said %s', (value, text) => {
    expect(spoken(naturalNumberClips(value))).toBe(text);
  });

  it.each([-1, 1.5, Number.NaN])('refuses %d', (value) => {
    expect(() => naturalNumberClips(value)).toThrow(RangeError);
  });
});

describe('counterClips', () => {
  it.each([
    ['1号窗口', ['digit-1', 'counter-suffix'], '一号窗口'],
    ['3号窗口', ['digit-3', 'counter-suffix'], '三号窗口'],
    ['10号窗口', ['ten', 'counter-suffix'], '十号窗口'],
    ['12号窗口', ['ten', 'digit-2', 'counter-suffix'], '十二号窗口'],
    ['20号窗口', ['digit-2', 'ten', 'counter-suffix'], '二十号窗口'],
    ['99号窗口', ['digit-9', 'ten', 'digit-9', 'counter-suffix'], '九十九号窗口'],
    ['12 号窗口', ['ten', 'digit-2', 'counter-suffix'], '十二号窗口'],
    ['０３号窗口', ['digit-3', 'counter-suffix'], '三号窗口'],
    ['第5窗口', ['digit-5', 'counter-suffix'], '五号窗口'],
    ['7', ['digit-7', 'counter-suffix'], '七号窗口'],
    ['服务窗口', ['counter-service'], '服务窗口'],
    ['综合窗口', ['counter-general'], '综合窗口'],
    ['法律援助专窗', ['counter-generic'], '指定窗口'],
    ['VIP窗口', ['counter-generic'], '指定窗口'],
  ])('%s is said %s', (counterName, clips, text) => {
    expect(counterClips(counterName)).toEqual(clips);
    expect(spoken(counterClips(counterName))).toBe(text);
  });
});

describe('planAnnouncement', () => {
  const sentenceA012At3 = [
    'please', 'letter-a', 'digit-0', 'digit-1', 'digit-2', 'ticket-suffix',
    'go-to', 'digit-3', 'counter-suffix', 'to-handle',
  ];

  it('chimes, then says the sentence twice with a pause between', () => {
    expect(planAnnouncement({ number: 'A012', counterName: '3号窗口' })).toEqual([
      'chime', ...sentenceA012At3, 'pause', ...sentenceA012At3,
    ]);
  });

  it.each([
    [1, 1],
    [3, 3],
    [0, 1],
    [2.7, 2],
    [Number.NaN, 2],
  ])('repeats %d → the sentence is said %i time(s)', (repeats, times) => {
    const plan = planAnnouncement({ number: 'A012', counterName: '3号窗口' }, { repeats });
    expect(plan.filter((clip) => clip === 'please')).toHaveLength(times);
    expect(plan.filter((clip) => clip === 'pause')).toHaveLength(times - 1);
  });

  it('says 再次呼叫 once after the chime on a recall', () => {
    const plan = planAnnouncement({ number: 'A012', counterName: '3号窗口', recall: true });
    expect(plan.slice(0, 3)).toEqual(['chime', 'recall', 'please']);
    expect(plan.filter((clip) => clip === 'recall')).toHaveLength(1);
  });

  it('reads B1000 at 12号窗口 as B 一零零零 号 到 十二 号窗口', () => {
    const plan = planAnnouncement({ number: 'B1000', counterName: '12号窗口' }, { repeats: 1 });
    expect(spoken(plan)).toBe('请B一零零零号到十二号窗口办理');
  });

  const calls: AnnouncedCall[] = [
    { number: 'A012', counterName: '3号窗口' },
    { number: 'A001', counterName: '1号窗口', recall: true },
    { number: 'B1000', counterName: '12号窗口' },
    { number: 'F099', counterName: '99号窗口' },
    { number: 'C345', counterName: '服务窗口' },
    { number: 'D678', counterName: '综合窗口' },
    { number: 'Z999', counterName: '不认识的窗口' },
    { number: 'E20', counterName: '120号窗口' },
  ];

  it.each(calls)('only names clips that exist in the pack: %j', (call) => {
    for (const clip of planAnnouncement(call)) expect(findClip(clip), clip).toBeDefined();
  });

  it('can produce every clip in the pack, so the pack carries nothing dead', () => {
    const produced = new Set(
      [
        ...calls,
        ...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('').map((letter) => ({ number: `${letter}456789`, counterName: '100号窗口' })),
      ].flatMap((call) => planAnnouncement(call)),
    );
    expect(CLIPS.map((clip) => clip.name).filter((name) => !produced.has(name))).toEqual([]);
  });
});

describe('planText', () => {
  it.each([
    [{ number: 'A012', counterName: '3号窗口' }, '请A零一二号，到三号窗口办理'],
    [{ number: 'A001', counterName: '1号窗口' }, '请A零零一号，到一号窗口办理'],
    [{ number: 'B1000', counterName: '12号窗口' }, '请B一零零零号，到十二号窗口办理'],
    [{ number: 'F099', counterName: '20号窗口' }, '请F零九九号，到二十号窗口办理'],
    [{ number: 'A012', counterName: '10号窗口', recall: true }, '再次呼叫，请A零一二号，到十号窗口办理'],
    [{ number: 'A012', counterName: '服务窗口' }, '请A零一二号，到服务窗口办理'],
    // No clip for this name, but a TTS can read the real name, so the fallback keeps it.
    [{ number: 'A012', counterName: '法律援助专窗' }, '请A零一二号，到法律援助专窗办理'],
  ])('%j → %s', (call, text) => {
    expect(planText(call)).toBe(text);
  });

  it.each([
    { number: 'A012', counterName: '3号窗口' },
    { number: 'B1000', counterName: '12号窗口', recall: true },
    { number: 'C345', counterName: '综合窗口' },
  ])('says what the clips say, for %j', (call) => {
    const withoutPunctuation = planText(call).replace(/[，。]/g, '');
    expect(withoutPunctuation).toBe(spoken(planAnnouncement(call, { repeats: 1 })));
  });
});
