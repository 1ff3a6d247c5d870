import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { printedRows, readEscPos } from './testing/escpos-reader';
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
    expect([...ticket.subarray(cut + 4)]).toEqual([0x1b, 0x40, 0x1c, 0x26, 0x1b, 0x52, 0x0f]);
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

describe('encodeTicket: the paper a visitor holds', () => {
  const ticket = encodeTicket(sampleTicket);
  const priorityTicket: PrintableTicket = { ...sampleTicket, priority: 'priority', checkCode: '4071', ticketNotes: '请携带身份证原件。' };
  const rowsOf = (value: PrintableTicket, options: Parameters<typeof encodeTicket>[1] = {}) => printedRows(encodeTicket(value, options));

  it('is these bytes for a priority ticket with a check code on 80 mm paper', () => {
    const url = Buffer.from(sampleTicket.trackingUrl);
    const rule = gb(`${'-'.repeat(48)}\n`);
    const expected = Buffer.concat([
      bytes(0x1b, 0x40, 0x1c, 0x26, 0x1b, 0x52, 0x0f), // ESC @, FS & (Chinese mode), ESC R 15 (China)
      bytes(0x1b, 0x61, 0x01, 0x1b, 0x45, 0x01), gb('海淀区公共法律服务中心\n'), bytes(0x1b, 0x45, 0x00), gb('法律援助申请\n'),
      bytes(0x1d, 0x21, 0x11, 0x1d, 0x42, 0x01), gb(' 绿色通道 '), bytes(0x1d, 0x42, 0x00), gb('\n'), // 2×, reverse
      bytes(0x1d, 0x21, 0x33), gb('A012\n'), // 4×
      bytes(0x1d, 0x21, 0x00, 0x1b, 0x45, 0x01), gb('验证码 4071\n'), bytes(0x1b, 0x45, 0x00), // 1×, bold
      bytes(0x1b, 0x61, 0x00), rule,
      gb(`前面等候${' '.repeat(36)}3 人\n`),
      gb(`预计等待${' '.repeat(30)}约 15 分钟\n`),
      gb(`取号时间${' '.repeat(21)}2026-03-02 09:05:07\n`),
      rule,
      bytes(0x1b, 0x61, 0x01), gb('\n'), // quiet zone above the QR
      bytes(0x1d, 0x28, 0x6b, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00), // model 2
      bytes(0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x43, 0x06), // 6-dot modules
      bytes(0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x45, 0x31), // error level M
      bytes(0x1d, 0x28, 0x6b, url.length + 3, 0x00, 0x31, 0x50, 0x30), url,
      bytes(0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30), // print it
      gb('\n微信扫码查看排队进度\n'), bytes(0x1b, 0x61, 0x00),
      rule, gb('请携带身份证原件。\n'),
      bytes(0x1d, 0x56, 0x42, 0x10), // GS V 66 16: feed past the cutter, 16 units more, partial cut
      bytes(0x1b, 0x40, 0x1c, 0x26, 0x1b, 0x52, 0x0f),
    ]);
    const actual = encodeTicket(priorityTicket);
    expect(actual.toString('hex')).toBe(expected.toString('hex'));
  });

  it.each([
    // paper columns, number, digit height and line width in dots (font A 12×24 dots, 576 dots on 80 mm, 384 on 58 mm)
    [48, 'A012', 96, 4 * 4 * 12],
    [48, 'AB10000', 96, 7 * 4 * 12],
    [32, 'A012', 72, 4 * 3 * 12],
    [32, 'AB10000', 72, 7 * 3 * 12],
  ])('on %i columns prints %s %i dots tall, on one line %i dots wide', (columns, number, height, width) => {
    const rows = rowsOf({ ...sampleTicket, number }, { columns });
    const numberRows = rows.filter((row) => row.text.includes(number.slice(-3)));
    expect(numberRows).toEqual([expect.objectContaining({ text: number, heightDots: height, widthDots: width, align: 'center' })]);
    expect(width).toBeLessThanOrEqual(columns * 12);
    const after = rows.slice(rows.indexOf(numberRows[0]!) + 1);
    expect(after.every((row) => row.heightDots === 24)).toBe(true);
  });

  it('takes the number size from the kiosk setting when one is given', () => {
    const number = rowsOf(sampleTicket, { columns: 48, numberScale: 3 }).find((row) => row.text === 'A012');
    expect(number?.heightDots).toBe(72);
  });

  it.each([
    [48, 48, 96],
    [32, 24, 72],
  ])('on %i columns keeps the 绿色通道 mark (%i dots) below the number (%i dots)', (columns, markHeight, numberHeight) => {
    const rows = rowsOf({ ...sampleTicket, priority: 'priority' }, { columns });
    const mark = rows.find((row) => row.text.includes('绿色通道'));
    const number = rows.find((row) => row.text === 'A012');
    expect(mark).toMatchObject({ reverse: true, heightDots: markHeight });
    expect(number).toMatchObject({ reverse: false, heightDots: numberHeight });
    expect(rows.indexOf(mark!)).toBeLessThan(rows.indexOf(number!));
  });

  it.each([48, 32])('on %i columns prints the check code in bold body text on the line under the number', (columns) => {
    const rows = rowsOf({ ...sampleTicket, checkCode: '0385' }, { columns });
    const number = rows.findIndex((row) => row.text === 'A012');
    expect(rows[number + 1]).toEqual({ kind: 'row', text: '验证码 0385', heightDots: 24, widthDots: 11 * 12, bold: true, reverse: false, align: 'center' });
    expect(rows[number + 2]).toMatchObject({ text: '-'.repeat(columns), bold: false });
  });

  it.each([
    ['absent', undefined],
    ['null (a ticket issued before check codes)', null],
  ])('prints a ticket whose check code is %s without a check code line', (_name, checkCode) => {
    const rows = rowsOf({ ...sampleTicket, checkCode });
    const number = rows.findIndex((row) => row.text === 'A012');
    expect(rows[number + 1]?.text).toBe('-'.repeat(48));
    expect(rows.some((row) => row.text.includes('验证码'))).toBe(false);
  });

  it('leaves a blank line between the rule and the QR code (its quiet zone)', () => {
    const items = readEscPos(ticket);
    const qr = items.findIndex((item) => item.kind === 'qr');
    expect(items[qr]).toEqual({ kind: 'qr', data: sampleTicket.trackingUrl, moduleSize: 6 });
    expect(items[qr - 1]).toMatchObject({ kind: 'row', text: '' });
    expect(items[qr - 2]).toMatchObject({ kind: 'row', text: '-'.repeat(48) });
  });

  it('feeds to the cutter and cuts there (GS V 66 n) instead of a fixed line feed', () => {
    const items = readEscPos(ticket);
    expect(items.filter((item) => item.kind === 'cut')).toEqual([{ kind: 'cut', mode: 'partial', extraFeed: 16 }]);
    expect(items.at(-1)).toEqual({ kind: 'cut', mode: 'partial', extraFeed: 16 });
    expect(ticket.includes(bytes(0x1b, 0x64))).toBe(false);
    expect(encodeTicket(sampleTicket, { cut: 'full', cutMargin: 0 }).includes(bytes(0x1d, 0x56, 0x41, 0x00))).toBe(true);
  });
});
