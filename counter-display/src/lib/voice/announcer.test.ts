import { afterEach, describe, expect, it, vi } from 'vitest';
import { planAnnouncement, planSentence } from './announcement-plan';
import { createAnnouncer, HOOK_SIZE, type AudioContextLike, type SpeechSynthesisLike } from './announcer';

/** A Web Audio stand-in: a "buffer" is the clip name, a source ends a tick after start unless told not to. */
function fakeAudioContext({ sourcesEnd = true } = {}) {
  const started: string[] = [];
  const decoded: string[] = [];
  const context = {
    state: 'running',
    destination: {},
    resume: () => Promise.resolve(),
    decodeAudioData: (data: ArrayBuffer) => {
      const name = new TextDecoder().decode(data);
      decoded.push(name);
      return Promise.resolve({ duration: 0.2, name });
    },
    createBufferSource() {
      const source = {
        buffer: null as { name: string } | null,
        onended: null as (() => void) | null,
        connect: () => undefined,
        start() {
          started.push(source.buffer?.name ?? '?');
          if (sourcesEnd) setTimeout(() => source.onended?.(), 0);
        },
        stop: () => undefined,
      };
      return source;
    },
  };
  return { context: context as unknown as AudioContextLike, started, decoded };
}

/** Serves `<name>.wav` with the clip name as its body; `missing` ones are 404. */
function fakeFetch(missing: readonly string[] = []) {
  const urls: string[] = [];
  const fetchClip = vi.fn((input: RequestInfo | URL) => {
    const url = String(input);
    urls.push(url);
    const name = url.slice(url.lastIndexOf('/') + 1, -'.wav'.length);
    return Promise.resolve(missing.includes(name) ? new Response(null, { status: 404 }) : new Response(name));
  });
  return { fetch: fetchClip as unknown as typeof fetch, urls };
}

function fakeSpeech() {
  const spoken: Array<{ text: string; lang: string; voice: string | undefined }> = [];
  const voices = [{ lang: 'en-US', name: 'English' }, { lang: 'zh_CN', name: 'Mandarin' }] as SpeechSynthesisVoice[];
  const speechSynthesis: SpeechSynthesisLike = {
    getVoices: () => voices,
    cancel: () => undefined,
    speak(utterance) {
      spoken.push({ text: utterance.text, lang: utterance.lang, voice: utterance.voice?.name });
      setTimeout(() => utterance.onend?.(new Event('end') as SpeechSynthesisEvent), 0);
    },
  };
  return { speechSynthesis, spoken };
}

class FakeUtterance {
  lang = '';
  rate = 1;
  voice: SpeechSynthesisVoice | null = null;
  onend: ((event: Event) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  constructor(readonly text: string) {}
}

const callA = { number: 'A012', counterName: '3号窗口' };
const callB = { number: 'B1000', counterName: '12号窗口' };

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('createAnnouncer', () => {
  it('plays the plan from /voice/<name>.wav, fetching and decoding each clip once', async () => {
    const audio = fakeAudioContext();
    const net = fakeFetch();
    const announcer = createAnnouncer({ audioContextFactory: () => audio.context, fetch: net.fetch });
    // One after the other: a second call of the same counter queued meanwhile would replace the first.
    await announcer.announce(callA);
    await announcer.announce(callA);
    expect(audio.started).toEqual([...planAnnouncement(callA), ...planAnnouncement(callA)]);
    const distinct = new Set(planAnnouncement(callA));
    expect(net.urls).toHaveLength(distinct.size);
    expect(net.urls).toContain('/voice/chime.wav');
    expect(audio.decoded).toHaveLength(distinct.size);
  });

  it('falls back to zh-CN speech when a clip is missing, then uses clips again for the next call', async () => {
    vi.stubGlobal('SpeechSynthesisUtterance', FakeUtterance);
    const audio = fakeAudioContext();
    const speech = fakeSpeech();
    const announcer = createAnnouncer({
      baseUrl: '/packs/hall-7/',
      audioContextFactory: () => audio.context,
      fetch: fakeFetch(['letter-a']).fetch,
      speechSynthesis: speech.speechSynthesis,
      onError: () => undefined,
    });
    await Promise.all([announcer.announce(callA), announcer.announce(callB)]);
    const sentence = { text: '请A零一二号，到三号窗口办理', lang: 'zh-CN', voice: 'Mandarin' };
    // A012 is said once because B1000 waits; B1000 then has the air to itself and is said twice.
    expect(speech.spoken).toEqual([sentence]);
    expect(audio.started).toEqual(['pause', ...planSentence(callB), 'pause', ...planSentence(callB)]);
  });

  it('moves on when a clip never reports its end (a suspended AudioContext)', async () => {
    vi.useFakeTimers();
    const audio = fakeAudioContext({ sourcesEnd: false });
    const announcer = createAnnouncer({ audioContextFactory: () => audio.context, fetch: fakeFetch().fetch, repeats: 1 });
    let finished = false;
    void announcer.announce(callA).then(() => (finished = true));
    await vi.advanceTimersByTimeAsync(planAnnouncement(callA, { repeats: 1 }).length * 1700 + 100);
    expect(finished).toBe(true);
    expect(audio.started).toEqual(planAnnouncement(callA, { repeats: 1 }));
  });

  it('pushes each plan to window.__announcements and lastPlans as it starts', async () => {
    vi.stubGlobal('window', {});
    const onPlan = vi.fn();
    const announcer = createAnnouncer({ audioContextFactory: () => fakeAudioContext().context, fetch: fakeFetch().fetch, onPlan });
    await announcer.announce(callB);
    await announcer.announce({ ...callB, recall: true });
    const record = {
      number: 'B1000',
      counterName: '12号窗口',
      recall: true,
      clips: planAnnouncement({ ...callB, recall: true }),
      text: '再次呼叫，请B一零零零号，到十二号窗口办理',
      sentences: 2,
    };
    expect((globalThis as { window?: Window }).window?.__announcements?.[1]).toEqual(record);
    expect(announcer.lastPlans[1]).toEqual(record);
    expect(onPlan).toHaveBeenLastCalledWith(record);
  });

  it('keeps window.__announcements to the last 50 on a board that runs all day', async () => {
    vi.stubGlobal('window', {});
    const announcer = createAnnouncer({ audioContextFactory: () => fakeAudioContext().context, fetch: fakeFetch().fetch, repeats: 1 });
    const numbers = Array.from({ length: 120 }, (_, i) => `A${String(i + 1).padStart(3, '0')}`);
    await Promise.all(numbers.map((number) => announcer.announce({ number, counterName: '3号窗口' })));
    const hook = (globalThis as { window?: Window }).window?.__announcements ?? [];
    expect(HOOK_SIZE).toBe(50);
    expect(hook.map((record) => record.number)).toEqual(numbers.slice(70));
  });

  it('makes its AudioContext on the first announcement, not when created', () => {
    const factory = vi.fn(() => fakeAudioContext().context);
    createAnnouncer({ audioContextFactory: factory, fetch: fakeFetch().fetch });
    expect(factory).not.toHaveBeenCalled();
  });
});
