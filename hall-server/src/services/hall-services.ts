import { createAuthService } from '../auth/auth-service';
import type { HallContext } from './context';
import { createCounterService } from './counter-service';
import { createDeviceService } from './device-service';
import { createQueueService } from './queue-service';
import { createRatingService } from './rating-service';

export type HallServices = ReturnType<typeof createHallServices>;

/** Wires the hall's services over one context. */
export function createHallServices(ctx: HallContext, authLimits?: { maxFailures: number; windowMs: number }) {
  const queue = createQueueService(ctx);
  return {
    ctx,
    queue,
    ratings: createRatingService(ctx, queue.views),
    counters: createCounterService(ctx, queue.views),
    devices: createDeviceService(ctx),
    auth: createAuthService(ctx, authLimits),
  };
}
