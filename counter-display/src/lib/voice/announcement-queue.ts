import { planText, resolveRepeats, type AnnouncedCall } from './announcement-plan';
import { AnnouncementScheduler, type AddResult, type ScheduledAnnouncement } from './announcement-scheduler';
import type { ClipName } from './clips';

/** What actually makes sound; the browser one is in announcer.ts, tests inject a fake. */
export interface AnnouncementPlayer {
  /** Resolves when every clip is ready to play; rejects when any of them cannot be loaded. */
  load(clips: readonly ClipName[]): Promise<void>;
  /** Resolves when the clip has finished playing. */
  play(clip: ClipName): Promise<void>;
  /** Fallback when clips cannot be loaded: says the sentence with speech synthesis, `repeats` times. */
  speak(text: string, repeats: number): Promise<void>;
}

/** One announcement as it starts: what was called and what is said (`clips` grows if it is repeated). */
export interface AnnouncementRecord {
  number: string;
  counterName: string;
  /** Said as 再次呼叫: false for a recall whose first call the board never said. */
  recall: boolean;
  clips: ClipName[];
  /** The sentence once, as captions and the speech fallback say it. */
  text: string;
  /** How many times the sentence has been said: once while other calls wait, twice on a quiet board. */
  sentences: number;
}

export interface AnnouncementQueueOptions {
  player: AnnouncementPlayer;
  /** How many times the sentence is said on a quiet board (default twice); once while calls wait. */
  repeats?: number;
  /** Called as each announcement starts, e.g. to show a caption. */
  onPlan?: (record: AnnouncementRecord) => void;
  /** A call that cannot be said, or a player failure; announcements go on regardless. */
  onError?: (error: unknown, call: AnnouncedCall) => void;
  /** How many recent records `lastPlans` keeps. */
  historySize?: number;
  /** Milliseconds now; only the scheduler's chime and order use it. */
  clock?: () => number;
}

export interface AnnouncementQueue {
  /** Queues a call; resolves once it has been said (or folded into one said, or cleared). Never rejects. */
  announce(call: AnnouncedCall): Promise<void>;
  /** Recent announcements, oldest first, for tests and debugging. */
  readonly lastPlans: readonly AnnouncementRecord[];
  /** Drops announcements not yet started; the one playing finishes its current clip. */
  clear(): void;
}

const DEFAULT_HISTORY = 20;

/**
 * One announcement at a time, each clip after the previous one ends: two calls a second apart must
 * not talk over each other, and a visitor must hear every number whole. Which call goes next and
 * how often its sentence is said is the scheduler's (announcement-scheduler.ts): every first call
 * is said, once while others wait, and counters share the air.
 */
export function createAnnouncementQueue(options: AnnouncementQueueOptions): AnnouncementQueue {
  const { player, onPlan, historySize = DEFAULT_HISTORY } = options;
  const repeats = resolveRepeats(options.repeats);
  const clock = options.clock ?? (() => Date.now());
  const onError = options.onError ?? ((error: unknown) => console.warn('announcement failed', error));
  const scheduler = new AnnouncementScheduler({ repeats });
  const lastPlans: AnnouncementRecord[] = [];
  const settlers = new Map<number, Array<() => void>>();
  let generation = 0;
  let running = false;

  function settle(id: number): void {
    for (const resolve of settlers.get(id) ?? []) resolve();
    settlers.delete(id);
  }

  async function playAll(clips: readonly ClipName[], call: AnnouncedCall, onAir: number): Promise<void> {
    for (const clip of clips) {
      if (onAir !== generation) return;
      try {
        await player.play(clip);
      } catch (error) {
        // One clip failing to play must not silence the rest of the queue.
        onError(error, call);
      }
    }
  }

  async function say(item: ScheduledAnnouncement): Promise<void> {
    const { call } = item;
    const record: AnnouncementRecord = {
      number: call.number, counterName: call.counterName, recall: call.recall, clips: [...item.opening], text: planText(call), sentences: 1,
    };
    lastPlans.push(record);
    if (lastPlans.length > historySize) lastPlans.splice(0, lastPlans.length - historySize);
    onPlan?.(record);
    const onAir = generation;
    try {
      await player.load([...item.opening, ...item.repeat]);
    } catch (error) {
      // A clip missing or undecodable: say the whole sentence by TTS rather than half a number.
      onError(error, call);
      await player.speak(record.text, 1);
      while (onAir === generation && scheduler.repeatNow()) {
        record.sentences += 1;
        await player.speak(record.text, 1);
      }
      return;
    }
    await playAll(item.opening, call, onAir);
    while (onAir === generation && scheduler.repeatNow()) {
      record.sentences += 1;
      record.clips.push(...item.repeat);
      await playAll(item.repeat, call, onAir);
    }
  }

  async function run(): Promise<void> {
    running = true;
    try {
      for (let item = scheduler.start(clock()); item !== null; item = scheduler.start(clock())) {
        try {
          await say(item);
        } catch (error) {
          onError(error, item.call);
        } finally {
          scheduler.finish();
          settle(item.id);
        }
      }
    } finally {
      running = false;
    }
  }

  return {
    announce(call) {
      let added: AddResult;
      try {
        added = scheduler.add(call, clock());
      } catch (error) {
        onError(error, call);
        return Promise.resolve();
      }
      const id = added.kind === 'queued' ? added.id : added.into;
      const said = new Promise<void>((resolve) => settlers.set(id, [...(settlers.get(id) ?? []), resolve]));
      if (!running) void run();
      return said;
    },
    get lastPlans() {
      return lastPlans;
    },
    clear() {
      generation += 1;
      for (const id of scheduler.clear()) settle(id);
    },
  };
}
