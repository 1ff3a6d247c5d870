import type { QueueSnapshot, SnapshotCounter } from '@hall/shared';
import type { Principal } from '../auth/auth-service';
import type { FeedMessage } from '../services/events';

/**
 * Who a feed socket is. Each authenticated socket belongs to exactly one audience, joins the
 * socket.io room of that name, and sees that room's own gap-free `seq` (issue 9, item 4).
 * Phones are no audience: they get only `track:updated` for their own ticket.
 */
export type Audience = 'kiosk' | 'board' | 'staff' | 'managers' | `pad:${number}`;

/** One event as one audience receives it (seq is stamped later, per audience). */
export interface Delivery {
  audience: Audience;
  payload: object;
}

/** A counter as a public screen may show it: no staff identity. */
export function publicCounter(counter: SnapshotCounter): SnapshotCounter {
  return { ...counter, staff: null };
}

/**
 * The audience of a principal: staff terminals (a `staff` login or a terminal device), managers
 * and admins, kiosks, boards, and the pad of one counter. A pad paired to no counter, or an
 * anonymous caller, has none (snapshot only, no feed).
 */
export function audienceOf(principal: Principal): Audience | null {
  if (principal.kind === 'staff') return principal.user.role === 'staff' ? 'staff' : 'managers';
  if (principal.kind !== 'device') return null;
  const { kind, counterId } = principal.device;
  if (kind === 'kiosk' || kind === 'board') return kind;
  if (kind === 'terminal') return 'staff';
  return counterId === null ? null : `pad:${counterId}`;
}

const to = (audiences: Audience[], payload: object): Delivery[] => audiences.map((audience) => ({ audience, payload }));

/**
 * The audience table: which audiences receive a feed event, and in which form. Public screens
 * (kiosk, board) never get ticket notes, rating scores or comments, or staff identities; a pad
 * gets only its own counter's events, staff name included (it faces that counter's visitor).
 *
 * | event            | kiosk | board            | staff | managers | pad:N              |
 * |------------------|-------|------------------|-------|----------|--------------------|
 * | ticket:issued    |       |                  | yes   | yes      |                    |
 * | ticket:called    |       | yes              | yes   | yes      |                    |
 * | ticket:updated   |       |                  | yes   | yes      |                    |
 * | counter:updated  |       | staff → null     | yes   | yes      | counter N only     |
 * | services:updated | yes   | yes              | yes   | yes      |                    |
 * | rating:requested |       |                  |       |          | counter N only     |
 * | rating:created   |       |                  |       | yes      |                    |
 * | device:updated   |       |                  |       | yes      |                    |
 * | notice:updated   |       | yes              |       | yes      |                    |
 */
export function deliveriesOf(message: FeedMessage): Delivery[] {
  switch (message.name) {
    case 'ticket:issued':
    case 'ticket:updated':
      return to(['staff', 'managers'], message.payload);
    case 'ticket:called':
      return to(['board', 'staff', 'managers'], message.payload);
    case 'counter:updated': {
      const { counter } = message.payload;
      return [
        ...to(['staff', 'managers'], message.payload),
        { audience: 'board', payload: { counter: publicCounter(counter) } },
        { audience: `pad:${counter.id}`, payload: message.payload },
      ];
    }
    case 'services:updated':
      return to(['kiosk', 'board', 'staff', 'managers'], message.payload);
    case 'rating:requested':
      return to([`pad:${message.payload.counterId}`], message.payload);
    case 'rating:created':
    case 'device:updated':
      return to(['managers'], message.payload);
    case 'notice:updated':
      return to(['board', 'managers'], message.payload);
  }
}

/**
 * The `queue:snapshot` an audience may see, cut from the full one: the same rows the audience's
 * events keep up to date and nothing more. A kiosk keeps only the hall and its services; a board
 * the counters without staff and the recent calls; a pad its own counter; staff and managers all.
 */
export function snapshotFor(audience: Audience | null, full: QueueSnapshot): QueueSnapshot {
  if (audience === 'staff' || audience === 'managers') return full;
  if (audience === 'board') return { ...full, counters: full.counters.map(publicCounter) };
  const counters = audience === null || audience === 'kiosk' ? [] : full.counters.filter((counter) => `pad:${counter.id}` === audience);
  return { ...full, counters, recentCalls: [] };
}
