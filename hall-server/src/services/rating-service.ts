import { BAD_RATING_MAX_SCORE, hallDayOf, type FollowUp, type RatingBody } from '@hall/shared';
import { addWorkingDays, workingDaysLeft, workingDaysLeftFrom, type HallCalendar } from '../queue/working-days';
import type { FollowUpRow } from '../repos/ratings-repo';
import type { StoredTicket } from '../repos/tickets-repo';
import { CHECK_CODE_LIMITS, createCheckCodeGuard, type CheckCodeLimits } from './check-code';
import type { Actor, HallContext } from './context';
import { hallSettings } from './context';
import { HallError } from './errors';
import type { HallViews } from './hall-views';

/** How the rating reached us: decides which proof the caller must show. */
export type RatingChannel =
  | { kind: 'device'; deviceKind: 'kiosk' | 'pad'; deviceId: number; counterId: number | null }
  | { kind: 'phone' };

export type RatingService = ReturnType<typeof createRatingService>;

/** 好差评: one voluntary rating per served ticket; 1–2 opens a follow-up with a working-day deadline. */
export function createRatingService(ctx: HallContext, views: HallViews, checkCodeLimits: CheckCodeLimits = CHECK_CODE_LIMITS) {
  const guard = createCheckCodeGuard(checkCodeLimits);

  /** The 验证码 typed at a kiosk: wrong codes are counted per ticket and per kiosk, then refused outright. */
  function verifyCheckCode(ticket: StoredTicket, given: string, kioskId: number) {
    const verdict = guard.check(ticket.id, ticket.checkCode, given, kioskId, ctx.clock());
    if (verdict === 'wrong') throw new HallError('wrong-check-code', `the check code does not match ticket ${ticket.number}`, 403);
    if (verdict === 'ticket-locked') {
      throw new HallError('check-code-locked', `${checkCodeLimits.perTicket} wrong check codes for ${ticket.number}: rate it with its QR code or on the phone`, 429);
    }
    if (verdict === 'kiosk-locked') throw new HallError('check-code-locked', `${checkCodeLimits.perKiosk} wrong check codes at this kiosk; try again later`, 429);
  }

  /** A kiosk proves the visitor holds the ticket: the scanned QR (trackingCode) or the 验证码 beside the number. */
  function requireKioskProof(ticket: StoredTicket, body: RatingBody, kioskId: number) {
    if (body.trackingCode !== undefined) {
      if (body.trackingCode !== ticket.trackingCode) throw new HallError('forbidden', 'the trackingCode does not match this ticket', 403);
      return;
    }
    if (body.checkCode === undefined) throw new HallError('check-code-required', 'a kiosk rating needs the ticket\u2019s checkCode or trackingCode', 403);
    verifyCheckCode(ticket, body.checkCode, kioskId);
  }

  function calendar(): HallCalendar {
    const days = ctx.ratings.holidays();
    return {
      holidays: new Set(days.filter((d) => d.kind === 'holiday').map((d) => d.day)),
      workdays: new Set(days.filter((d) => d.kind === 'workday').map((d) => d.day)),
    };
  }

  function followUpDto(row: FollowUpRow, hallCalendar: HallCalendar = calendar(), leftOf?: (dueDay: string) => number): FollowUp {
    const today = hallDayOf(ctx.clock(), ctx.timeZone);
    return {
      id: row.id, ratingId: row.rating_id, ticketId: row.ticket_id, ticketNumber: row.number, hallDay: row.hall_day,
      serviceCode: row.service_code, counterName: row.counter_name, staffName: row.staff_name, score: row.score,
      comment: row.comment, contactPhone: row.contact_phone, openedAt: new Date(row.opened_at).toISOString(), dueDay: row.due_day,
      overdue: row.closed_at === null && today > row.due_day,
      workingDaysLeft: row.closed_at === null ? (leftOf ? leftOf(row.due_day) : workingDaysLeft(today, row.due_day, hallCalendar)) : null,
      closedAt: row.closed_at === null ? null : new Date(row.closed_at).toISOString(), closedBy: row.closed_by_name, outcome: row.outcome,
    };
  }

  return {
    calendar,
    followUpDto,
    verifyCheckCode,

    /** Stores a rating; the caller's channel must match the ticket (its pad, a kiosk with the code or QR, or its tracking code). */
    rate(ticketId: number, body: RatingBody, channel: RatingChannel) {
      const result = ctx.db.transaction(() => {
        const ticket = ctx.tickets.get(ticketId);
        if (!ticket) throw new HallError('not-found', `ticket ${ticketId} does not exist`);
        if (channel.kind === 'phone' && body.trackingCode !== ticket.trackingCode) {
          throw new HallError('forbidden', 'the trackingCode does not match this ticket', 403);
        }
        if (channel.kind === 'device' && channel.deviceKind === 'pad' && channel.counterId !== ticket.counterId) {
          throw new HallError('forbidden', 'a rating pad rates only tickets finished at its own counter', 403);
        }
        if (ctx.ratings.byTicket(ticketId)) throw new HallError('already-rated', `ticket ${ticket.number} has already been rated`);
        if (!views.canRate(ticket)) throw new HallError('not-rateable', `ticket ${ticket.number} is ${ticket.state}; only tickets served today can be rated`);
        // After the state checks: a guess at a ticket that cannot be rated anyway costs no attempt.
        if (channel.kind === 'device' && channel.deviceKind === 'kiosk') requireKioskProof(ticket, body, channel.deviceId);
        const now = ctx.clock();
        const ratingId = ctx.ratings.insert({
          ticketId, score: body.score, attitude: body.attitude ?? null, efficiency: body.efficiency ?? null,
          policy: body.policy ?? null, competence: body.competence ?? null, comment: body.comment?.trim() || null,
          source: channel.kind === 'phone' ? 'phone' : channel.deviceKind, deviceId: channel.kind === 'device' ? channel.deviceId : null,
          counterId: ticket.counterId, staffId: ticket.staffId, createdAt: now, contactPhone: body.contactPhone ?? null,
        });
        let followUpId: number | null = null;
        if (body.score <= BAD_RATING_MAX_SCORE) {
          const dueDay = addWorkingDays(hallDayOf(now, ctx.timeZone), hallSettings(ctx).followUpWorkingDays, calendar());
          followUpId = ctx.ratings.openFollowUp(ratingId, now, dueDay);
        }
        return { ratingId, followUpId, counterId: ticket.counterId };
      }).immediate();
      ctx.events.publish('rating:created', { ticketId, counterId: result.counterId, score: body.score, followUpId: result.followUpId });
      ctx.events.ticketsChanged();
      return { id: result.ratingId, ticketId, score: body.score, followUpId: result.followUpId };
    },

    /** 申诉复核: takes a rating out of the statistics with a reason; audited, never deleted. */
    exclude(ratingId: number, reason: string, actor: Actor) {
      ctx.db.transaction(() => {
        const rating = ctx.ratings.get(ratingId);
        if (!rating) throw new HallError('not-found', `rating ${ratingId} does not exist`);
        if (!ctx.ratings.exclude(ratingId, actor.userId!, reason, ctx.clock())) throw new HallError('already-excluded', `rating ${ratingId} is already excluded`);
        ctx.ratings.audit(ctx.clock(), actor.userId, 'rating.exclude', { ratingId, ticketId: rating.ticketId, score: rating.score, reason });
      }).immediate();
      return ctx.ratings.get(ratingId)!;
    },

    /** Open follow-ups (overdue first) and the latest `closedLimit` closed ones. */
    followUps: (closedLimit = 200) => {
      const hallCalendar = calendar();
      const rows = ctx.ratings.followUps(closedLimit);
      const open = rows.filter((row) => row.closed_at === null).map((row) => row.due_day);
      const leftOf = workingDaysLeftFrom(hallDayOf(ctx.clock(), ctx.timeZone), hallCalendar, open);
      return rows.map((row) => followUpDto(row, hallCalendar, leftOf));
    },

    close(followUpId: number, outcome: string, actor: Actor): FollowUp {
      ctx.db.transaction(() => {
        const existing = ctx.ratings.followUp(followUpId);
        if (!existing) throw new HallError('not-found', `follow-up ${followUpId} does not exist`);
        if (!ctx.ratings.closeFollowUp(followUpId, actor.userId!, outcome, ctx.clock())) throw new HallError('already-closed', `follow-up ${followUpId} is already closed`);
        ctx.ratings.audit(ctx.clock(), actor.userId, 'follow-up.close', { followUpId, outcome });
      }).immediate();
      return followUpDto(ctx.ratings.followUp(followUpId)!);
    },
  };
}
