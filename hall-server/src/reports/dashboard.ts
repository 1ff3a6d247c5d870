import { hallDayOf, localParts, type Dashboard, type DashboardAlert, type DeviceView, type ServiceLoad } from '@hall/shared';
import { isWorkingDay, type HallCalendar } from '../queue/working-days';
import { hallSettings } from '../services/context';
import type { HallServices } from '../services/hall-services';
import type { ReportService } from './report-service';

/** What the alert rules look at: the queues, the devices, overdue follow-ups and whether the hall is open now. */
export interface AlertInputs {
  services: readonly ServiceLoad[];
  devices: readonly DeviceView[];
  overdueFollowUps: number;
  /** Opening hours of a working day (see hallOpenAt): outside them a screen switched off is no news. */
  hallOpen: boolean;
}

/**
 * The dashboard's alerts: a service whose longest wait passed its target or whose queue passed its
 * warning length; a kiosk printer not 'ok'; during opening hours, a device that is offline or never
 * came online (a hall that opens with a dark board or kiosk must hear of it); follow-ups past their
 * deadline.
 */
export function dashboardAlerts({ services, devices, overdueFollowUps, hallOpen }: AlertInputs): DashboardAlert[] {
  const alerts: DashboardAlert[] = [];
  for (const s of services) {
    if (s.longestWaitSeconds !== null && s.longestWaitSeconds > s.targetWaitMinutes * 60) {
      alerts.push({ kind: 'wait-over-target', serviceCode: s.code, serviceName: s.name, longestWaitSeconds: s.longestWaitSeconds, targetWaitMinutes: s.targetWaitMinutes });
    }
    if (s.waiting > s.warnQueueLength) {
      alerts.push({ kind: 'queue-too-long', serviceCode: s.code, serviceName: s.name, waiting: s.waiting, warnQueueLength: s.warnQueueLength });
    }
  }
  for (const d of devices) {
    if (d.revoked) continue;
    if (d.printerState !== null && d.printerState !== 'ok') {
      alerts.push({ kind: 'printer-fault', deviceId: d.id, deviceName: d.name, printerState: d.printerState, message: d.printerMessage });
    }
    if (!d.online && hallOpen) {
      alerts.push({ kind: 'device-offline', deviceId: d.id, deviceName: d.name, deviceKind: d.kind, neverOnline: d.lastSeenAt === null });
    }
  }
  if (overdueFollowUps > 0) alerts.push({ kind: 'follow-ups-overdue', overdue: overdueFollowUps });
  return alerts;
}

/**
 * Whether the hall is open at local `clock` ("HH:MM") of `day`: a working day of its calendar, from
 * the earliest service opening to the latest closing. A hall with no services is never open.
 */
export function hallOpenAt(day: string, clock: string, hours: readonly { opensAt: string; closesAt: string }[], calendar: HallCalendar): boolean {
  if (hours.length === 0 || !isWorkingDay(day, calendar)) return false;
  const opens = hours.reduce((first, h) => (h.opensAt < first ? h.opensAt : first), hours[0]!.opensAt);
  const closes = hours.reduce((last, h) => (h.closesAt > last ? h.closesAt : last), hours[0]!.closesAt);
  return clock >= opens && clock < closes;
}

/** Today at a glance: queues, counters and who is on duty, today's figures, devices and alerts. */
export function buildDashboard(services: HallServices, reports: ReportService): Dashboard {
  const { ctx, queue, devices, ratings } = services;
  const now = ctx.clock();
  const hallDay = hallDayOf(now, ctx.timeZone);
  const { hour, minute } = localParts(now, ctx.timeZone);
  const clock = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
  const oldest = new Map<string, number>();
  for (const ticket of ctx.tickets.waiting(hallDay)) {
    const seen = oldest.get(ticket.serviceCode);
    if (seen === undefined || ticket.issuedAt < seen) oldest.set(ticket.serviceCode, ticket.issuedAt);
  }
  const serviceViews = queue.views.serviceViews();
  const loads: ServiceLoad[] = serviceViews.map((s) => {
    const since = oldest.get(s.code);
    return {
      code: s.code, name: s.name, open: s.open, closedReason: s.closedReason, waiting: s.waiting,
      longestWaitSeconds: since === undefined ? null : Math.max(0, Math.round((now - since) / 1000)),
      targetWaitMinutes: s.targetWaitMinutes, warnQueueLength: s.warnQueueLength,
    };
  });
  const deviceList = devices.list().filter((d) => !d.revoked);
  const s = reports.summary(hallDay, hallDay);
  const waiting = loads.reduce((sum, load) => sum + load.waiting, 0);
  const followUps = reports.followUpStats('2000-01-01', hallDay);
  const hallOpen = hallOpenAt(hallDay, clock, serviceViews, ratings.calendar());
  return {
    hallName: hallSettings(ctx).hallName, hallDay, serverTime: new Date(now).toISOString(),
    services: loads,
    counters: ctx.hall.counters().map((c) => queue.views.snapshotCounter(c.id)!),
    today: {
      issued: s.issued, served: s.served, noShow: s.noShow, noShowRate: s.noShowRate, avgWaitSeconds: s.avgWaitSeconds,
      p90WaitSeconds: s.p90WaitSeconds, avgServiceSeconds: s.avgServiceSeconds, serviceLevel: s.serviceLevel, satisfaction: s.satisfaction, waiting,
    },
    followUps,
    devices: deviceList,
    alerts: dashboardAlerts({ services: loads, devices: deviceList, overdueFollowUps: followUps.overdue, hallOpen }),
  };
}
