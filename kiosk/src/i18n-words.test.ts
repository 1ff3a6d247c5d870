import { describe, expect, it } from 'vitest';
import errorsTable from '../../shared/src/i18n/errors.ts?raw';
import screensTable from '../../counter-display/src/lib/i18n.ts?raw';
import consoleTable from '../../counter-display/src/manage/i18n.ts?raw';
import kioskTable from './i18n.ts?raw';

/**
 * Issue 13.14: one word for one thing on every screen. The four i18n tables are read as text, so a
 * banned variant is caught wherever it sits (a comment aside, which the check strips).
 */
const TABLES = {
  'kiosk/src/i18n.ts': kioskTable,
  'counter-display/src/lib/i18n.ts': screensTable,
  'counter-display/src/manage/i18n.ts': consoleTable,
  'shared/src/i18n/errors.ts': errorsTable,
};

/** Each quoted string of a table, comments left out. */
function strings(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  return [...code.matchAll(/'((?:[^'\\]|\\.)*)'|`((?:[^`\\]|\\.)*)`/g)].map((m) => m[1] ?? m[2] ?? '');
}

// A finished ticket is 办结; calling a visitor is 叫号 (重呼 stays the recall key's name).
const BANNED = [
  { word: '办理完毕', use: '办结' },
  { word: '办理完成', use: '办结' },
  { word: '已办完', use: '已办结' },
  { word: '呼叫', use: '叫号' },
];

describe('one word for one thing across the screens', () => {
  it.each(Object.entries(TABLES))('%s uses none of the banned variants', (_file, source) => {
    const found = strings(source).flatMap((text) => BANNED.filter(({ word }) => text.includes(word)).map(({ word, use }) => `${text} (${word} → ${use})`));
    expect(found).toEqual([]);
  });

  it('a service that takes no numbers reads the same on the board, the console and the kiosk tiles', () => {
    const boardWord = (key: string) => new RegExp(`'board\\.${key}': \\{ zh: '([^']+)'`).exec(screensTable)?.[1];
    const consoleWord = (key: string) => new RegExp(`'?${key}'?: '([^']+)'`).exec(/serviceState: \{[^}]*\}/.exec(consoleTable)?.[0] ?? '')?.[1];
    const kioskWord = (key: string) => new RegExp(`${key}: \\{ zh: '([^']+)'`).exec(kioskTable)?.[1];
    const words = {
      closed: ['暂停', boardWord('serviceClosed'), consoleWord('closed'), kioskWord('closedPaused')],
      'quota-full': ['已取完', boardWord('quotaFull'), consoleWord('quota-full'), kioskWord('closedQuota')],
      'after-hours': ['停止取号', boardWord('afterHours'), consoleWord('after-hours'), kioskWord('closedAfterHours')],
      'not-yet-open': ['未开始', boardWord('notYetOpen'), consoleWord('not-yet-open'), kioskWord('closedNotYet')],
    };
    for (const [reason, [word, onBoard, onConsole, onKiosk]] of Object.entries(words)) {
      expect({ reason, onBoard, onConsole }).toEqual({ reason, onBoard: word, onConsole: word });
      // The kiosk tile leads with the same word and adds what the visitor should do (暂停 · 请咨询工作人员).
      expect(onKiosk?.split(' · ')[0], reason).toBe(word);
    }
  });
});
