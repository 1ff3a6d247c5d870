const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export interface LocalParts {
  day: string;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

// Intl formatting costs ~10 µs and the server asks for the hall day several times per request:
// keep the parts of the last second asked for, per time zone.
const lastParts = new Map<string, { second: number; parts: LocalParts }>();

/** Local calendar parts of an instant in the hall's time zone. */
export function localParts(instantMs: number, timeZone: string): LocalParts {
  const second = Math.floor(instantMs / 1000);
  const cached = lastParts.get(timeZone);
  if (cached && cached.second === second) return cached.parts;
  const parts = computeLocalParts(instantMs, timeZone);
  lastParts.set(timeZone, { second, parts });
  return parts;
}

function computeLocalParts(instantMs: number, timeZone: string): LocalParts {
  const parts = formatterFor(timeZone).formatToParts(new Date(instantMs));
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  const day = `${get('year')}-${get('month')}-${get('day')}`;
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return { day, hour: Number(get('hour')), minute: Number(get('minute')), second: Number(get('second')), weekday };
}

/** The hall day (YYYY-MM-DD) an instant belongs to, in the hall's time zone (default Asia/Shanghai). */
export function hallDayOf(instantMs: number, timeZone: string): string {
  return localParts(instantMs, timeZone).day;
}

export const HALL_DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** Whether a string is a real calendar date in YYYY-MM-DD form. */
export function isHallDay(text: string): boolean {
  if (!HALL_DAY_PATTERN.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/** The next calendar day after a hall day. */
export function nextHallDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/** Day of the week of a hall day, 0 = Sunday. */
export function weekdayOf(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}
