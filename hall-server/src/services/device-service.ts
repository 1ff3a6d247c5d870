import type { DeviceStatusBody, DeviceView } from '@hall/shared';
import type { DeviceRecord } from '../repos/people-repo';
import type { HallContext } from './context';

export type DeviceService = ReturnType<typeof createDeviceService>;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** Device presence (socket connected or not) and printer faults reported by kiosks. */
export function createDeviceService(ctx: HallContext) {
  // Presence lives in memory: a device is online while at least one of its sockets is connected.
  const connections = new Map<number, number>();

  function view(device: DeviceRecord): DeviceView {
    return {
      id: device.id, kind: device.kind, name: device.name, counterId: device.counterId,
      online: (connections.get(device.id) ?? 0) > 0, lastSeenAt: iso(device.lastSeenAt), disconnects: device.disconnects,
      printerState: device.printerState, printerMessage: device.printerMessage, printerChangedAt: iso(device.printerChangedAt),
      revoked: device.revoked,
    };
  }

  function publish(deviceId: number) {
    const device = ctx.people.device(deviceId);
    if (!device) return;
    const { id, kind, name, online, printerState, printerMessage } = view(device);
    ctx.events.publish('device:updated', { device: { id, kind, name, online, printerState, printerMessage } });
  }

  return {
    view,
    list: () => ctx.people.devices().map(view),

    /**
     * A socket of the device connected. Only the first socket brings it online (one write, one
     * event): a hall resyncing after a restart must not commit and broadcast once per socket.
     */
    connected(deviceId: number) {
      const sockets = (connections.get(deviceId) ?? 0) + 1;
      connections.set(deviceId, sockets);
      if (sockets > 1) return;
      ctx.people.touchDevice(deviceId, ctx.clock());
      publish(deviceId);
    },

    /**
     * A socket of the device left: every one counts as a disconnect (断线次数), even when the device
     * has already reconnected on a new socket (after a network drop the server notices the old
     * socket's ping timeout only after the client is back); the last one takes it offline.
     */
    disconnected(deviceId: number) {
      const left = (connections.get(deviceId) ?? 1) - 1;
      ctx.people.countDisconnect(deviceId, ctx.clock());
      if (left > 0) {
        connections.set(deviceId, left);
        return;
      }
      connections.delete(deviceId);
      publish(deviceId);
    },

    /** A kiosk reports its printer; a change of state reaches managers at once. */
    reportStatus(deviceId: number, body: DeviceStatusBody): DeviceView {
      const before = ctx.people.device(deviceId);
      const message = body.printer.message ?? null;
      ctx.people.touchDevice(deviceId, ctx.clock());
      if (before?.printerState !== body.printer.state || before.printerMessage !== message) {
        ctx.people.setPrinterState(deviceId, body.printer.state, message, ctx.clock());
        publish(deviceId);
      }
      return view(ctx.people.device(deviceId)!);
    },
  };
}
