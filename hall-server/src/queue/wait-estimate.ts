/** Service time assumed before a service has any finished ticket today (10 minutes). */
export const DEFAULT_SERVICE_SECONDS = 600;

/** Weight of the newest sample in the smoothed service time: recent visitors count most. */
export const SMOOTHING_ALPHA = 0.2;

/** Exponentially smoothed service time from durations in finish order (seconds). */
export function smoothServiceSeconds(durationsInOrder: readonly number[], initial = DEFAULT_SERVICE_SECONDS): number {
  let smoothed = initial;
  let first = true;
  for (const duration of durationsInOrder) {
    // Durations under 10 s are mis-clicks and over 3 h forgotten tickets: they would skew every estimate.
    if (duration < 10 || duration > 3 * 3600) continue;
    smoothed = first ? duration : SMOOTHING_ALPHA * duration + (1 - SMOOTHING_ALPHA) * smoothed;
    first = false;
  }
  return smoothed;
}

/**
 * Estimated wait in whole minutes: people ahead ÷ counters serving the service × smoothed
 * service time. With no counter open for it, the estimate assumes one will open.
 */
export function estimateWaitMinutes(peopleAhead: number, countersServing: number, serviceSeconds: number): number {
  if (peopleAhead <= 0) return 0;
  const counters = Math.max(1, countersServing);
  return Math.ceil((peopleAhead * serviceSeconds) / counters / 60);
}
