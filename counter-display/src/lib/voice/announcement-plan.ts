import { DIGITS, LETTERS, clipText, type ClipName, type Digit, type Letter } from './clips';

/** What the hall board announces: a ticket number called to a counter. */
export interface AnnouncedCall {
  /** Ticket number as printed: letters then digits, e.g. "A012", "B1000". */
  number: string;
  /** Counter name from the hall config, e.g. "3号窗口", "服务窗口". */
  counterName: string;
  /** A repeated call for a visitor who did not come the first time. */
  recall?: boolean;
}

export interface PlanOptions {
  /** How many times the sentence is said after the chime; halls say it twice. */
  repeats?: number;
}

export const DEFAULT_REPEATS = 2;

// Counter names with a clip of their own; any other non-numbered name gets 'counter-generic'
// (指定窗口, "the designated counter"), which is true for every counter while the board shows which.
const NAMED_COUNTER_CLIPS: Readonly<Record<string, ClipName>> = {
  服务窗口: 'counter-service',
  综合窗口: 'counter-general',
};

// "3号窗口", "12 号窗口", "第3窗口", "3号", "3": all said "三号窗口". Built from a string because
// bundlers escape non-ASCII in strings but not in regex literals, and a script served without
// charset=utf-8 would then silently never match.
const NUMBERED_COUNTER = new RegExp('^第?(\\d+)号?(?:窗口|窗)?$');

const isDigit = (char: string): char is Digit => (DIGITS as readonly string[]).includes(char);
const isLetter = (char: string): char is Letter => (LETTERS as readonly string[]).includes(char);

// NFKC folds full-width input (Ａ０１２, ３号窗口) to ASCII; whitespace never changes the reading.
const normalise = (text: string): string => text.normalize('NFKC').replace(/\s+/g, '');

/** Ticket number → clips: each letter by name, each digit on its own (A012 = A 零一二, never 十二). */
export function ticketNumberClips(number: string): ClipName[] {
  const clips: ClipName[] = [];
  for (const char of normalise(number).toLowerCase()) {
    if (isDigit(char)) clips.push(`digit-${char}`);
    else if (isLetter(char)) clips.push(`letter-${char}`);
    // Anything else (a dash, a stray symbol) has no spoken form on a ticket; skip it.
  }
  if (clips.length === 0) throw new RangeError(`unreadable ticket number: "${number}"`);
  return clips;
}

/**
 * A counter number as Chinese says it: 3 → 三, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五.
 * Past 999 no hall has that many counters, so the digits are read one by one.
 */
export function naturalNumberClips(value: number): ClipName[] {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`not a counter number: ${value}`);
  const digit = (d: number): ClipName => `digit-${String(d) as Digit}`;
  if (value < 10) return [digit(value)];
  if (value < 20) return value === 10 ? ['ten'] : ['ten', digit(value - 10)];
  if (value < 100) {
    const units = value % 10;
    return units === 0 ? [digit(Math.floor(value / 10)), 'ten'] : [digit(Math.floor(value / 10)), 'ten', digit(units)];
  }
  if (value < 1000) {
    const rest = value % 100;
    const head: ClipName[] = [digit(Math.floor(value / 100)), 'hundred'];
    if (rest === 0) return head;
    // Inside a larger number 10–19 keep their 一: 一百一十二, not 一百十二.
    if (rest < 10) return [...head, 'digit-0', digit(rest)];
    const tens = naturalNumberClips(rest);
    return rest < 20 ? [...head, 'digit-1', ...tens] : [...head, ...tens];
  }
  return String(value)
    .split('')
    .map((char) => `digit-${char as Digit}` as const);
}

type CounterReading = { kind: 'numbered'; value: number } | { kind: 'named'; clip: ClipName; name: string };

function readCounter(counterName: string): CounterReading {
  const name = normalise(counterName);
  const numbered = NUMBERED_COUNTER.exec(name);
  if (numbered?.[1] !== undefined) return { kind: 'numbered', value: Number.parseInt(numbered[1], 10) };
  return { kind: 'named', clip: NAMED_COUNTER_CLIPS[name] ?? 'counter-generic', name: counterName.trim() };
}

/** Counter → clips after 到: "12号窗口" → 十二 号窗口; "服务窗口" → its own clip; others → 指定窗口. */
export function counterClips(counterName: string): ClipName[] {
  const counter = readCounter(counterName);
  return counter.kind === 'numbered' ? [...naturalNumberClips(counter.value), 'counter-suffix'] : [counter.clip];
}

/** How many times the sentence is said: the default for a missing or nonsense value, at least once. */
export function resolveRepeats(repeats: number | undefined): number {
  return repeats !== undefined && Number.isFinite(repeats) ? Math.max(1, Math.floor(repeats)) : DEFAULT_REPEATS;
}

/** The sentence once: "请 A零一二 号 到 三 号窗口 办理". Throws RangeError for an unreadable number. */
export function planSentence(call: AnnouncedCall): ClipName[] {
  return ['please', ...ticketNumberClips(call.number), 'ticket-suffix', 'go-to', ...counterClips(call.counterName), 'to-handle'];
}

/**
 * Ordered clip names for one announcement: chime, "再次呼叫" on a recall, then
 * "请 A零一二 号 到 三 号窗口 办理" `repeats` times (default twice) with a pause between.
 */
export function planAnnouncement(call: AnnouncedCall, options: PlanOptions = {}): ClipName[] {
  const repeats = resolveRepeats(options.repeats);
  const sentence = planSentence(call);
  const plan: ClipName[] = ['chime'];
  if (call.recall === true) plan.push('recall');
  for (let i = 0; i < repeats; i += 1) {
    if (i > 0) plan.push('pause');
    plan.push(...sentence);
  }
  return plan;
}

// Clip texts are the single source of the Chinese: captions say exactly what the clips say.
const textOf = (clips: readonly ClipName[]): string => clips.map(clipText).join('');

/**
 * The sentence said once, for captions and the speechSynthesis fallback: "请A零一二号，到三号窗口办理".
 * Ticket digits are written as Chinese digits because a zh-CN TTS reads "A012" as A十二.
 * A counter without its own clip keeps its real name here: a TTS can read it, a clip pack cannot.
 */
export function planText(call: AnnouncedCall): string {
  const ticket = textOf(ticketNumberClips(call.number));
  const counter = readCounter(call.counterName);
  const counterText = counter.kind === 'numbered' ? textOf(counterClips(call.counterName)) : counter.name;
  return `${call.recall === true ? '再次呼叫，' : ''}请${ticket}号，到${counterText}办理`;
}
