import { bookingQrContent, SERVICE_CATALOGUE } from '@hall/shared';
import type { FastifyInstance } from 'fastify';
import QRCode from 'qrcode';
import { z } from 'zod';
import type { BookingService } from '../bookings/bookings-service';
import { parse } from './app';

const pageParams = z.object({ code: z.string().regex(/^\d{6}$/, 'a 6-digit booking code') });
const pageQuery = z.object({ hall: z.coerce.number().int().min(1).max(2 ** 31 - 1).optional() });

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const serviceName = (code: string) => SERVICE_CATALOGUE.find((s) => s.code === code)?.nameZh ?? code;
const STATE: Record<string, string> = { booked: '预约成功', cancelled: '已取消', checked_in: '已签到', no_show: '已过期未到' };

function slotText(startIso: string, endIso: string): string {
  // The ISO times carry the hall's offset: their wall-clock digits are the hall's local time.
  return `${startIso.slice(0, 10)} ${startIso.slice(11, 16)}–${endIso.slice(11, 16)}`;
}

const STYLE = `body{font-family:system-ui,"Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif;margin:0;background:#f4f6f8;color:#1d2733}
main{max-width:26rem;margin:0 auto;padding:1rem}
.card{background:#fff;border-radius:12px;padding:1.25rem;margin-bottom:1rem;box-shadow:0 1px 3px rgba(0,0,0,.08);text-align:center}
h1{font-size:1.3rem;margin:.2rem 0 .8rem}.code{font-size:2.6rem;font-weight:700;letter-spacing:.2em;margin:.4rem 0}
.slot{font-size:1.3rem;font-weight:600;margin:.4rem 0}.muted{color:#5b6878;font-size:.95rem}.state{font-size:1.1rem;color:#12703a;font-weight:600}
.cancelled{color:#b42318}svg{width:220px;height:220px}ol{text-align:left;padding-left:1.2rem;line-height:1.7}`;

/**
 * The phone-sized booking confirmation `/b/<code>?hall=<id>` the 12348 web links to: hall, service,
 * slot, the 6-digit code and its QR for the kiosk's scanner. Shows the name masked only.
 */
export function registerBookingPage(app: FastifyInstance, bookings: BookingService) {
  app.get('/b/:code', async (request, reply) => {
    const { code } = parse(pageParams, request.params);
    const { hall } = parse(pageQuery, request.query);
    const found = await bookings.byCode(code, hall ?? null);
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
    if (found.length === 0) {
      return reply.code(404).send(page('未找到预约', '<div class="card"><h1>未找到该预约</h1><p class="muted">预约码有误，或预约时段已过。如有疑问请拨打 12348。</p></div>'));
    }
    const cards = await Promise.all(found.map(async (b) => {
      const qr = await QRCode.toString(bookingQrContent(b.hallId, b.code), { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
      return `<div class="card"><div class="state${b.state === 'cancelled' ? ' cancelled' : ''}">${STATE[b.state] ?? b.state}</div>
<h1>${escapeHtml(b.hallName)}</h1><div class="muted">${escapeHtml(serviceName(b.serviceCode))} · ${escapeHtml(b.maskedName)}</div>
<div class="slot">${slotText(b.slotStart, b.slotEnd)}</div><div class="muted">预约码</div><div class="code">${b.code}</div>
${b.state === 'booked' ? qr : ''}</div>
${b.state === 'booked' ? `<div class="card"><ol><li>请在预约时段开始前 60 分钟内到达大厅</li><li>在取号机点“预约签到”，输入预约码或扫描上方二维码</li><li>时段开始 20 分钟后未签到视为爽约，请改为普通取号</li></ol></div>` : ''}`;
    }));
    return reply.send(page('预约确认', cards.join('\n')));
  });
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}
