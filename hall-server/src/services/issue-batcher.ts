import type { IssueTicketBody } from '@hall/shared';
import type { Actor } from './context';
import type { IssueOutcome, QueueService } from './queue-service';

type Settled = Extract<IssueOutcome, { ok: true }>;

/**
 * Group commit for ticket issue: requests that arrive in the same turn of the event loop are
 * issued in one transaction, so a morning rush at several kiosks pays for one disk flush, not
 * one per ticket. Every promise settles only after that commit, so an acknowledged ticket is durable.
 */
export function createIssueBatcher(queue: Pick<QueueService, 'issueBatch'>) {
  let pending: { body: IssueTicketBody; actor: Actor; resolve: (value: Settled) => void; reject: (error: unknown) => void }[] = [];

  function flush() {
    const batch = pending;
    pending = [];
    let outcomes: IssueOutcome[];
    try {
      outcomes = queue.issueBatch(batch);
    } catch (error) {
      for (const request of batch) request.reject(error);
      return;
    }
    outcomes.forEach((outcome, index) => {
      const request = batch[index]!;
      if (outcome.ok) request.resolve(outcome);
      else request.reject(outcome.error);
    });
  }

  return {
    issue(body: IssueTicketBody, actor: Actor): Promise<Settled> {
      return new Promise((resolve, reject) => {
        pending.push({ body, actor, resolve, reject });
        if (pending.length === 1) setImmediate(flush);
      });
    },
  };
}
