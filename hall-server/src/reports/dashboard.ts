import { hallDayOf, type Dashboard, type DashboardAlert, type DeviceView, type ServiceLoad } from '@hall/shared';
import { hallSettings } from '../services/context';
import type { HallServices } from '../services/hall-services';
import type { ReportService } from './report-service';

/**
 * Service-level alerts: a service whose longest wait passed its target, or whose queue passed its
 * warning length; a kiosk printer not 'ok'; a device that was online before and is offline now.
 */
export function dashboardAlerts(services: readonly ServiceLoad[], devices: readonly DeviceView[]): DashboardAlert[] {
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
    if (!d.online && d.lastSeenAt !== null) alerts.push({ kind: 'device-offline', deviceId: d.id, deviceName: d.name, deviceKind: d.kind });
  }
  return alerts;
}

/** Today at a glance: queues, counters and who is on duty, today's figures, devices and alerts. */
export function buildDashboard(services: HallServices, reports: ReportService): Dashboard {
  const { ctx, queue, devices } = services;
  const now = ctx.clock();
  const hallDay = hallDayOf(now, ctx.timeZone);
  const oldest = new Map<string, number>();
  for (const ticket of ctx.tickets.waiting(hallDay)) {
    const seen = oldest.get(ticket.serviceCode);
    if (seen === undefined || ticket.issuedAt < seen) oldest.set(ticket.serviceCode, ticket.issuedAt);
  }
  const loads: ServiceLoad[] = queue.views.serviceViews().map((s) => {
    const since = oldest.get(s.code);
    return {
      code: s.code, name: s.name, open: s.open, waiting: s.waiting,
      longestWaitSeconds: since === undefined ? null : Math.max(0, Math.round((now - since) / 1000)),
      targetWaitMinutes: s.targetWaitMinutes, warnQueueLength: s.warnQueueLength,
    };
  });
  const deviceList = devices.list().filter((d) => !d.revoked);
  const s = reports.summary(hallDay, hallDay);
  const waiting = loads.reduce((sum, load) => sum + load.waiting, 0);
  return {
    hallName: hallSettings(ctx).hallName, hallDay, serverTime: new Date(now).toISOString(),
    services: loads,
    counters: ctx.hall.counters().map((c) => queue.views.snapshotCounter(c.id)!),
    today: {
      issued: s.issued, served: s.served, noShow: s.noShow, noShowRate: s.noShowRate, avgWaitSeconds: s.avgWaitSeconds,
      p90WaitSeconds: s.p90WaitSeconds, avgServiceSeconds: s.avgServiceSeconds, serviceLevel: s.serviceLevel, satisfaction: s.satisfaction, waiting,
    },
    followUps: reports.followUpStats('2000-01-01', hallDay),
    devices: deviceList,
    alerts: dashboardAlerts(loads, deviceList),
  };
}
