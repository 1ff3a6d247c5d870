/**
 * Who may call each HTTP route of the hall server — the expected access, written down by hand
 * so that a route added without a decision fails security.test.ts until someone classifies it.
 *
 * - `public`: anyone (no credentials needed).
 * - `role`: the lowest staff role allowed (staff < manager < admin); absent = no staff at all.
 * - `devices`: device kinds allowed.
 * - `rating`: POST /api/tickets/:id/rating — kiosks and pads, or anyone holding the ticket's trackingCode.
 */
export type Role = 'staff' | 'manager' | 'admin';
export type DeviceKind = 'kiosk' | 'board' | 'terminal' | 'pad';

export type Access =
  | { kind: 'public' }
  | { kind: 'rating' }
  | { kind: 'guarded'; role?: Role; devices?: readonly DeviceKind[] };

const PUBLIC: Access = { kind: 'public' };
const STAFF: Access = { kind: 'guarded', role: 'staff' };
const MANAGER: Access = { kind: 'guarded', role: 'manager' };
const ADMIN: Access = { kind: 'guarded', role: 'admin' };
const ANY_DEVICE = ['kiosk', 'board', 'terminal', 'pad'] as const;
const STAFF_OR_ANY_DEVICE: Access = { kind: 'guarded', role: 'staff', devices: ANY_DEVICE };

export const ACCESS_TABLE: Record<string, Access> = {
  'GET /healthz': PUBLIC,
  'POST /api/auth/login': PUBLIC,
  'POST /api/auth/logout': PUBLIC,
  'GET /api/me': STAFF_OR_ANY_DEVICE,
  'GET /api/services': STAFF_OR_ANY_DEVICE,
  'GET /api/queue': STAFF_OR_ANY_DEVICE,
  'GET /api/counters': STAFF_OR_ANY_DEVICE,
  'GET /api/counters/:id/queue': { kind: 'guarded', role: 'staff', devices: ['terminal'] },
  'POST /api/counters/:id/sign-in': STAFF,
  'POST /api/counters/:id/sign-out': STAFF,
  'POST /api/counters/:id/pause': STAFF,
  'POST /api/counters/:id/resume': STAFF,
  'POST /api/devices/status': { kind: 'guarded', devices: ANY_DEVICE },
  'GET /api/devices': MANAGER,
  'GET /api/sync/status': MANAGER,
  'POST /api/bookings/check-in': { kind: 'guarded', role: 'staff', devices: ['kiosk'] },
  'GET /api/bookings': MANAGER,
  'GET /api/bookings/summary': MANAGER,
  'POST /api/sync/supervisions/:id/read': MANAGER,
  'POST /api/tickets': { kind: 'guarded', role: 'staff', devices: ['kiosk'] },
  'POST /api/counters/:id/call-next': STAFF,
  'POST /api/counters/:id/call': STAFF,
  'POST /api/tickets/:id/recall': STAFF,
  'POST /api/tickets/:id/start': STAFF,
  'POST /api/tickets/:id/no-show': STAFF,
  'POST /api/tickets/:id/requeue': STAFF,
  'POST /api/tickets/:id/park': STAFF,
  'POST /api/tickets/:id/cancel': STAFF,
  'POST /api/tickets/:id/resume': STAFF,
  'POST /api/tickets/:id/finish': STAFF,
  'POST /api/tickets/:id/transfer': STAFF,
  'GET /api/tickets/:id': STAFF,
  'GET /api/tickets/lookup': { kind: 'guarded', role: 'staff', devices: ['kiosk', 'pad'] },
  'GET /api/track/:trackingCode': PUBLIC,
  'POST /api/tickets/:id/rating': { kind: 'rating' },
  'GET /api/dashboard': MANAGER,
  'GET /api/reports/summary': MANAGER,
  'GET /api/reports/by-service.csv': MANAGER,
  'GET /api/reports/by-counter.csv': MANAGER,
  'GET /api/reports/by-staff.csv': MANAGER,
  'GET /api/reports/by-hour.csv': MANAGER,
  'GET /api/reports/by-day.csv': MANAGER,
  'GET /api/reports/summary.xlsx': MANAGER,
  'GET /api/reports/tickets.csv': MANAGER,
  'GET /api/reports/ranking': MANAGER,
  'GET /api/follow-ups': MANAGER,
  'POST /api/follow-ups/:id/close': MANAGER,
  'GET /api/ratings': MANAGER,
  'POST /api/ratings/:id/exclude': MANAGER,
  'GET /api/admin/services': MANAGER,
  'POST /api/admin/services': MANAGER,
  'PUT /api/admin/services/:code': MANAGER,
  'GET /api/admin/counters': MANAGER,
  'POST /api/admin/counters': MANAGER,
  'PUT /api/admin/counters/:id': MANAGER,
  'GET /api/holidays': MANAGER,
  'PUT /api/holidays/:day': MANAGER,
  'DELETE /api/holidays/:day': MANAGER,
  'GET /api/admin/settings': MANAGER,
  'PUT /api/admin/settings': MANAGER,
  'PUT /api/admin/notice': MANAGER,
  'GET /api/admin/audit': MANAGER,
  'GET /api/admin/users': ADMIN,
  'POST /api/admin/users': ADMIN,
  'PUT /api/admin/users/:id': ADMIN,
  'POST /api/admin/users/:id/password': ADMIN,
  'GET /api/admin/devices': ADMIN,
  'POST /api/admin/devices': ADMIN,
  'POST /api/admin/devices/:id/revoke': ADMIN,
  'GET /': PUBLIC,
  'GET /kiosk/*': PUBLIC,
  'GET /board/*': PUBLIC,
  'GET /counter/*': PUBLIC,
  'GET /rate/*': PUBLIC,
  'GET /manage/*': PUBLIC,
  'GET /assets/*': PUBLIC,
  // Hall media (images, videos for the board) are public files by design: the board page fetches them.
  'GET /media/*': PUBLIC,
  'GET /t/:trackingCode': PUBLIC,
  'GET /voice/:name': PUBLIC,
  'GET /api/media': { kind: 'guarded', role: 'staff', devices: ['board', 'kiosk'] },
  'GET /favicon.ico': PUBLIC,
};

export const routeKey = (route: { method: string; url: string }) => `${route.method} ${route.url}`;
