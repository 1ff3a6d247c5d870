import { createAuthService } from '../auth/auth-service';
import type { HallContext } from './context';
import type { HallEvents } from './events';
import { createCounterService } from './counter-service';
import { createDeviceService } from './device-service';
import { createIssueLimiter, ISSUE_LIMIT, type IssueLimit } from './issue-limiter';
import { createQueueService } from './queue-service';
import { createRatingService } from './rating-service';

export type HallServices = ReturnType<typeof createHallServices>;

/** Wires the hall's services over one context. */
export function createHallServices(
  hallCtx: HallContext,
  authLimits?: { maxFailures: number; windowMs: number },
  issueLimit: IssueLimit | null = ISSUE_LIMIT,
) {
  // Revoked credentials also leave the auth cache, whoever revokes them.
  const events: HallEvents = {
    publish: (name, payload) => hallCtx.events.publish(name, payload),
    ticketsChanged: () => hallCtx.events.ticketsChanged(),
    revoked: (who) => {
      auth.forget(who);
      hallCtx.events.revoked(who);
    },
  };
  const ctx: HallContext = { ...hallCtx, events };
  const auth = createAuthService(ctx, authLimits);
  const queue = createQueueService(ctx);
  return {
    ctx,
    queue,
    ratings: createRatingService(ctx, queue.views),
    counters: createCounterService(ctx, queue.views),
    devices: createDeviceService(ctx),
    auth,
    /** Token bucket per kiosk on POST /api/tickets. */
    issueLimiter: createIssueLimiter(issueLimit),
  };
}
