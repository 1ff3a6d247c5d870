import type { Lang } from '../i18n';

const WEEKDAYS_ZH = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];

function parts(date: Date, timeZone: string) {
  const fields = new Intl.DateTimeFormat('en-GB', {
    timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', weekday: 'short', hourCycle: 'h23',
  }).formatToParts(date);
  const get = (type: string) => fields.find((p) => p.type === type)?.value ?? '';
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(get('weekday'));
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), weekday };
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

/** "A012" read as 「A零一二号」: digits one by one, as the hall board calls them. */
export function spokenNumber(number: string): string {
  const digits = '零一二三四五六七八九';
  return `${number.replace(/\d/g, (d) => digits[Number(d)] ?? d)}号`;
}
