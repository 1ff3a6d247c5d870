import { describe, expect, it } from 'vitest';
import { printableTicketSchema } from './printable-ticket';

const ticket = {
  hallName: '测试大厅', serviceName: '法律咨询', number: 'A001', waitingAhead: 0, estimatedWaitMinutes: 0,
  issuedAt: '2026-03-02T01:00:00Z', trackingUrl: 'http://hall.test/t/X1', ticketNotes: '', priority: 'normal',
};

describe('printableTicketSchema', () => {
  it.each([
    ['four digits', { checkCode: '0385' }, '0385'],
    ['no check code (a kiosk page from before check codes)', {}, undefined],
    ['null (a ticket issued before check codes)', { checkCode: null }, null],
  ])('keeps the check code when it is %s', (_name, extra, expected) => {
    const parsed = printableTicketSchema.parse({ ...ticket, ...extra });
    expect(parsed.checkCode).toBe(expected);
  });

  it.each(['038', '03851', '03a5', ' 0385'])('refuses check code %j', (checkCode) => {
    expect(printableTicketSchema.safeParse({ ...ticket, checkCode }).success).toBe(false);
  });

  it('drops fields the printer has no use for', () => {
    expect(printableTicketSchema.parse({ ...ticket, trackingCode: 'secret', id: 7 })).not.toHaveProperty('trackingCode');
  });
});
