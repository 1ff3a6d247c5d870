import { localParts } from '@hall/shared';
import { describe, expect, it } from 'vitest';
import { localHourOf } from './report-service';

describe('localHourOf', () => {
  it('is Intl\'s local hour at any instant, in zones with quarter- and half-hour offsets and DST', () => {
    // Seeded LCG so a failure repeats.
    let seed = 42;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const from = Date.parse('2026-01-01T00:00:00Z');
    const span = 366 * 86_400_000;
    for (const zone of ['Asia/Shanghai', 'Asia/Kathmandu', 'Asia/Kolkata', 'America/New_York', 'Australia/Lord_Howe', 'UTC']) {
      const hourOf = localHourOf(zone);
      const instants = Array.from({ length: 4000 }, () => from + Math.floor(random() * span));
      // Around New York's switch to summer time (2026-03-08 02:00 local = 07:00 UTC), minute by minute.
      for (let m = -90; m <= 90; m += 1) instants.push(Date.parse('2026-03-08T07:00:00Z') + m * 60_000);
      for (const ms of instants) expect(hourOf(ms), `${zone} ${new Date(ms).toISOString()}`).toBe(localParts(ms, zone).hour);
    }
    // Kathmandu is UTC+5:45: 03:14 UTC is 08:59 there, 03:15 UTC is 09:00.
    expect(localHourOf('Asia/Kathmandu')(Date.parse('2026-12-02T03:14:59Z'))).toBe(8);
    expect(localHourOf('Asia/Kathmandu')(Date.parse('2026-12-02T03:15:00Z'))).toBe(9);
  });
});
