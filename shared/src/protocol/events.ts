import { z } from 'zod';
import { printerStateSchema, ticketSchema } from '../schemas';
import { queueSnapshotSchema, recentCallSchema, serviceViewSchema, snapshotCounterSchema } from '../schemas/hall';
import { trackViewSchema } from '../schemas/tickets';

/**
 * Every authenticated socket belongs to one audience (kiosk, board, staff, managers, or the pad of
 * one counter), joins the room of that name, and receives only the events that audience may see
 * (the table is hall-server/src/realtime/audience.ts). Each audience has its own `seq`, counted per
 * server run from 1 without gaps, and its own `queue:snapshot` carrying that seq: a client that
 * sees seq jump by more than one (or go backwards after a restart) asks for `queue:snapshot` again
 * and replaces its copy. Public screens get the same shapes with less in them: `staff` null on the
 * board's counters; a kiosk's snapshot has no counters or calls, a pad's only its own counter.
 */
export const ticketIssuedEventSchema = z.object({
  seq: z.number().int(),
  ticket: z.object({ id: z.number().int(), number: z.string(), serviceCode: z.string(), priority: z.string(), issuedAt: z.string() }),
});
export const ticketCalledEventSchema = recentCallSchema.extend({
  seq: z.number().int(),
  recall: z.boolean(),
  recallCount: z.number().int(),
});
export const ticketUpdatedEventSchema = z.object({ seq: z.number().int(), ticket: ticketSchema });
export const counterUpdatedEventSchema = z.object({ seq: z.number().int(), counter: snapshotCounterSchema });
export const servicesUpdatedEventSchema = z.object({
  seq: z.number().int(),
  services: z.array(serviceViewSchema.pick({ code: true, name: true, nameEn: true, waiting: true, estimatedWaitMinutes: true, open: true }).extend({ closedReason: serviceViewSchema.shape.closedReason.optional() })),
});
/** Sent after staff finish a ticket: the counter's rating pad asks the visitor to rate. */
export const ratingRequestedEventSchema = z.object({
  seq: z.number().int(),
  counterId: z.number().int(),
  ticketId: z.number().int(),
  number: z.string(),
  serviceCode: z.string(),
  staffName: z.string().nullable(),
});
export const deviceUpdatedEventSchema = z.object({
  seq: z.number().int(),
  device: z.object({
    id: z.number().int(),
    kind: z.string(),
    name: z.string(),
    online: z.boolean(),
    printerState: printerStateSchema.nullable(),
    printerMessage: z.string().nullable(),
  }),
});
export const ratingCreatedEventSchema = z.object({
  seq: z.number().int(),
  ticketId: z.number().int(),
  counterId: z.number().int().nullable(),
  score: z.number().int(),
  followUpId: z.number().int().nullable(),
});
export const noticeUpdatedEventSchema = z.object({ seq: z.number().int(), notice: z.string() });

export type TicketIssuedEvent = z.infer<typeof ticketIssuedEventSchema>;
export type TicketCalledEvent = z.infer<typeof ticketCalledEventSchema>;
export type TicketUpdatedEvent = z.infer<typeof ticketUpdatedEventSchema>;
export type CounterUpdatedEvent = z.infer<typeof counterUpdatedEventSchema>;
export type ServicesUpdatedEvent = z.infer<typeof servicesUpdatedEventSchema>;
export type RatingRequestedEvent = z.infer<typeof ratingRequestedEventSchema>;
export type DeviceUpdatedEvent = z.infer<typeof deviceUpdatedEventSchema>;
export type RatingCreatedEvent = z.infer<typeof ratingCreatedEventSchema>;
export type NoticeUpdatedEvent = z.infer<typeof noticeUpdatedEventSchema>;
export type QueueSnapshotEvent = z.infer<typeof queueSnapshotSchema>;
export type TrackUpdatedEvent = z.infer<typeof trackViewSchema>;

/** Events the server emits (noun:verb). `track:updated` goes only to a phone's own ticket room and has no seq. */
export interface ServerToClientEvents {
  'queue:snapshot': (snapshot: QueueSnapshotEvent) => void;
  'ticket:issued': (event: TicketIssuedEvent) => void;
  'ticket:called': (event: TicketCalledEvent) => void;
  'ticket:updated': (event: TicketUpdatedEvent) => void;
  'counter:updated': (event: CounterUpdatedEvent) => void;
  'services:updated': (event: ServicesUpdatedEvent) => void;
  'rating:requested': (event: RatingRequestedEvent) => void;
  'rating:created': (event: RatingCreatedEvent) => void;
  'device:updated': (event: DeviceUpdatedEvent) => void;
  'notice:updated': (event: NoticeUpdatedEvent) => void;
  'track:updated': (view: TrackUpdatedEvent) => void;
}

/** Events a client may emit: ask for a fresh snapshot (after a seq gap), or for a phone's ticket view. */
export interface ClientToServerEvents {
  'queue:snapshot': () => void;
  'track:refresh': () => void;
}

/** Handshake `auth`: a device or staff token, or for a phone the ticket's tracking code. */
export const handshakeAuthSchema = z.union([
  z.object({ token: z.string().min(10).max(200) }),
  z.object({ trackingCode: z.string().min(10).max(64) }),
]);
export type HandshakeAuth = z.infer<typeof handshakeAuthSchema>;

export const FEED_EVENTS = [
  'ticket:issued', 'ticket:called', 'ticket:updated', 'counter:updated', 'services:updated',
  'rating:requested', 'rating:created', 'device:updated', 'notice:updated',
] as const;
export type FeedEventName = (typeof FEED_EVENTS)[number];
