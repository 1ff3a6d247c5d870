import type { AnnouncedCall } from './announcement-plan';
import {
  createAnnouncementQueue,
  type AnnouncementPlayer,
  type AnnouncementRecord,
} from './announcement-queue';
import type { ClipName } from './clips';

declare global {
  interface Window {
    /** The most recent announcements (at most 50) as they start, for browser tests to assert what the board said. */
    __announcements?: AnnouncementRecord[];
  }
}

/** The part of AudioContext the announcer uses, so tests can pass a small fake. */
export type AudioContextLike = Pick<AudioContext, 'state' | 'destination' | 'resume' | 'decodeAudioData' | 'createBufferSource'>;

/** The part of speechSynthesis the fallback uses. */
export type SpeechSynthesisLike = Pick<SpeechSynthesis, 'speak' | 'cancel' | 'getVoices'>;

export interface AnnouncerOptions {
  /** Where the voice pack is served; clips are fetched as `${baseUrl}<name>.wav`. */
  baseUrl?: string;
  /** Called on the first announcement, not before: browsers suspend contexts made before a gesture. */
  audioContextFactory?: () => AudioContextLike;
  fetch?: typeof fetch;
  speechSynthesis?: SpeechSynthesisLike;
  /** How many times each sentence is said on a quiet board (halls say it twice); once while calls wait. */
  repeats?: number;
  onPlan?: (record: AnnouncementRecord) => void;
  onError?: (error: unknown, call: AnnouncedCall) => void;
}

export interface Announcer {
  /** Queues a call; resolves once said. Announcements never overlap. */
  announce(call: AnnouncedCall): Promise<void>;
  readonly lastPlans: readonly AnnouncementRecord[];
  /** Drops queued announcements, e.g. when the board reloads its state. */
  clear(): void;
}

// A clip or utterance whose "ended" never fires (a suspended context, Chrome's speech quirks)
// would hold the queue forever; give up after its length plus this margin.
const END_MARGIN_MS = 1500;
const SPEECH_MS_PER_CHAR = 400;
/** How many announcements `window.__announcements` keeps. */
export const HOOK_SIZE = 50;

function withTimeout(run: (done: () => void) => () => void, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let cancel: (() => void) | undefined;
    const timer = setTimeout(() => {
      try {
        cancel?.();
      } finally {
        resolve();
      }
    }, ms);
    const done = (): void => {
      clearTimeout(timer);
      resolve();
    };
    try {
      cancel = run(done);
    } catch (error) {
      clearTimeout(timer);
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}

/** Plays clips with the Web Audio API; each clip is fetched and decoded once, then cached. */
export function createWebAudioPlayer(options: {
  baseUrl: string;
  audioContextFactory: () => AudioContextLike;
  fetch: typeof fetch;
  speechSynthesis: SpeechSynthesisLike | undefined;
}): AnnouncementPlayer {
  const { baseUrl, audioContextFactory, speechSynthesis } = options;
  const fetchClip = options.fetch;
  const buffers = new Map<ClipName, Promise<AudioBuffer>>();
  let context: AudioContextLike | undefined;
  const audio = (): AudioContextLike => (context ??= audioContextFactory());

  function loadClip(clip: ClipName): Promise<AudioBuffer> {
    const cached = buffers.get(clip);
    if (cached !== undefined) return cached;
    const loading = (async () => {
      const response = await fetchClip(`${baseUrl}${clip}.wav`);
      if (!response.ok) throw new Error(`voice clip ${clip}: HTTP ${response.status}`);
      return audio().decodeAudioData(await response.arrayBuffer());
    })();
    // Forget failures so a clip added to the pack later (or a server back up) is tried again.
    void loading.catch(() => buffers.delete(clip));
    buffers.set(clip, loading);
    return loading;
  }

  return {
    async load(clips) {
      await Promise.all([...new Set(clips)].map(loadClip));
    },
    async play(clip) {
      const buffer = await loadClip(clip);
      const ctx = audio();
      // Not awaited: without autoplay permission resume() may never settle; the timeout copes.
      if (ctx.state === 'suspended') void ctx.resume().catch(() => undefined);
      await withTimeout((done) => {
        const source = ctx.createBufferSource();
        source.buffer = buffer;
        source.connect(ctx.destination);
        source.onended = () => done();
        source.start();
        return () => source.stop();
      }, buffer.duration * 1000 + END_MARGIN_MS);
    },
    async speak(text, repeats) {
      if (speechSynthesis === undefined) throw new Error('no clips and no speechSynthesis');
      const voices = speechSynthesis.getVoices();
      const lang = (voice: SpeechSynthesisVoice): string => voice.lang.replace('_', '-').toLowerCase();
      const voice = voices.find((v) => lang(v) === 'zh-cn') ?? voices.find((v) => lang(v).startsWith('zh'));
      for (let i = 0; i < repeats; i += 1) {
        await withTimeout((done) => {
          const utterance = new SpeechSynthesisUtterance(text);
          utterance.lang = 'zh-CN';
          if (voice !== undefined) utterance.voice = voice;
          utterance.rate = 0.9;
          utterance.onend = () => done();
          utterance.onerror = () => done();
          speechSynthesis.speak(utterance);
          return () => speechSynthesis.cancel();
        }, text.length * SPEECH_MS_PER_CHAR + END_MARGIN_MS);
      }
    },
  };
}

/**
 * The hall board's announcer: `announce(call)` queues chime + "请 A零一二 号，到 三 号窗口 办理" ×2
 * (once while other calls wait) from the voice pack at `/voice/<name>.wav`, one at a time. The board's Chromium
 * should run with `--autoplay-policy=no-user-gesture-required`: nobody taps a wall screen.
 */
export function createAnnouncer(options: AnnouncerOptions = {}): Announcer {
  const player = createWebAudioPlayer({
    baseUrl: options.baseUrl ?? '/voice/',
    audioContextFactory: options.audioContextFactory ?? (() => new AudioContext()),
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    speechSynthesis: options.speechSynthesis ?? globalThis.speechSynthesis,
  });
  return createAnnouncementQueue({
    player,
    ...(options.repeats === undefined ? {} : { repeats: options.repeats }),
    ...(options.onError === undefined ? {} : { onError: options.onError }),
    onPlan(record) {
      if (typeof window !== 'undefined') {
        // A board runs for days: keep the test hook to the last few, not every call ever made.
        const hook = (window.__announcements ??= []);
        hook.push(record);
        if (hook.length > HOOK_SIZE) hook.splice(0, hook.length - HOOK_SIZE);
      }
      options.onPlan?.(record);
    },
  });
}
