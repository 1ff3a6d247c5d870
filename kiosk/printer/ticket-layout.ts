import { localParts } from '@hall/shared';
import { sanitizeText, spreadLine, wrapToWidth } from './display-width';
import * as escpos from './escpos';
import type { PrintableTicket } from './types';

export type { PrintableTicket } from './types';

export interface TicketLayoutOptions {
  /** Font A columns: 48 on 80 mm paper (576 dots), 32 on 58 mm (384 dots). */
  columns?: number;
  /** GS ! multiplier for the ticket number, 1–8. */
  numberScale?: number;
  /** QR module size in dots; 6 gives a ~25 mm code a phone reads from arm's length. */
  qrModuleSize?: number;
  cut?: escpos.CutMode;
  /** Lines fed before the cut so the QR clears the blade (head-to-cutter distance is ~3–4 lines). */
  feedBeforeCut?: number;
  /** The hall's clock; tickets always show local time, whatever the kiosk OS is set to. */
  timeZone?: string;
}

const DEFAULTS: Required<TicketLayoutOptions> = {
  columns: 48,
  numberScale: 2,
  qrModuleSize: 6,
  cut: 'full',
  feedBeforeCut: 4,
  timeZone: 'Asia/Shanghai',
};

/** Lays a ticket out as ESC/POS bytes for a Chinese 58/80 mm thermal printer. Pure: same ticket, same bytes. */
export function encodeTicket(ticket: PrintableTicket, options: TicketLayoutOptions = {}): Buffer {
  const { columns, numberScale, qrModuleSize, cut, feedBeforeCut, timeZone } = { ...DEFAULTS, ...options };
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
    parts.push(escpos.textSize(2, 2), escpos.reverse(true), escpos.text(' 绿色通道 '), escpos.reverse(false), escpos.line(''));
  }
  parts.push(
    escpos.textSize(numberScale, numberScale),
    wrapped(ticket.number, Math.max(2, Math.floor(columns / numberScale))),
    escpos.textSize(1, 1),
    escpos.align('left'),
    rule,
    lines(spreadLine('前面等候', `${ticket.waitingAhead} 人`, columns)),
    lines(spreadLine('预计等待', waitText(ticket), columns)),
    lines(spreadLine('取号时间', formatIssuedAt(ticket.issuedAt, timeZone), columns)),
    rule,
    escpos.align('center'),
    escpos.qrCode(ticket.trackingUrl, qrModuleSize),
    escpos.line(''),
    escpos.line('微信扫码查看排队进度'),
    escpos.align('left'),
  );
  if (sanitizeText(ticket.ticketNotes).trim() !== '') parts.push(rule, wrapped(ticket.ticketNotes));
  parts.push(escpos.feed(feedBeforeCut), escpos.cut(cut), escpos.initialize());
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

