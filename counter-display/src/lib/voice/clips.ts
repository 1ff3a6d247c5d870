/**
 * Every clip the hall board can speak: its file name (without `.wav`), the Chinese it says, and
 * how the default pack makes it. Single source of truth for the announcement plan, the pack
 * generator (scripts/make-voice-pack.ts) and the pack-completeness test.
 */

export const LETTERS = [
  'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm',
  'n', 'o', 'p', 'q', 'r', 's', 't', 'u', 'v', 'w', 'x', 'y', 'z',
] as const;
export type Letter = (typeof LETTERS)[number];

export const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;
export type Digit = (typeof DIGITS)[number];

export type ClipName =
  | 'chime'
  | 'pause'
  | 'recall'
  | 'please'
  | 'ticket-suffix'
  | 'go-to'
  | 'counter-suffix'
  | 'to-handle'
  | 'ten'
  | 'hundred'
  | 'counter-service'
  | 'counter-general'
  | 'counter-generic'
  | `digit-${Digit}`
  | `letter-${Letter}`;

/** How the default pack produces a clip; a hall's recorded file with the same name replaces it. */
export type ClipSource =
  /** espeak-ng voice cmn-latn-pinyin fed tone-numbered pinyin: plain `cmn` misreads many characters. */
  | { kind: 'pinyin'; pinyin: string }
  /** Halls say ticket letters the English way ("A" = "ei"), so letters use an English voice. */
  | { kind: 'english'; word: string }
  | { kind: 'chime' }
  | { kind: 'silence'; seconds: number };

export interface Clip {
  name: ClipName;
  /** What the clip says, in Chinese (or the letter itself); '' for chime and silence. */
  text: string;
  source: ClipSource;
}

// 一 is read yī, not yāo: tickets are read like 零一二 in halls, not like phone numbers.
const DIGIT_READINGS: Record<Digit, { text: string; pinyin: string }> = {
  '0': { text: '零', pinyin: 'ling2' },
  '1': { text: '一', pinyin: 'yi1' },
  '2': { text: '二', pinyin: 'er4' },
  '3': { text: '三', pinyin: 'san1' },
  '4': { text: '四', pinyin: 'si4' },
  '5': { text: '五', pinyin: 'wu3' },
  '6': { text: '六', pinyin: 'liu4' },
  '7': { text: '七', pinyin: 'qi1' },
  '8': { text: '八', pinyin: 'ba1' },
  '9': { text: '九', pinyin: 'jiu3' },
};

const pinyin = (name: ClipName, text: string, reading: string): Clip => ({
  name,
  text,
  source: { kind: 'pinyin', pinyin: reading },
});

export const CLIPS: readonly Clip[] = [
  { name: 'chime', text: '', source: { kind: 'chime' } },
  // Gap between the repeated sentences so the second one is heard as a repeat, not a run-on.
  { name: 'pause', text: '', source: { kind: 'silence', seconds: 0.6 } },
  pinyin('recall', '再次呼叫', 'zai4 ci4 hu1 jiao4'),
  pinyin('please', '请', 'qing3'),
  pinyin('ticket-suffix', '号', 'hao4'),
  pinyin('go-to', '到', 'dao4'),
  pinyin('counter-suffix', '号窗口', 'hao4 chuang1 kou3'),
  pinyin('to-handle', '办理', 'ban4 li3'),
  ...DIGITS.map((digit) => pinyin(`digit-${digit}`, DIGIT_READINGS[digit].text, DIGIT_READINGS[digit].pinyin)),
  pinyin('ten', '十', 'shi2'),
  pinyin('hundred', '百', 'bai3'),
  pinyin('counter-service', '服务窗口', 'fu2 wu4 chuang1 kou3'),
  pinyin('counter-general', '综合窗口', 'zong1 he2 chuang1 kou3'),
  // Said for any counter name we have no clip for: true for every counter, and the board shows which.
  pinyin('counter-generic', '指定窗口', 'zhi3 ding4 chuang1 kou3'),
  ...LETTERS.map((letter): Clip => ({
    name: `letter-${letter}`,
    text: letter.toUpperCase(),
    source: { kind: 'english', word: letter.toUpperCase() },
  })),
];

const CLIPS_BY_NAME: ReadonlyMap<string, Clip> = new Map(CLIPS.map((clip) => [clip.name, clip]));

/** The clip with this name, or undefined when the name is not part of the pack. */
export function findClip(name: string): Clip | undefined {
  return CLIPS_BY_NAME.get(name);
}

/** The Chinese a clip says ('' for chime, silence and unknown names). */
export function clipText(name: string): string {
  return CLIPS_BY_NAME.get(name)?.text ?? '';
}
