import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { encodeTicket, type PrintableTicket } from './ticket-layout';

const walkIn: PrintableTicket = {
  hallName: '中牟县公共法律服务中心', serviceName: '法律援助', number: 'A003', waitingAhead: 2, estimatedWaitMinutes: 10,
  issuedAt: '2026-12-02T01:15:00.000Z', trackingUrl: 'https://city.example.cn/t/AB12CD34', ticketNotes: '', priority: 'normal',
};
const gb = (text: string): Buffer => iconv.encode(text, 'gb18030');

describe('encodeTicket for a booking checked in (预约签到)', () => {
  it('prints the 预约 mark and the slot in the hall\'s time', () => {
    const printed = encodeTicket({ ...walkIn, booking: { slotStart: '2026-12-02T01:30:00.000Z', slotEnd: '2026-12-02T02:00:00.000Z' } });
    expect(printed.includes(gb(' 预约 '))).toBe(true);
    expect(printed.includes(gb('预约时段 09:30-10:00'))).toBe(true);
  });

  it('prints neither for a walk-in', () => {
    const printed = encodeTicket(walkIn);
    expect(printed.includes(gb('预约'))).toBe(false);
  });
});
