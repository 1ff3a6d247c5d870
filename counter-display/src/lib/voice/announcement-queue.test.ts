import { afterEach, describe, expect, it, vi } from 'vitest';
import { planAnnouncement, planSentence } from './announcement-plan';
import { createAnnouncementQueue, type AnnouncementPlayer } from './announcement-queue';
import type { ClipName } from './clips';

interface FakePlayerOptions {
  unloadable?: ReadonlySet<ClipName>;
  unplayable?: ReadonlySet<ClipName>;
  speechFails?: boolean;
}

/** Plays each clip over a real macrotask so overlapping announcements would interleave if allowed. */
function fakePlayer({ unloadable = new Set(), unplayable = new Set(), speechFails = false }: FakePlayerOptions = {}) {
  const events: string[] = [];
  const played: ClipName[] = [];
  let playing = 0;
  let maxPlaying = 0;
  const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
  const player: AnnouncementPlayer = {
    async load(clips) {
      await tick();
      const missing = clips.find((clip) => unloadable.has(clip));
      if (missing !== undefined) throw new Error(`404 ${missing}.wav`);
    },
    async play(clip) {
      playing += 1;
      maxPlaying = Math.max(maxPlaying, playing);
      try {
        await tick();
        if (unplayable.has(clip)) throw new Error(`cannot play ${clip}`);
        played.push(clip);
      } finally {
        playing -= 1;
      }
    },
    async speak(text, repeats) {
      events.push(`speak ${text} ×${repeats}`);
      await tick();
      if (speechFails) throw new Error('no zh-CN voice');
    },
  };
  return { player, events, played, maxPlaying: () => maxPlaying };
}

const callA = { number: 'A012', counterName: '3号窗口' };
const callB = { number: 'B1000', counterName: '12号窗口' };
const callC = { number: 'C005', counterName: '服务窗口' };
const sentenceA = planSentence(callA);
const sentenceB = planSentence(callB);
const sentenceC = planSentence(callC);

afterEach(() => {
  vi.useRealTimers();
});

describe('createAnnouncementQueue', () => {
  it('plays two overlapping announcements one after the other: once while the second waits, twice when idle', async () => {
    const fake = fakePlayer();
    const queue = createAnnouncementQueue({ player: fake.player, onError: vi.fn() });
    const first = queue.announce(callA);
    // The second call arrives while the first is mid-sentence.
    await new Promise((resolve) => setTimeout(resolve, 3));
    const second = queue.announce(callB);
    await Promise.all([first, second]);
    expect(fake.played).toEqual(['chime', ...sentenceA, 'pause', ...sentenceB, 'pause', ...sentenceB]);
    expect(fake.maxPlaying()).toBe(1);
  });

  it('never drops a waiting call when the same counter calls again; a recall of a call not yet said adds nothing', async () => {
    const fake = fakePlayer();
    const queue = createAnnouncementQueue({ player: fake.player, onError: vi.fn() });
    const calls = [callA, { ...callA, number: 'A013' }, callB, { ...callA, number: 'A014' }, { ...callB, recall: true }];
    await Promise.all(calls.map((call) => queue.announce(call)));
    // Oldest first, but 3号窗口 yields to 12号窗口 after speaking; B1000's recall is folded into its first call.
    expect(queue.lastPlans.map((record) => `${record.number}${record.recall ? ' recall' : ''}`)).toEqual(['A012', 'B1000', 'A013', 'A014']);
    expect(queue.lastPlans.map((record) => record.sentences)).toEqual([1, 1, 1, 2]);
  });

  it('says 再次呼叫 only after the first call was said', async () => {
    const fake = fakePlayer();
    const queue = createAnnouncementQueue({ player: fake.player, onError: vi.fn() });
    await queue.announce({ ...callB, recall: true });
    await queue.announce({ ...callB, recall: true });
    expect(queue.lastPlans.map((record) => [record.recall, record.text])).toEqual([
      [false, '请B一零零零号，到十二号窗口办理'],
      [true, '再次呼叫，请B一零零零号，到十二号窗口办理'],
    ]);
    expect(fake.played).toEqual([
      ...planAnnouncement(callB),
      ...planAnnouncement({ ...callB, recall: true }),
    ]);
  });

  it('starts each plan only after the previous one has finished', async () => {
    const fake = fakePlayer();
    const started: Array<{ number: string; clipsPlayedBefore: number }> = [];
    const queue = createAnnouncementQueue({
      player: fake.player,
      onPlan: (record) => started.push({ number: record.number, clipsPlayedBefore: fake.played.length }),
    });
    await Promise.all([queue.announce(callA), queue.announce(callB), queue.announce(callC)]);
    // A012 and B1000 are said once (calls wait behind them), each opening with one clip before the sentence.
    expect(started).toEqual([
      { number: 'A012', clipsPlayedBefore: 0 },
      { number: 'B1000', clipsPlayedBefore: 1 + sentenceA.length },
      { number: 'C005', clipsPlayedBefore: 2 + sentenceA.length + sentenceB.length },
    ]);
  });

  it('falls back to speech when a clip cannot be loaded, and the next call still plays clips', async () => {
    const fake = fakePlayer({ unloadable: new Set(['letter-a']) });
    const onError = vi.fn();
    const queue = createAnnouncementQueue({ player: fake.player, onError });
    await Promise.all([queue.announce(callA), queue.announce(callB)]);
    expect(fake.events).toEqual(['speak 请A零一二号，到三号窗口办理 ×1']);
    expect(fake.played).toEqual(['pause', ...sentenceB, 'pause', ...sentenceB]);
    expect(onError).toHaveBeenCalledTimes(1);
  });

  it('skips a clip that fails to play and carries on with the rest of the queue', async () => {
    const fake = fakePlayer({ unplayable: new Set(['digit-2']) });
    const onError = vi.fn();
    const queue = createAnnouncementQueue({ player: fake.player, onError });
    await Promise.all([queue.announce(callA), queue.announce(callC)]);
    expect(fake.played).toEqual([
      ...['chime', ...sentenceA].filter((clip) => clip !== 'digit-2'),
      ...['pause', ...sentenceC, 'pause', ...sentenceC],
    ]);
    // A012 is said once (C005 waits), so its 二 fails once.
    expect(onError).toHaveBeenCalledTimes(1);
  });

  it('goes on when the speech fallback fails too', async () => {
    const fake = fakePlayer({ unloadable: new Set(['letter-a']), speechFails: true });
    const queue = createAnnouncementQueue({ player: fake.player, onError: vi.fn() });
    await Promise.all([queue.announce(callA), queue.announce(callB)]);
    expect(fake.played).toEqual(['pause', ...sentenceB, 'pause', ...sentenceB]);
  });

  it('reports a call it cannot say and still says the next one', async () => {
    const fake = fakePlayer();
    const onError = vi.fn();
    const queue = createAnnouncementQueue({ player: fake.player, onError });
    await Promise.all([queue.announce({ number: '--', counterName: '3号窗口' }), queue.announce(callA)]);
    expect(onError).toHaveBeenCalledWith(expect.any(RangeError), { number: '--', counterName: '3号窗口' });
    expect(fake.played).toEqual(planAnnouncement(callA));
    expect(queue.lastPlans.map((record) => record.number)).toEqual(['A012']);
  });

  it('records each plan as it starts and keeps only the most recent ones', async () => {
    const queue = createAnnouncementQueue({ player: fakePlayer().player, historySize: 2, repeats: 1 });
    await queue.announce(callB);
    await Promise.all([queue.announce(callA), queue.announce({ ...callB, recall: true }), queue.announce(callC)]);
    expect(queue.lastPlans).toEqual([
      {
        number: 'B1000',
        counterName: '12号窗口',
        recall: true,
        clips: ['pause', 'recall', ...sentenceB],
        text: '再次呼叫，请B一零零零号，到十二号窗口办理',
        sentences: 1,
      },
      { number: 'C005', counterName: '服务窗口', recall: false, clips: ['pause', ...sentenceC], text: '请C零零五号，到服务窗口办理', sentences: 1 },
    ]);
  });

  it('clear() drops queued announcements and stops the current one after its clip', async () => {
    const fake = fakePlayer();
    // Assigned after the player that refers to it, so it cannot be a const.
    // eslint-disable-next-line prefer-const
    let queue: ReturnType<typeof createAnnouncementQueue> | undefined;
    const player: AnnouncementPlayer = {
      ...fake.player,
      async play(clip) {
        await fake.player.play(clip);
        // The board resets (e.g. a reconnect) three clips into A012.
        if (fake.played.length === 3) queue?.clear();
      },
    };
    queue = createAnnouncementQueue({ player });
    await Promise.all([queue.announce(callA), queue.announce(callB)]);
    expect(fake.played).toEqual(planAnnouncement(callA).slice(0, 3));
    expect(queue.lastPlans.map((record) => record.number)).toEqual(['A012']);
    await queue.announce(callC);
    expect(fake.played.slice(3)).toEqual(planAnnouncement(callC));
  });

  it('follows the scheduler in real time: turns, one sentence while calls wait, folded and late recalls', async () => {
    vi.useFakeTimers();
    // Every clip lasts 100 ms: an opening (chime or pause + 8-clip sentence) is 900 ms, 再次呼叫 adds 100.
    const player: AnnouncementPlayer = {
      load: () => Promise.resolve(),
      play: () => new Promise((resolve) => setTimeout(resolve, 100)),
      speak: () => Promise.resolve(),
    };
    const started: string[] = [];
    const queue = createAnnouncementQueue({
      player,
      onPlan: (record) => started.push(`${Date.now() - t0} ${record.number}${record.recall ? ' 再次呼叫' : ''}`),
    });
    const t0 = Date.now();
    const calls: Array<[at: number, number: string, counterName: string, recall: boolean]> = [
      [0, 'A1', '1号窗口', false],
      [10, 'A2', '1号窗口', false],
      [30, 'B1', '2号窗口', false],
      [40, 'B1', '2号窗口', true],
      [2000, 'A1', '1号窗口', true],
    ];
    const said: Array<Promise<void>> = [];
    for (const [at, number, counterName, recall] of calls) setTimeout(() => said.push(queue.announce({ number, counterName, recall })), at);
    await vi.advanceTimersByTimeAsync(5000);
    await Promise.all(said);
    expect(started).toEqual(['0 A1', '900 B1', '1800 A2', '2700 A1 再次呼叫']);
    expect(queue.lastPlans.map((record) => record.sentences)).toEqual([1, 1, 1, 2]);
  });
});
