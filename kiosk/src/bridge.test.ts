import type { IssuedTicket, KioskBridge, PrintableTicket } from '@hall/shared';
import { describe, expect, it } from 'vitest';
import { printThrough } from './bridge';

const ticket: IssuedTicket = {
  id: 7, number: 'A012', serviceCode: 'A', priority: 'normal', waitingAhead: 3, estimatedWaitMinutes: 9,
  issuedAt: '2026-12-01T01:00:00.000Z', trackingCode: 'tracking-code-123', checkCode: '0482', hallName: '郑州市公共法律服务大厅',
  serviceName: '法律援助', ticketNotes: '请携带身份证', trackingUrl: 'http://hall.local/t/tracking-code-123',
};

describe('printThrough', () => {
  it('hands the printer the 验证码 with the number, and never the tracking code itself', async () => {
    const printed: PrintableTicket[] = [];
    const bridge = { print: async (t: PrintableTicket) => (printed.push(t), { ok: true as const }) } as unknown as KioskBridge;
    expect(await printThrough(bridge, ticket)).toEqual({ ok: true });
    expect(printed[0]).toMatchObject({ number: 'A012', checkCode: '0482', trackingUrl: 'http://hall.local/t/tracking-code-123' });
    expect(printed[0]).not.toHaveProperty('trackingCode');
  });

  it('hands the printer a checked-in booking\'s slot (预约签到), and nothing of the kind for a walk-in', async () => {
    const printed: PrintableTicket[] = [];
    const bridge = { print: async (t: PrintableTicket) => (printed.push(t), { ok: true as const }) } as unknown as KioskBridge;
    const booking = { slotStart: '2026-12-01T01:30:00.000Z', slotEnd: '2026-12-01T02:00:00.000Z' };
    await printThrough(bridge, { ...ticket, booking });
    await printThrough(bridge, ticket);
    expect(printed[0]!.booking).toEqual({ slotStart: '2026-12-01T01:30:00.000Z', slotEnd: '2026-12-01T02:00:00.000Z' });
    expect(printed[1]).not.toHaveProperty('booking');
  });
});
