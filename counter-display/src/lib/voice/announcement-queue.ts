import { planAnnouncement, planText, resolveRepeats, type AnnouncedCall } from './announcement-plan';
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

/** One announcement as it starts: what was called and what will be said. */
export interface AnnouncementRecord {
  number: string;
  counterName: string;
  recall: boolean;
  clips: ClipName[];
  /** The sentence once, as captions and the speech fallback say it. */
  text: string;
}

export interface AnnouncementQueueOptions {
  player: AnnouncementPlayer;
  repeats?: number;
  /** Called as each announcement starts, e.g. to show a caption. */
  onPlan?: (record: AnnouncementRecord) => void;
  /** A call that cannot be said, or a player failure; announcements go on regardless. */
  onError?: (error: unknown, call: AnnouncedCall) => void;
  /** How many recent records `lastPlans` keeps. */
  historySize?: number;
}

export interface AnnouncementQueue {
  /** Queues a call; resolves once it has been said (or skipped). Never rejects. */
  announce(call: AnnouncedCall): Promise<void>;
  /** Recent announcements, oldest first, for tests and debugging. */
  readonly lastPlans: readonly AnnouncementRecord[];
  /** Drops announcements not yet started; the one playing finishes its current clip. */
  clear(): void;
}

const DEFAULT_HISTORY = 20;

/**
 * Strict FIFO, one announcement at a time, each clip after the previous one ends: two calls
 * a second apart must not talk over each other, and a visitor must hear every number whole.
 * A call still waiting to be said when the same counter calls again is dropped: that counter has
 * moved on (or is recalling), and in a busy hall stale calls would otherwise pile up minutes of speech.
 */
export function createAnnouncementQueue(options: AnnouncementQueueOptions): AnnouncementQueue {
  const { player, onPlan, historySize = DEFAULT_HISTORY } = options;
  const repeats = resolveRepeats(options.repeats);
  const onError = options.onError ?? ((error: unknown) => console.warn('announcement failed', error));
  const lastPlans: AnnouncementRecord[] = [];
  let tail: Promise<void> = Promise.resolve();
  let generation = 0;
  let sequence = 0;
  const latestByCounter = new Map<string, number>();

  async function say(record: AnnouncementRecord, call: AnnouncedCall, queuedIn: number, position: number): Promise<void> {
    if (queuedIn !== generation || latestByCounter.get(call.counterName) !== position) return;
    lastPlans.push(record);
    if (lastPlans.length > historySize) lastPlans.splice(0, lastPlans.length - historySize);
    onPlan?.(record);
    try {
      await player.load(record.clips);
    } catch (error) {
      // A clip missing or undecodable: say the whole sentence by TTS rather than half a number.
      onError(error, call);
      await player.speak(record.text, repeats);
      return;
    }
    for (const clip of record.clips) {
      if (queuedIn !== generation) return;
      try {
        await player.play(clip);
      } catch (error) {
        // One clip failing to play must not silence the rest of the queue.
        onError(error, call);
      }
    }
  }

  return {
    announce(call) {
      let record: AnnouncementRecord;
      try {
        const clips = planAnnouncement(call, { repeats });
        record = { number: call.number, counterName: call.counterName, recall: call.recall === true, clips, text: planText(call) };
      } catch (error) {
        onError(error, call);
        return Promise.resolve();
      }
      const queuedIn = generation;
      const position = (sequence += 1);
      latestByCounter.set(call.counterName, position);
      const done = tail.then(() => say(record, call, queuedIn, position)).catch((error: unknown) => onError(error, call));
      tail = done;
      return done;
    },
    get lastPlans() {
      return lastPlans;
    },
    clear() {
      generation += 1;
    },
  };
}
