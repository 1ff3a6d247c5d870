import { applyFeedEvent, type FeedEventName, type QueueSnapshot } from '@hall/shared';

/** What the connection should do after a feed event reached the copy. */
export type FeedReceipt =
  | { kind: 'applied' }
  /** Events were missed: ask the server for `queue:snapshot` (once until it comes). */
  | { kind: 'ask-snapshot' }
  /** Already asked; the event is dropped, the coming snapshot includes it. */
  | { kind: 'waiting-for-snapshot' }
  | { kind: 'stale' };

/**
 * A screen's copy of the hall: replaced whole by every `queue:snapshot` (first connect, after a
 * server restart, after a seq gap) and advanced by seq-stamped events in between. Pure, no sockets.
 */
export class FeedCopy {
  state: QueueSnapshot | null = null;
  #askedForSnapshot = false;

  /** Wipes the copy and takes the server's; the seq restarts with it (a restarted server counts from 0). */
  replace(snapshot: QueueSnapshot): void {
    this.state = snapshot;
    this.#askedForSnapshot = false;
  }

  receive(name: FeedEventName, event: { seq: number; [field: string]: unknown }): FeedReceipt {
    const step = applyFeedEvent(this.state, name, event);
    if (step.kind === 'applied') {
      this.state = step.state;
      return { kind: 'applied' };
    }
    if (step.kind === 'stale') return { kind: 'stale' };
    if (this.#askedForSnapshot) return { kind: 'waiting-for-snapshot' };
    this.#askedForSnapshot = true;
    return { kind: 'ask-snapshot' };
  }

  /** Forgets that a snapshot was asked for, e.g. when the socket dropped before it came. */
  connectionLost(): void {
    this.#askedForSnapshot = false;
  }
}
