import { localParts } from '@hall/shared';
import type { Lang } from '../i18n';

const WEEKDAYS_ZH = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];

/** Calendar parts in the hall's time zone, from the shared helper the server and board use too. */
function parts(date: Date, timeZone: string) {
  const { day, hour, minute, weekday } = localParts(date.getTime(), timeZone);
  const [year, month, dayOfMonth] = day.split('-').map(Number);
  const pad = (value: number) => String(value).padStart(2, '0');
  return { year, month, day: dayOfMonth, hour: pad(hour), minute: pad(minute), weekday };
}

/** The top band's date: 2026年11月30日 星期一, or Mon 30 Nov 2026. */
export function formatHallDate(date: Date, lang: Lang, timeZone = 'Asia/Shanghai'): string {
  const p = parts(date, timeZone);
  if (lang === 'zh') return `${p.year}年${p.month}月${p.day}日 ${WEEKDAYS_ZH[p.weekday] ?? ''}`;
  const month = new Intl.DateTimeFormat('en-GB', { timeZone, month: 'short' }).format(date);
  const weekday = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short' }).format(date);
  return `${weekday} ${p.day} ${month} ${p.year}`;
}

/** 24-hour clock, as halls and tickets show it. */
export function formatClock(date: Date, timeZone = 'Asia/Shanghai'): string {
  const p = parts(date, timeZone);
  return `${p.hour}:${p.minute}`;
}

/** hh:mm:ss for 更新于 on the phone page. */
export function formatClockSeconds(date: Date, timeZone = 'Asia/Shanghai'): string {
  const { second } = localParts(date.getTime(), timeZone);
  return `${formatClock(date, timeZone)}:${String(second).padStart(2, '0')}`;
}

/** "A012" read as 「A零一二号」: digits one by one, as the hall board calls them. */
export function spokenNumber(number: string): string {
  const digits = '零一二三四五六七八九';
  return `${number.replace(/\d/g, (d) => digits[Number(d)] ?? d)}号`;
}
