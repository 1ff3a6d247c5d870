import {
  hallDayOf, localParts, type CounterQueue, type IssuedTicket, type Priority, type QueueSnapshot, type ServiceView,
  type SnapshotCounter, type Ticket, type TicketLookup, type TrackView,
} from '@hall/shared';
import { orderForCounter } from '../queue/call-policy';
import { isCurrent, type QueueTicket } from '../queue/ticket-machine';
import { estimateWaitMinutes, smoothServiceSeconds } from '../queue/wait-estimate';
import type { ServiceRecord } from '../repos/hall-repo';
import type { StoredTicket } from '../repos/tickets-repo';
import type { HallContext } from './context';
import { hallSettings } from './context';
import { createHallBookingsRepo } from '../bookings/bookings-repo';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const RECENT_CALLS = 8;
const SERVICE_TIME_SAMPLES = 20;

export type ClosedReason = ServiceView['closedReason'];
export type HallViews = ReturnType<typeof createHallViews>;

/** Read models of the hall: what screens, kiosks and phones are shown. No writes. */
export function createHallViews(ctx: HallContext) {
  const serviceSecondsCache = new Map<string, number>();
  const today = () => hallDayOf(ctx.clock(), ctx.timeZone);

  function serviceSeconds(code: string): number {
    let seconds = serviceSecondsCache.get(code);
    if (seconds === undefined) {
      seconds = smoothServiceSeconds(ctx.tickets.recentServiceSeconds(code, SERVICE_TIME_SAMPLES));
      serviceSecondsCache.set(code, seconds);
    }
    return seconds;
  }

  function countersServing(code: string): number {
    return ctx.hall.counters().filter((counter) => counter.state === 'open' && counter.services.includes(code)).length;
  }

  function availability(service: ServiceRecord, hallDay: string, now: number, issuedToday?: number): ClosedReason {
    if (!service.isOpen) return 'closed';
    const issued = issuedToday ?? ctx.tickets.issuedCount(hallDay, service.code);
    if (service.dailyQuota !== null && issued >= service.dailyQuota) return 'quota-full';
    if (hallSettings(ctx).enforceOpeningHours) {
      const { hour, minute } = localParts(now, ctx.timeZone);
      const clock = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
      if (clock < service.opensAt) return 'not-yet-open';
      if (clock >= service.closesAt) return 'after-hours';
    }
    return null;
  }

  /** Waiting count per service and, separately, in the priority lane. */
  function waitingCounts(hallDay: string): { total: Map<string, number>; priority: Map<string, number> } {
    const total = new Map<string, number>();
    const priority = new Map<string, number>();
    for (const row of ctx.tickets.waitingCounts(hallDay)) {
      total.set(row.code, (total.get(row.code) ?? 0) + row.n);
      if (row.priority === 'priority') priority.set(row.code, row.n);
    }
    return { total, priority };
  }

  function estimateFor(code: string, ahead: number): number {
    return estimateWaitMinutes(ahead, countersServing(code), serviceSeconds(code));
  }

  function serviceViews(): ServiceView[] {
    const now = ctx.clock();
    const hallDay = hallDayOf(now, ctx.timeZone);
    const waiting = waitingCounts(hallDay).total;
    const issuedCounts = ctx.tickets.issuedCounts(hallDay);
    return ctx.hall.services().map((service) => {
      const count = waiting.get(service.code) ?? 0;
      const issuedToday = issuedCounts.get(service.code) ?? 0;
      const closedReason = availability(service, hallDay, now, issuedToday);
      return {
        code: service.code, prefix: service.prefix, name: service.nameZh, nameEn: service.nameEn,
        description: service.descriptionZh, descriptionEn: service.descriptionEn, waiting: count,
        estimatedWaitMinutes: estimateFor(service.code, count), open: closedReason === null, closedReason,
        opensAt: service.opensAt, closesAt: service.closesAt, targetWaitMinutes: service.targetWaitMinutes,
        warnQueueLength: service.warnQueueLength, dailyQuota: service.dailyQuota, issuedToday, ticketNotes: service.ticketNotes,
      };
    });
  }

  function snapshotServices() {
    return serviceViews().map(({ code, name, nameEn, waiting, estimatedWaitMinutes, open, closedReason }) => ({
      code, name, nameEn, waiting, estimatedWaitMinutes, open, closedReason,
    }));
  }

  const bookings = createHallBookingsRepo(ctx.db);
  /** `{ bookedSlot }` for a ticket checked in from a booking (issue 12), else nothing. */
  const bookedSlotOf = (ticketId: number, hallDay: string) => {
    const slotStart = bookings.slotStartOfTicket(ticketId, hallDay);
    return slotStart === null ? {} : { bookedSlot: new Date(slotStart).toISOString() };
  };

  function snapshotCounter(counterId: number): SnapshotCounter | null {
    const counter = ctx.hall.counter(counterId);
    if (!counter) return null;
    const current = ctx.tickets.currentOfCounter(counterId);
    const staff = counter.staffId === null ? null : ctx.people.user(counter.staffId);
    return {
      id: counter.id, name: counter.name, state: counter.state, services: counter.services,
      current: current
        ? { id: current.id, number: current.number, serviceCode: current.serviceCode, state: current.state, priority: current.priority, calledAt: iso(current.calledAt), startedAt: iso(current.startedAt), ...bookedSlotOf(current.id, current.hallDay) }
        : null,
      staff: staff ? { id: staff.id, displayName: staff.displayName, staffNo: staff.staffNo } : null,
    };
  }

  function ticketDto(ticket: QueueTicket): Ticket {
    return {
      id: ticket.id, hallDay: ticket.hallDay, number: ticket.number, serviceCode: ticket.serviceCode,
      originalServiceCode: ticket.originalServiceCode, priority: ticket.priority, state: ticket.state,
      issuedAt: new Date(ticket.issuedAt).toISOString(), calledAt: iso(ticket.calledAt), startedAt: iso(ticket.startedAt),
      finishedAt: iso(ticket.finishedAt), counterId: ticket.counterId, staffId: ticket.staffId, recallCount: ticket.recallCount,
      outcome: ticket.outcome, note: ticket.note, rated: ticket.state === 'done' && ctx.ratings.byTicket(ticket.id) !== null,
    };
  }

  function aheadOf(ticket: QueueTicket): number {
    return ticket.state === 'waiting' ? ctx.tickets.countAhead(ticket) : 0;
  }

  /** Who served the ticket, for 您正在评价：1号窗口 张伟 (工号 0103). */
  function servedBy(ticket: QueueTicket) {
    const counter = ticket.counterId === null ? null : ctx.hall.counter(ticket.counterId);
    const staff = ticket.staffId === null ? null : ctx.people.user(ticket.staffId);
    return { counterName: counter?.name ?? null, staffName: staff?.displayName ?? null, staffNo: staff?.staffNo ?? null };
  }

  // An enrolled hall's QR codes point at the city's public /t/ page (reachable on mobile data);
  // `tracking_url_base` is set by enrollment (hall-server/src/sync/enroll.ts). The LAN /t/ keeps working.
  const trackingBase = () => ctx.hall.setting('tracking_url_base') ?? ctx.publicUrl();

  function canRate(ticket: QueueTicket): boolean {
    return ticket.state === 'done' && ticket.hallDay === today();
  }

  return {
    availability,
    serviceViews,
    snapshotServices,
    snapshotCounter,
    ticketDto,
    forgetServiceTime: (code: string) => serviceSecondsCache.delete(code),

    /** People ahead and estimate for a ticket about to be issued (before it exists). */
    estimateForNewTicket(code: string, priority: Priority) {
      const counts = waitingCounts(today());
      const ahead = (priority === 'priority' ? counts.priority.get(code) : counts.total.get(code)) ?? 0;
      return { waitingAhead: ahead, estimatedWaitMinutes: estimateFor(code, ahead) };
    },

    /** The kiosk's answer; `atIssue` is what a ticket just issued was told (people ahead then), else counted now. */
    issuedDto(ticket: StoredTicket, atIssue?: { waitingAhead: number; estimatedWaitMinutes: number }): IssuedTicket {
      const service = ctx.hall.service(ticket.serviceCode);
      const ahead = atIssue?.waitingAhead ?? aheadOf(ticket);
      return {
        id: ticket.id, number: ticket.number, serviceCode: ticket.serviceCode, priority: ticket.priority,
        waitingAhead: ahead, estimatedWaitMinutes: atIssue?.estimatedWaitMinutes ?? estimateFor(ticket.serviceCode, ahead),
        issuedAt: new Date(ticket.issuedAt).toISOString(), trackingCode: ticket.trackingCode, checkCode: ticket.checkCode,
        hallName: hallSettings(ctx).hallName, serviceName: service?.nameZh ?? ticket.serviceCode,
        ticketNotes: service?.ticketNotes ?? '', trackingUrl: `${trackingBase()}/t/${ticket.trackingCode}`,
      };
    },

    snapshot(seq: number): QueueSnapshot {
      const settings = hallSettings(ctx);
      return {
        seq, hallName: settings.hallName, hallDay: today(), timeZone: ctx.timeZone, serverTime: new Date(ctx.clock()).toISOString(), notice: settings.notice,
        services: snapshotServices(),
        counters: ctx.hall.counters().map((counter) => snapshotCounter(counter.id)!),
        recentCalls: ctx.tickets.recentCalls(today(), RECENT_CALLS).map((ticket) => ({
          ticketId: ticket.id, number: ticket.number, serviceCode: ticket.serviceCode, counterId: ticket.counterId!,
          counterName: ctx.hall.counter(ticket.counterId!)?.name ?? '', calledAt: iso(ticket.calledAt)!,
        })),
      };
    },

    counterQueue(counterId: number): CounterQueue | null {
      const counter = snapshotCounter(counterId);
      if (!counter) return null;
      const hallDay = today();
      const waiting = ctx.tickets.waiting(hallDay);
      const day = ctx.tickets.counterDay(hallDay, counterId);
      const waitingByServiceCount: Record<string, number> = {};
      for (const code of counter.services) waitingByServiceCount[code] = waiting.filter((t) => t.serviceCode === code).length;
      return {
        counter,
        waiting: orderForCounter(waiting, counter.services).map((t) => ({
          id: t.id, number: t.number, serviceCode: t.serviceCode, priority: t.priority, issuedAt: new Date(t.issuedAt).toISOString(), ...bookedSlotOf(t.id, hallDay),
        })),
        parked: ctx.tickets.parked(hallDay)
          .filter((t) => t.counterId === counterId || (t.counterId !== null && counter.services.includes(t.serviceCode)))
          .map((t) => ({ id: t.id, number: t.number, serviceCode: t.serviceCode, parkedAt: iso(t.parkedAt)! })),
        noShows: ctx.tickets.noShows(hallDay)
          .filter((t) => counter.services.includes(t.serviceCode))
          .map((t) => ({ id: t.id, number: t.number, serviceCode: t.serviceCode, at: iso(t.finishedAt)! })),
        waitingByService: waitingByServiceCount,
        recallLimit: hallSettings(ctx).recallLimit,
        today: {
          served: day.served, avgServiceSeconds: day.avgServiceMs === null ? null : Math.round(day.avgServiceMs / 1000),
          last: day.last ? { number: day.last.number, finishedAt: iso(day.last.finishedAt)!, rated: day.last.rated } : null,
        },
      };
    },

    trackView(ticket: StoredTicket): TrackView {
      const ahead = aheadOf(ticket);
      const rated = ctx.ratings.byTicket(ticket.id) !== null;
      const served = ticket.state === 'done' ? servedBy(ticket) : null;
      const counter = ticket.counterId !== null && (isCurrent(ticket.state) || ticket.state === 'done') ? ctx.hall.counter(ticket.counterId) : null;
      return {
        id: ticket.id, number: ticket.number, serviceCode: ticket.serviceCode,
        serviceName: ctx.hall.service(ticket.serviceCode)?.nameZh ?? ticket.serviceCode, state: ticket.state,
        waitingAhead: ahead, estimatedWaitMinutes: ticket.state === 'waiting' ? estimateFor(ticket.serviceCode, ahead) : 0,
        counterName: counter?.name ?? null, issuedAt: new Date(ticket.issuedAt).toISOString(), calledAt: iso(ticket.calledAt),
        canRate: canRate(ticket) && !rated, rated,
        hallName: hallSettings(ctx).hallName, checkCode: ticket.checkCode,
        staffName: served?.staffName ?? null, staffNo: served?.staffNo ?? null,
        ticketNotes: ctx.hall.service(ticket.serviceCode)?.ticketNotes ?? '',
      };
    },

    lookup(ticket: StoredTicket): TicketLookup {
      const rated = ctx.ratings.byTicket(ticket.id) !== null;
      return {
        id: ticket.id, number: ticket.number, serviceCode: ticket.serviceCode,
        serviceName: ctx.hall.service(ticket.serviceCode)?.nameZh ?? ticket.serviceCode, state: ticket.state,
        canRate: canRate(ticket) && !rated, rated, ...servedBy(ticket),
      };
    },
    canRate,
  };
}
