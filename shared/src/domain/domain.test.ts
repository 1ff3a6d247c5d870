import { describe, expect, it } from 'vitest';
import { hallProfile } from './catalogue';
import { HALL_LEVELS } from './enums';
import { hallDayOf, isHallDay, nextHallDay } from './hall-day';
import { formatTicketNumber, parseTicketNumber } from './ticket-number';

describe('formatTicketNumber', () => {
  it.each([
    ['A', 1, 'A001'],
    ['A', 12, 'A012'],
    ['B', 999, 'B999'],
    ['B', 1000, 'B1000'],
  ])('%s + %i → %s', (prefix, sequence, expected) => {
    expect(formatTicketNumber(prefix, sequence)).toBe(expected);
  });
});

describe('parseTicketNumber', () => {
  it.each([
    ['A012', { prefix: 'A', sequence: 12 }],
    [' a012 ', { prefix: 'A', sequence: 12 }],
    ['B1000', { prefix: 'B', sequence: 1000 }],
    ['12', null],
    ['A1', null],
    ['A01x', null],
  ])('%s', (text, expected) => {
    expect(parseTicketNumber(text)).toEqual(expected);
  });
});

describe('hall day', () => {
  it.each([
    // 15:59:59 UTC is 23:59:59 in Shanghai, 16:00 UTC is the next hall day.
    [Date.UTC(2026, 10, 30, 15, 59, 59), 'Asia/Shanghai', '2026-11-30'],
    [Date.UTC(2026, 10, 30, 16, 0, 0), 'Asia/Shanghai', '2026-12-01'],
    [Date.UTC(2026, 10, 30, 16, 0, 0), 'UTC', '2026-11-30'],
    [Date.UTC(2026, 11, 31, 20, 0, 0), 'Asia/Urumqi', '2027-01-01'],
  ])('%i in %s → %s', (instant, timeZone, expected) => {
    expect(hallDayOf(instant, timeZone)).toBe(expected);
  });

  it.each([
    ['2026-11-30', true],
    ['2026-02-29', false],
    ['2028-02-29', true],
    ['2026-13-01', false],
    ['20261130', false],
  ])('isHallDay(%s) → %s', (text, expected) => {
    expect(isHallDay(text)).toBe(expected);
  });

  it('nextHallDay crosses months and years', () => {
    expect(nextHallDay('2026-12-31')).toBe('2027-01-01');
  });
});

describe('hall profiles', () => {
  it.each([
    ['city', ['A', 'B', 'C', 'D', 'E', 'F'], 6],
    ['county', ['A', 'C', 'B', 'F'], 3],
    ['township', ['C', 'F', 'A'], 2],
    ['village', ['F', 'C'], 1],
  ] as const)('%s hall: services %j on %i counters', (level, services, counters) => {
    const profile = hallProfile(level);
    expect(profile.services.map((s) => s.code)).toEqual(services);
    expect(profile.counters).toHaveLength(counters);
  });

  it('every counter serves only services of its profile, and every service has a counter', () => {
    for (const level of HALL_LEVELS) {
      const profile = hallProfile(level);
      const codes = new Set(profile.services.map((s) => s.code));
      for (const counter of profile.counters) for (const code of counter.services) expect(codes.has(code)).toBe(true);
      for (const code of codes) expect(profile.counters.some((c) => c.services.includes(code))).toBe(true);
    }
  });
});
