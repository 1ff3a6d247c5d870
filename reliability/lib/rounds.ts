import type Database from 'better-sqlite3';
import type { Random } from './random';

/** The three operations a round needs, over HTTP or against the service layer. */
export interface QueueDriver {
  issue(serviceCode: string, priority: 'normal' | 'priority', requestId: string): Promise<void>;
  /** The called ticket's id, or null when nobody waits for the counter's services. */
  callNext(counterId: number): Promise<number | null>;
  finish(ticketId: number): Promise<void>;
}

export interface RoundsResult {
  rounds: number;
  calls: number;
  issued: number;
  idleCalls: number;
  /** Tickets some call returned more than once. */
  calledTwice: number[];
}

const SERVICES = ['A', 'B', 'C', 'D', 'E', 'F'];

/**
 * Rounds of six counters calling next at once, then finishing what they got. The waiting pool is
 * topped up between rounds (call-next reads every waiting ticket, so a pool of 60,000 would measure
 * that scan, not concurrency); the last rounds drain it until every counter gets nothing.
 */
export async function runRounds(driver: QueueDriver, options: { rounds: number; counters: number[]; random: Random; issueConcurrency: number; tag: string }): Promise<RoundsResult> {
  const { random, counters } = options;
  const seen = new Set<number>();
  const calledTwice: number[] = [];
  let issued = 0;
  let calls = 0;
  let idleCalls = 0;
  let waiting = 0;

  async function topUp(count: number) {
    const batch = Array.from({ length: count }, () => {
      issued += 1;
      return { code: random.pick(SERVICES), priority: random.chance(0.1) ? ('priority' as const) : ('normal' as const), id: `${options.tag}-${issued}` };
    });
    for (let i = 0; i < batch.length; i += options.issueConcurrency) {
      await Promise.all(batch.slice(i, i + options.issueConcurrency).map((t) => driver.issue(t.code, t.priority, t.id)));
    }
    waiting += count;
  }

  async function round(): Promise<number> {
    // Every counter asks at once; the order they reach the server is random.
    const order = [...counters].sort(() => random.next() - 0.5);
    const got = await Promise.all(order.map((counterId) => driver.callNext(counterId)));
    const called = got.filter((id): id is number => id !== null);
    idleCalls += got.length - called.length;
    for (const id of called) {
      if (seen.has(id)) calledTwice.push(id);
      seen.add(id);
    }
    calls += called.length;
    waiting -= called.length;
    await Promise.all([...called].sort(() => random.next() - 0.5).map((id) => driver.finish(id)));
    return called.length;
  }

  let rounds = 0;
  for (; rounds < options.rounds; rounds += 1) {
    if (waiting < 24) await topUp(48);
    await round();
  }
  // Drain: keep calling until a whole round finds nobody.
  while ((await round()) > 0) rounds += 1;
  return { rounds, calls, issued, idleCalls, calledTwice };
}

interface EventRow { id: number; ticket_id: number; action: string; counter_id: number | null }
interface TicketRow { id: number; service_code: string; priority: string; queued_at: number; state: string }

/**
 * Replays the audit trail with an independent statement of the call policy — priority lane first,
 * then the counter's service preference, then queue time, then issue order — and checks every
 * call took exactly the ticket the policy names at that moment. Also: every ticket called once,
 * finished once, and done.
 */
export function auditRounds(db: Database.Database): string[] {
  const problems: string[] = [];
  const tickets = new Map((db.prepare('SELECT id, service_code, priority, queued_at, state FROM tickets').all() as TicketRow[]).map((t) => [t.id, t]));
  const preference = new Map<number, string[]>();
  for (const row of db.prepare('SELECT counter_id, service_code FROM counter_services ORDER BY counter_id, preference').all() as { counter_id: number; service_code: string }[]) {
    preference.set(row.counter_id, [...(preference.get(row.counter_id) ?? []), row.service_code]);
  }
  const waiting = new Map<number, TicketRow>();
  const callCount = new Map<number, number>();
  const finishCount = new Map<number, number>();
  for (const event of db.prepare('SELECT id, ticket_id, action, counter_id FROM ticket_events ORDER BY id').iterate() as Iterable<EventRow>) {
    const ticket = tickets.get(event.ticket_id)!;
    if (event.action === 'issue') waiting.set(ticket.id, ticket);
    else if (event.action === 'call') {
      callCount.set(ticket.id, (callCount.get(ticket.id) ?? 0) + 1);
      const services = preference.get(event.counter_id!) ?? [];
      let best: TicketRow | null = null;
      for (const candidate of waiting.values()) {
        const rank = services.indexOf(candidate.service_code);
        if (rank < 0) continue;
        if (!best) {
          best = candidate;
          continue;
        }
        const key = (t: TicketRow) => [t.priority === 'priority' ? 0 : 1, services.indexOf(t.service_code), t.queued_at, t.id];
        const [a, b] = [key(candidate), key(best)];
        const cmp = a.findIndex((value, i) => value !== b[i]);
        if (cmp >= 0 && a[cmp]! < b[cmp]!) best = candidate;
      }
      if (best?.id !== ticket.id) {
        problems.push(`event ${event.id}: counter ${event.counter_id} got ticket ${ticket.id} (${ticket.priority} ${ticket.service_code}); the policy names ${best ? `${best.id} (${best.priority} ${best.service_code})` : 'nobody'}`);
      }
      waiting.delete(ticket.id);
    } else if (event.action === 'finish') finishCount.set(ticket.id, (finishCount.get(ticket.id) ?? 0) + 1);
    if (problems.length > 20) break;
  }
  for (const ticket of tickets.values()) {
    if (ticket.state !== 'done') problems.push(`ticket ${ticket.id} ended ${ticket.state}, not done`);
    if (callCount.get(ticket.id) !== 1) problems.push(`ticket ${ticket.id} was called ${callCount.get(ticket.id) ?? 0} times`);
    if (finishCount.get(ticket.id) !== 1) problems.push(`ticket ${ticket.id} was finished ${finishCount.get(ticket.id) ?? 0} times`);
    if (problems.length > 40) break;
  }
  return problems;
}
