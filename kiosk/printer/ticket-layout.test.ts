import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { encodeTicket, formatIssuedAt, type PrintableTicket } from './ticket-layout';

const sampleTicket: PrintableTicket = {
  hallName: '海淀区公共法律服务中心',
  serviceName: '法律援助申请',
  number: 'A012',
  waitingAhead: 3,
  estimatedWaitMinutes: 15,
  issuedAt: '2026-03-02T01:05:07.000Z',
  trackingUrl: 'https://hall.example.cn/t/AB12CD34',
  ticketNotes: '请携带身份证原件、经济困难证明及案件相关材料。',
  priority: 'normal',
};

const gb = (text: string): Buffer => iconv.encode(text, 'gb18030');
const bytes = (...values: number[]): Buffer => Buffer.from(values);

function indexesOf(haystack: Buffer, needle: Buffer): number[] {
  const found: number[] = [];
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) found.push(at);
  return found;
}

describe('encodeTicket', () => {
  const ticket = encodeTicket(sampleTicket);

  it('carries hall, service, number and the Chinese labels in GB18030', () => {
    for (const text of [sampleTicket.hallName, sampleTicket.serviceName, 'A012', '前面等候', '3 人', '约 15 分钟']) {
      expect(ticket.includes(gb(text)), text).toBe(true);
    }
    expect(ticket.includes(Buffer.from('法律援助申请', 'utf8'))).toBe(false);
  });

  it('prints the issue time in Beijing time, not UTC', () => {
    expect(ticket.includes(gb('2026-03-02 09:05:07'))).toBe(true);
  });

  it('re-enters Chinese mode (FS &) right after every ESC @', () => {
    const resets = indexesOf(ticket, bytes(0x1b, 0x40));
    expect(resets.length).toBeGreaterThanOrEqual(2);
    for (const at of resets) expect([...ticket.subarray(at, at + 4)]).toEqual([0x1b, 0x40, 0x1c, 0x26]);
    expect(ticket.includes(bytes(0x1b, 0x52, 0x0f))).toBe(true);
  });

  it('prints the number double size and returns to normal size', () => {
    const big = ticket.indexOf(bytes(0x1d, 0x21, 0x11));
    const normal = ticket.indexOf(bytes(0x1d, 0x21, 0x00), big);
    expect(big).toBeGreaterThan(0);
    expect(ticket.indexOf(Buffer.from('A012\n'), big)).toBe(big + 3);
    expect(normal).toBeGreaterThan(big);
  });

  it('stores and prints the tracking URL as a native QR code', () => {
    const url = Buffer.from(sampleTicket.trackingUrl);
    const store = ticket.indexOf(bytes(0x1d, 0x28, 0x6b, url.length + 3, 0x00, 0x31, 0x50, 0x30));
    expect(store).toBeGreaterThan(0);
    expect(ticket.subarray(store + 8, store + 8 + url.length).equals(url)).toBe(true);
    expect(ticket.indexOf(bytes(0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30), store)).toBeGreaterThan(store);
  });

  it('prints the service notes and ends with a cut followed by a reset into Chinese mode', () => {
    expect(ticket.includes(gb('请携带身份证原件'))).toBe(true);
    const cut = ticket.lastIndexOf(bytes(0x1d, 0x56));
    expect(cut).toBeGreaterThan(ticket.indexOf(gb('案件相关材料')));
    expect([...ticket.subarray(cut + 3)]).toEqual([0x1b, 0x40, 0x1c, 0x26, 0x1b, 0x52, 0x0f]);
  });

  it('marks only priority tickets 绿色通道, in reverse print', () => {
    expect(ticket.includes(gb('绿色通道'))).toBe(false);
    const priority = encodeTicket({ ...sampleTicket, priority: 'priority' });
    const mark = priority.indexOf(gb('绿色通道'));
    expect(mark).toBeGreaterThan(0);
    expect(priority.lastIndexOf(bytes(0x1d, 0x42, 0x01), mark)).toBeGreaterThan(0);
  });

  it('encodes rare characters outside GBK through GB18030 four-byte sequences', () => {
    const rare = encodeTicket({ ...sampleTicket, hallName: '䶮𠀀调解室' });
    expect(rare.includes(bytes(0x95, 0x32, 0x82, 0x36))).toBe(true);
    expect(rare.includes(gb('䶮'))).toBe(true);
    const [hallLine] = iconv.decode(rare, 'gb18030').split('\n');
    expect(hallLine).toContain('䶮𠀀调解室');
  });

  it('aligns rows by display width on 58 mm paper', () => {
    const narrow = iconv.decode(encodeTicket(sampleTicket, { columns: 32 }), 'gb18030');
    const row = narrow.split('\n').find((l) => l.startsWith('前面等候'));
    expect(row).toBe(`前面等候${' '.repeat(32 - 8 - 4)}3 人`);
  });

  it('says the number is up next instead of a wait when nobody is ahead', () => {
    expect(encodeTicket({ ...sampleTicket, waitingAhead: 0 }).includes(gb('即将叫号'))).toBe(true);
  });

  it('cannot be steered by control bytes in server text', () => {
    const hostile = encodeTicket({ ...sampleTicket, ticketNotes: 'x\x1d\x56\x00y' });
    expect(indexesOf(hostile, bytes(0x1d, 0x56))).toHaveLength(1);
  });

  it('is deterministic', () => {
    expect(encodeTicket(sampleTicket).equals(ticket)).toBe(true);
  });
});

describe('formatIssuedAt', () => {
  it.each([
    ['2026-03-02T01:05:07.000Z', 'Asia/Shanghai', '2026-03-02 09:05:07'],
    ['2026-03-01T16:00:00Z', 'Asia/Shanghai', '2026-03-02 00:00:00'],
    ['2026-03-02T09:05:07+08:00', 'Asia/Shanghai', '2026-03-02 09:05:07'],
    ['not a time', 'Asia/Shanghai', 'not a time'],
  ])('%s in %s is %s', (iso, zone, expected) => {
    expect(formatIssuedAt(iso, zone)).toBe(expected);
  });
});
