import { localParts } from '@hall/shared';
import { sanitizeText, spreadLine, wrapToWidth } from './display-width';
import * as escpos from './escpos';
import type { PrintableTicket } from './types';

export type { PrintableTicket } from './types';

export interface TicketLayoutOptions {
  /** Font A columns: 48 on 80 mm paper (576 dots), 32 on 58 mm (384 dots). */
  columns?: number;
  /** GS ! multiplier for the ticket number, 1–8; default by paper width (defaultNumberScale). */
  numberScale?: number;
  /** QR module size in dots; 6 gives a ~25 mm code a phone reads from arm's length. */
  qrModuleSize?: number;
  /** Partial leaves a hinge so the ticket waits in the mouth instead of dropping to the floor. */
  cut?: escpos.CutMode;
  /** Motion units (~0.125 mm) fed past the cutter before cutting: a little white under the last line. */
  cutMargin?: number;
  /** The hall's clock; tickets always show local time, whatever the kiosk OS is set to. */
  timeZone?: string;
}

/** The longest number the hall issues: two prefix letters and five digits (shared/src/domain/ticket-number.ts). */
export const LONGEST_TICKET_NUMBER = 7;

/**
 * The number is what a visitor looks for on the ticket: 4× on 80 mm (96-dot digits, 12 to a line),
 * 3× on 58 mm (72-dot digits, 10 to a line), so the longest number still fits on one line.
 */
export function defaultNumberScale(columns: number): number {
  return columns >= 48 ? 4 : 3;
}

/** The largest number multiplier that keeps the longest number on one line. */
export function maxNumberScale(columns: number): number {
  return Math.max(1, Math.min(8, Math.floor(columns / LONGEST_TICKET_NUMBER)));
}

const DEFAULTS = {
  columns: 48,
  qrModuleSize: 6,
  cut: 'partial',
  cutMargin: 16,
  timeZone: 'Asia/Shanghai',
} as const satisfies Omit<Required<TicketLayoutOptions>, 'numberScale'>;

/** Lays a ticket out as ESC/POS bytes for a Chinese 58/80 mm thermal printer. Pure: same ticket, same bytes. */
export function encodeTicket(ticket: PrintableTicket, options: TicketLayoutOptions = {}): Buffer {
  const { columns, qrModuleSize, cut, cutMargin, timeZone } = { ...DEFAULTS, ...options };
  const numberScale = options.numberScale ?? defaultNumberScale(columns);
  // The 绿色通道 mark ranks below the number: half its size, never its equal.
  const markScale = Math.max(1, Math.floor(numberScale / 2));
  const rule = escpos.line('-'.repeat(columns));
  const lines = (value: string[]): Buffer => Buffer.concat(value.map((l) => escpos.line(l)));
  const wrapped = (value: string, width = columns): Buffer => lines(wrapToWidth(value, width));
  const parts: Buffer[] = [
    escpos.initialize(),
    escpos.align('center'),
    escpos.bold(true),
    wrapped(ticket.hallName),
    escpos.bold(false),
    wrapped(ticket.serviceName),
  ];
  if (ticket.priority === 'priority') {
    parts.push(escpos.textSize(markScale, markScale), escpos.reverse(true), escpos.text(' 绿色通道 '), escpos.reverse(false), escpos.line(''));
  }
  if (ticket.booking) {
    // 预约签到: the mark like the 绿色通道 one, and the booked slot at body size.
    const slot = `${formatIssuedAt(ticket.booking.slotStart, timeZone).slice(11, 16)}-${formatIssuedAt(ticket.booking.slotEnd, timeZone).slice(11, 16)}`;
    parts.push(escpos.textSize(markScale, markScale), escpos.reverse(true), escpos.text(' 预约 '), escpos.reverse(false), escpos.line(''),
      escpos.textSize(1, 1), wrapped(`预约时段 ${slot}`));
  }
  parts.push(
    escpos.textSize(numberScale, numberScale),
    wrapped(ticket.number, Math.max(2, Math.floor(columns / numberScale))),
    escpos.textSize(1, 1),
  );
  // Body size, bold: findable when rating, but never a second big number a visitor could take for theirs.
  if (ticket.checkCode) parts.push(escpos.bold(true), wrapped(`验证码 ${ticket.checkCode}`), escpos.bold(false));
  parts.push(
    escpos.align('left'),
    rule,
    lines(spreadLine('前面等候', `${ticket.waitingAhead} 人`, columns)),
    lines(spreadLine('预计等待', waitText(ticket), columns)),
    lines(spreadLine('取号时间', formatIssuedAt(ticket.issuedAt, timeZone), columns)),
    rule,
    escpos.align('center'),
    // Quiet zone: a phone needs four blank modules (24 dots) round the code; one blank line (~30 dots) gives them above it.
    escpos.line(''),
    escpos.qrCode(ticket.trackingUrl, qrModuleSize),
    escpos.line(''),
    escpos.line('微信扫码查看排队进度'),
    escpos.align('left'),
  );
  if (sanitizeText(ticket.ticketNotes).trim() !== '') parts.push(rule, wrapped(ticket.ticketNotes));
  parts.push(escpos.feedAndCut(cut, cutMargin), escpos.initialize());
  return Buffer.concat(parts);
}

function waitText(ticket: PrintableTicket): string {
  if (ticket.waitingAhead === 0) return '即将叫号';
  return `约 ${Math.max(1, Math.round(ticket.estimatedWaitMinutes))} 分钟`;
}

/**
 * "2026-03-02 09:05:07" in the hall's zone. An unparsable time prints as received rather than
 * failing the ticket: a visitor with a slightly wrong stamp is better off than one with none.
 */
export function formatIssuedAt(issuedAt: string, timeZone: string): string {
  const date = new Date(issuedAt);
  if (Number.isNaN(date.getTime())) return sanitizeText(issuedAt);
  const { day, hour, minute, second } = localParts(date.getTime(), timeZone);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${day} ${pad(hour)}:${pad(minute)}:${pad(second)}`;
}

