import type { CounterState } from '@hall/shared';
import type { Actor, HallContext } from './context';
import { HallError } from './errors';
import type { HallViews } from './hall-views';

export type CounterService = ReturnType<typeof createCounterService>;

/** Sign-in, sign-out, pause and resume of counters. */
export function createCounterService(ctx: HallContext, views: HallViews) {
  function change(counterId: number, actor: Actor, action: string, mutate: () => void) {
    ctx.db.transaction(() => {
      if (!ctx.hall.counter(counterId)) throw new HallError('not-found', `counter ${counterId} does not exist`);
      mutate();
      ctx.ratings.audit(ctx.clock(), actor.userId, `counter.${action}`, { counterId });
    }).immediate();
    const counters = ctx.hall.counters().map((counter) => views.snapshotCounter(counter.id)!);
    // Signing in elsewhere signs the person out here, so every counter may have changed.
    for (const counter of counters) ctx.events.publish('counter:updated', { counter });
    ctx.events.publish('services:updated', { services: views.snapshotServices() });
    return views.snapshotCounter(counterId)!;
  }

  const setState = (state: CounterState) => (counterId: number) => ctx.hall.setCounterState(counterId, state);

  return {
    signIn: (counterId: number, actor: Actor) =>
      change(counterId, actor, 'sign-in', () => {
        ctx.hall.setCounterStaff(counterId, actor.userId);
        if (ctx.hall.counter(counterId)!.state === 'closed') setState('open')(counterId);
      }),
    signOut: (counterId: number, actor: Actor) => change(counterId, actor, 'sign-out', () => ctx.hall.setCounterStaff(counterId, null)),
    pause: (counterId: number, actor: Actor) => change(counterId, actor, 'pause', () => setState('paused')(counterId)),
    resume: (counterId: number, actor: Actor) => change(counterId, actor, 'resume', () => setState('open')(counterId)),
  };
}
