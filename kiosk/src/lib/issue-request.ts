import type { IssueTicketBody, Priority, PriorityReason } from '@hall/shared';

/** A fresh id for one tap. crypto.randomUUID needs a secure context, which a kiosk on http:// may not be. */
export function newRequestId(random: () => number = Math.random, now: () => number = Date.now): string {
  const bytes = Array.from({ length: 12 }, () => Math.floor(random() * 256).toString(16).padStart(2, '0')).join('');
  return `k-${now().toString(36)}-${bytes}`;
}

/** The body for one tap on a tile; the same body (same requestId) is sent again on every retry. */
export function issueBody(serviceCode: string, requestId: string, lane: { priority: Priority; reason?: PriorityReason }): IssueTicketBody {
  return lane.priority === 'priority'
    ? { serviceCode, requestId, priority: 'priority', ...(lane.reason ? { priorityReason: lane.reason } : {}) }
    : { serviceCode, requestId };
}

export interface RetryOptions {
  /** Waits between attempts; its length is the number of retries. */
  delaysMs: readonly number[];
  sleep: (ms: number) => Promise<void>;
  /** Only these failures are retried: the request may never have reached the server. */
  retryable: (error: unknown) => boolean;
}

/**
 * Sends one issue request, retrying a lost request with the very same body. POST /api/tickets is
 * idempotent by requestId, so a retry after a lost response returns the ticket already issued
 * instead of a second one.
 */
export async function sendWithRetry<T>(send: () => Promise<T>, options: RetryOptions): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await send();
    } catch (error) {
      const delay = options.delaysMs[attempt];
      if (delay === undefined || !options.retryable(error)) throw error;
      await options.sleep(delay);
    }
  }
}

/**
 * At most one issue in flight per kiosk: a double tap or a tap on another tile while the first is
 * on its way gets the first tap's promise, never a second ticket.
 */
export class SingleFlight<T> {
  private current: Promise<T> | null = null;

  get busy(): boolean {
    return this.current !== null;
  }

  run(work: () => Promise<T>): Promise<T> {
    if (this.current) return this.current;
    const running = work().finally(() => {
      this.current = null;
    });
    this.current = running;
    return running;
  }
}
