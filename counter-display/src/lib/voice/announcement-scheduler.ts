import { planSentence, resolveRepeats, type AnnouncedCall } from './announcement-plan';
import type { ClipName } from './clips';

/**
 * Who speaks next on the hall board, and how long. Pure: the caller passes the time in (ms), so the
 * browser queue and a simulated peak hour run the very same rules. The rules (issue 9, item 15):
 * - every first call is said; none is dropped, however busy the counter;
 * - the sentence is said once when other calls are waiting to be spoken, twice (`repeats`) when idle;
 * - the air is shared fairly: oldest call first (a busy counter's calls wait no longer than a quiet
 *   one's), and no counter speaks twice in a row while another counter's call waits;
 * - 再次呼叫 only after the first call was said: a recall of a call still waiting is folded into it,
 *   a recall of a call never heard (the board was off) is said as a first call;
 * - the chime opens a run of announcements; calls said back to back are parted by a pause instead,
 *   so a queue drains at sentence speed (the chime alone is 1.6 s of a ~6.5 s announcement).
 */

/** What `add` did with a call: queued it, or folded it into an announcement already waiting. */
export type AddResult = { kind: 'queued'; id: number } | { kind: 'folded'; into: number };

/** One announcement as it goes on air. */
export interface ScheduledAnnouncement {
  id: number;
  /** The call as it will be said: `recall` is false for a recall whose first call was never said. */
  call: AnnouncedCall & { recall: boolean };
  queuedAt: number;
  startedAt: number;
  /** Whether it opens with the chime (the board was quiet) or a pause (it follows another call). */
  chime: boolean;
  /** Said first: chime or pause, 再次呼叫 on a recall, then the sentence once. */
  opening: ClipName[];
  /** Said again after a pause while nothing else waits, up to `repeats` times in all. */
  repeat: ClipName[];
}

export interface SchedulerOptions {
  /** How many times the sentence is said when nothing else waits; halls say it twice. */
  repeats?: number;
  /** How many said ticket numbers are remembered, to tell a recall from a call never heard. */
  rememberSaid?: number;
}

interface Waiting {
  id: number;
  call: AnnouncedCall & { recall: boolean };
  sentence: ClipName[];
  queuedAt: number;
}

// A busy day is ~400 calls; a recall comes minutes after its first call, never hundreds of calls later.
const DEFAULT_REMEMBER_SAID = 1000;

export class AnnouncementScheduler {
  readonly #repeats: number;
  readonly #rememberSaid: number;
  /** Waiting calls per counter, each in call order; a Map keeps counters in first-seen order. */
  readonly #waiting = new Map<string, Waiting[]>();
  /** Ticket numbers whose first call was said (or is on air), oldest first. */
  readonly #said = new Set<string>();
  #onAir: { item: ScheduledAnnouncement; sentencesSaid: number } | null = null;
  /** Whether calls were waiting when the last announcement ended: the next one follows on, without a chime. */
  #followsOn = false;
  #lastCounter: string | null = null;
  #nextId = 1;

  constructor(options: SchedulerOptions = {}) {
    this.#repeats = resolveRepeats(options.repeats);
    this.#rememberSaid = options.rememberSaid ?? DEFAULT_REMEMBER_SAID;
  }

  /** Calls waiting to go on air (not counting the one on air). */
  get waiting(): number {
    let count = 0;
    for (const queue of this.#waiting.values()) count += queue.length;
    return count;
  }

  /** Whether an announcement is on air. */
  get onAir(): boolean {
    return this.#onAir !== null;
  }

  /** Takes a call; throws RangeError for a number that cannot be said (nothing is queued then). */
  add(call: AnnouncedCall, now: number): AddResult {
    const sentence = planSentence(call);
    const pending = this.#findWaiting(call.number);
    // A call still waiting to be said already brings the visitor to the counter: a recall (or the
    // same call twice) adds nothing to it. The newer counter name wins if the ticket moved.
    if (pending !== undefined) {
      pending.call = { number: pending.call.number, counterName: call.counterName, recall: pending.call.recall && call.recall === true };
      pending.sentence = sentence;
      return { kind: 'folded', into: pending.id };
    }
    const heard = this.#said.has(call.number) || this.#onAir?.item.call.number === call.number;
    const item: Waiting = {
      id: this.#nextId++,
      call: { number: call.number, counterName: call.counterName, recall: call.recall === true && heard },
      sentence,
      queuedAt: now,
    };
    const queue = this.#waiting.get(call.counterName);
    if (queue === undefined) this.#waiting.set(call.counterName, [item]);
    else queue.push(item);
    return { kind: 'queued', id: item.id };
  }

  /** Puts the next call on air, or returns null when none waits. Throws while one is on air. */
  start(now: number): ScheduledAnnouncement | null {
    if (this.#onAir !== null) throw new Error('an announcement is already on air');
    const counter = this.#nextCounter();
    if (counter === undefined) return null;
    const queue = this.#waiting.get(counter);
    const next = queue?.shift();
    if (queue === undefined || next === undefined) return null;
    if (queue.length === 0) this.#waiting.delete(counter);
    const chime = !this.#followsOn;
    const item: ScheduledAnnouncement = {
      id: next.id,
      call: next.call,
      queuedAt: next.queuedAt,
      startedAt: now,
      chime,
      opening: [chime ? 'chime' : 'pause', ...(next.call.recall ? (['recall'] as const) : []), ...next.sentence],
      repeat: ['pause', ...next.sentence],
    };
    this.#lastCounter = counter;
    this.#remember(next.call.number);
    this.#onAir = { item, sentencesSaid: 1 };
    return item;
  }

  /** After each sentence: whether to say it again now (idle and under `repeats`). */
  repeatNow(): boolean {
    const onAir = this.#onAir;
    if (onAir === null || onAir.sentencesSaid >= this.#repeats || this.waiting > 0) return false;
    onAir.sentencesSaid += 1;
    return true;
  }

  /** The announcement on air has ended; returns how many times its sentence was said. */
  finish(): number {
    const said = this.#onAir?.sentencesSaid ?? 0;
    this.#onAir = null;
    this.#followsOn = this.waiting > 0;
    return said;
  }

  /** Drops every waiting call and returns their ids (the one on air is the caller's to stop). */
  clear(): number[] {
    const dropped = [...this.#waiting.values()].flat().map((item) => item.id);
    this.#waiting.clear();
    this.#followsOn = false;
    return dropped;
  }

  #findWaiting(number: string): Waiting | undefined {
    for (const queue of this.#waiting.values()) {
      const found = queue.find((item) => item.call.number === number);
      if (found !== undefined) return found;
    }
    return undefined;
  }

  /**
   * Oldest call first, so a busy counter's calls wait no longer than a quiet one's; but the counter
   * that just spoke yields to any other counter's waiting call, so no counter holds the air.
   */
  #nextCounter(): string | undefined {
    let oldest: { counter: string; head: Waiting } | undefined;
    let oldestOther: { counter: string; head: Waiting } | undefined;
    const before = (a: Waiting, b: Waiting | undefined): boolean => b === undefined || a.queuedAt < b.queuedAt || (a.queuedAt === b.queuedAt && a.id < b.id);
    for (const [counter, queue] of this.#waiting) {
      const head = queue[0];
      if (head === undefined) continue;
      if (before(head, oldest?.head)) oldest = { counter, head };
      if (counter !== this.#lastCounter && before(head, oldestOther?.head)) oldestOther = { counter, head };
    }
    return (oldestOther ?? oldest)?.counter;
  }

  #remember(number: string): void {
    this.#said.delete(number);
    this.#said.add(number);
    if (this.#said.size > this.#rememberSaid) {
      const oldest = this.#said.values().next();
      if (oldest.done !== true) this.#said.delete(oldest.value);
    }
  }
}

/** A call as the board hears it, at a time (ms). */
export interface TimedCall extends AnnouncedCall {
  at: number;
}

/** What was said, when: one row per announcement. */
export interface SpokenAnnouncement {
  id: number;
  number: string;
  counterName: string;
  recall: boolean;
  chime: boolean;
  /** How many times the sentence was said. */
  sentences: number;
  queuedAt: number;
  startedAt: number;
  endedAt: number;
  clips: ClipName[];
}

export interface Simulation {
  spoken: SpokenAnnouncement[];
  /** For each input call, in input order: the announcement that said it (a folded call: the one it joined). */
  saidBy: number[];
}

/**
 * Runs the scheduler on a fake clock: calls arrive at their times, each clip lasts what
 * `clipMs(clip)` says, and nothing overlaps. Returns what is said when.
 */
export function simulateAnnouncements(calls: readonly TimedCall[], clipMs: (clip: ClipName) => number, options: SchedulerOptions = {}): Simulation {
  const scheduler = new AnnouncementScheduler(options);
  const order = calls.map((call, index) => ({ call, index })).sort((a, b) => a.call.at - b.call.at || a.index - b.index);
  const saidBy = new Array<number>(calls.length).fill(-1);
  const spoken: SpokenAnnouncement[] = [];
  let next = 0;
  let now = 0;
  const arriveUntil = (time: number): void => {
    for (; next < order.length; next += 1) {
      const entry = order[next];
      if (entry === undefined || entry.call.at > time) break;
      const result = scheduler.add(entry.call, entry.call.at);
      saidBy[entry.index] = result.kind === 'queued' ? result.id : result.into;
    }
  };
  const lasting = (clips: readonly ClipName[]): number => clips.reduce((sum, clip) => sum + clipMs(clip), 0);
  for (;;) {
    arriveUntil(now);
    const item = scheduler.start(now);
    if (item === null) {
      const upcoming = order[next];
      if (upcoming === undefined) break;
      now = Math.max(now, upcoming.call.at);
      continue;
    }
    const clips = [...item.opening];
    now += lasting(item.opening);
    arriveUntil(now);
    while (scheduler.repeatNow()) {
      clips.push(...item.repeat);
      now += lasting(item.repeat);
      arriveUntil(now);
    }
    const sentences = scheduler.finish();
    spoken.push({
      id: item.id, number: item.call.number, counterName: item.call.counterName, recall: item.call.recall, chime: item.chime,
      sentences, queuedAt: item.queuedAt, startedAt: item.startedAt, endedAt: now, clips,
    });
  }
  return { spoken, saidBy };
}
