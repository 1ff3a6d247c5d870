import {
  createApiClient, type CounterQueue, type CounterView, type Outcome, type QueueSnapshot, type SessionUser, type SnapshotCounter, type Ticket,
} from '@hall/shared';
import { debounce } from '../lib/debounce';
import { HallConnection } from '../lib/hall-connection.svelte';
import { codeMessage, errorMessage, t, type TextKey } from '../lib/i18n';
import { blockedReason, type ActionContext, type ActionId } from './terminal-actions';

const TOKEN_KEY = 'hall.staffToken';
const COUNTER_KEY = 'hall.counterId';
const REFETCH_MS = 150;
/** Staff are not sent rating events: while the last visitor may still be rating, ask again this often. */
const RATING_POLL_MS = 10_000;
const RATING_WINDOW_MS = 3 * 60_000;

export type Feedback = { kind: 'info' | 'error'; text: string; at: number; code?: string };
type TicketResponse = { ticket: Ticket };

/** Which dialog is open over the terminal; F-keys pause while one is. */
export type TerminalDialog = 'finish' | 'transfer' | null;

/**
 * The counter terminal's state: the staff session, the chosen counter, its waiting list, the
 * current ticket and every staff action. The counter and its current ticket come from the live
 * hall copy; the lists from GET /api/counters/:id/queue, refetched after feed events.
 */
export class Terminal {
  token = $state<string | null>(null);
  user = $state<SessionUser | null>(null);
  counters = $state.raw<CounterView[]>([]);
  /** The hall as staff see it before a counter is chosen: service names and who is on duty where. */
  hall = $state.raw<QueueSnapshot | null>(null);
  counterId = $state<number | null>(null);
  queue = $state.raw<CounterQueue | null>(null);
  /** The full current ticket (recall count), kept in step with ticket:updated events. */
  currentTicket = $state.raw<Ticket | null>(null);
  feedback = $state<Feedback | null>(null);
  busy = $state(false);
  dialog = $state<TerminalDialog>(null);
  connection = $state.raw<HallConnection | null>(null);

  readonly api = createApiClient({ token: () => this.token });
  #refetch = debounce(() => void this.loadQueue(), REFETCH_MS);
  #offConnection: (() => void)[] = [];
  #ratingPoll: ReturnType<typeof setInterval> | undefined;

  /** The counter as the hall copy has it now (live), else as the last queue fetch had it. */
  counter: SnapshotCounter | null = $derived.by(() => {
    const live = this.connection?.snapshot?.counters.find((counter) => counter.id === this.counterId);
    return live ?? this.queue?.counter ?? null;
  });

  actionContext: ActionContext = $derived.by(() => {
    const current = this.counter?.current ?? null;
    const full = current && this.currentTicket?.id === current.id ? this.currentTicket : null;
    return {
      counterState: this.counter?.state ?? 'closed',
      current: current ? { state: current.state, recallCount: full?.recallCount ?? 0 } : null,
      recallLimit: this.queue?.recallLimit ?? 2,
    };
  });

  serviceName = (code: string): string =>
    (this.connection?.snapshot ?? this.hall)?.services.find((s) => s.code === code)?.name ?? code;

  /** Who is on duty at a counter now (the picker marks taken counters). */
  staffAt = (counterId: number) => this.hall?.counters.find((c) => c.id === counterId)?.staff ?? null;

  /** Picks up a session kept in this browser tab (a reload must not log staff out). */
  async restore(): Promise<void> {
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (!token) return;
    this.token = token;
    try {
      const me = await this.api.get<{ kind: string; user?: SessionUser }>('/api/me');
      if (me.kind !== 'staff' || !me.user) throw new Error('not a staff session');
      this.user = me.user;
      await this.loadCounters();
      const saved = Number(localStorage.getItem(COUNTER_KEY));
      if (saved && this.counters.some((counter) => counter.id === saved)) this.#useCounter(saved);
    } catch {
      this.#forgetSession();
    }
  }

  async login(username: string, password: string): Promise<void> {
    await this.#run(async () => {
      const session = await this.api.post<{ token: string; user: SessionUser }>('/api/auth/login', { username, password });
      this.token = session.token;
      this.user = session.user;
      sessionStorage.setItem(TOKEN_KEY, session.token);
      this.feedback = null;
      await this.loadCounters();
    });
  }

  async loadCounters(): Promise<void> {
    this.counters = await this.api.get<CounterView[]>('/api/counters');
    try {
      this.hall = await this.api.get<QueueSnapshot>('/api/queue');
    } catch {
      // Names and duty marks are a help in the picker, not a reason to block it.
      this.hall = null;
    }
  }

  /** The counter this PC last served, offered first in the picker. */
  lastCounterId(): number | null {
    return Number(localStorage.getItem(COUNTER_KEY)) || null;
  }

  async pickCounter(counterId: number): Promise<void> {
    await this.#run(async () => {
      await this.api.post(`/api/counters/${counterId}/sign-in`);
      localStorage.setItem(COUNTER_KEY, String(counterId));
      this.#useCounter(counterId);
    });
  }

  /** Back to the counter picker without logging out. */
  leaveCounter(): void {
    this.#closeConnection();
    this.counterId = null;
    this.queue = null;
    this.currentTicket = null;
  }

  async logout(): Promise<void> {
    const counterId = this.counterId;
    try {
      if (counterId !== null) await this.api.post(`/api/counters/${counterId}/sign-out`);
      await this.api.post('/api/auth/logout');
    } catch {
      // Logging out must work offline too: the session ends here either way.
    }
    this.leaveCounter();
    this.#forgetSession();
  }

  async loadQueue(): Promise<void> {
    const counterId = this.counterId;
    if (counterId === null || this.token === null) return;
    try {
      const queue = await this.api.get<CounterQueue>(`/api/counters/${counterId}/queue`);
      if (counterId !== this.counterId) return;
      this.queue = queue;
      const current = queue.counter.current;
      if (current && this.currentTicket?.id !== current.id) {
        this.currentTicket = (await this.api.get<TicketResponse>(`/api/tickets/${current.id}`)).ticket;
      }
    } catch (error) {
      this.#say('error', errorMessage(error));
    }
  }

  /** Runs an action by button or F-key; a blocked one says why instead. */
  async act(action: ActionId): Promise<void> {
    if (this.busy || this.counterId === null) return;
    const reason = blockedReason(action, this.actionContext);
    if (reason !== null) {
      this.#say('error', codeMessage(reason), reason);
      return;
    }
    const counterId = this.counterId;
    const ticketId = this.counter?.current?.id;
    switch (action) {
      case 'callNext':
        return this.#run(async () => {
          const called = await this.api.post<TicketResponse | null>(`/api/counters/${counterId}/call-next`);
          if (called === null) return this.#say('info', codeMessage('queue-empty'), 'queue-empty');
          this.currentTicket = called.ticket;
          this.#say('info', `${t('feedback.called')} ${called.ticket.number}`);
        });
      case 'recall':
        return this.#ticketAction(ticketId, 'recall', 'feedback.recalled');
      case 'start':
        return this.#ticketAction(ticketId, 'start', 'feedback.started');
      case 'noShow':
        return this.#ticketAction(ticketId, 'no-show', 'feedback.noShow');
      case 'park':
        return this.#ticketAction(ticketId, 'park', 'feedback.parked');
      case 'finish':
      case 'transfer':
        this.dialog = action;
        return;
      case 'pauseResume': {
        const pausing = this.counter?.state === 'open';
        return this.#run(async () => {
          await this.api.post(`/api/counters/${counterId}/${pausing ? 'pause' : 'resume'}`);
          this.#say('info', t(pausing ? 'feedback.paused' : 'feedback.counterResumed'));
        });
      }
    }
  }

  async finish(outcome: Outcome, note: string, caseNumber = ''): Promise<void> {
    const ticketId = this.counter?.current?.id;
    this.dialog = null;
    const body = {
      outcome, ...(note.trim() === '' ? {} : { note: note.trim() }), ...(caseNumber.trim() === '' ? {} : { caseNumber: caseNumber.trim() }),
    };
    await this.#ticketAction(ticketId, 'finish', 'feedback.finished', body);
  }

  async transfer(serviceCode: string): Promise<void> {
    const ticketId = this.counter?.current?.id;
    this.dialog = null;
    await this.#ticketAction(ticketId, 'transfer', 'feedback.transferred', { serviceCode });
  }

  async callChosen(ticketId: number): Promise<void> {
    const counterId = this.counterId;
    if (this.busy || counterId === null) return;
    await this.#run(async () => {
      const called = await this.api.post<TicketResponse>(`/api/counters/${counterId}/call`, { ticketId });
      this.currentTicket = called.ticket;
      this.#say('info', `${t('feedback.called')} ${called.ticket.number}`);
    });
  }

  async resumeParked(ticketId: number): Promise<void> {
    if (this.busy || this.counterId === null) return;
    await this.#ticketAction(ticketId, 'resume', 'feedback.resumed', { counterId: this.counterId });
  }

  async requeue(ticketId: number): Promise<void> {
    if (this.busy) return;
    await this.#ticketAction(ticketId, 'requeue', 'feedback.requeued');
  }

  async #ticketAction(ticketId: number | undefined, path: string, done: TextKey, body?: object): Promise<void> {
    if (ticketId === undefined) return;
    await this.#run(async () => {
      const { ticket } = await this.api.post<TicketResponse>(`/api/tickets/${ticketId}/${path}`, body);
      if (ticket.counterId === this.counterId && (ticket.state === 'called' || ticket.state === 'serving')) this.currentTicket = ticket;
      this.#say('info', `${t(done)} ${ticket.number}`);
    });
  }

  async #run(work: () => Promise<void>): Promise<void> {
    this.busy = true;
    try {
      await work();
    } catch (error) {
      this.#say('error', errorMessage(error), (error as { code?: string }).code);
    } finally {
      this.busy = false;
    }
    this.#refetch();
  }

  #say(kind: Feedback['kind'], text: string, code?: string): void {
    this.feedback = { kind, text, at: Date.now(), ...(code === undefined ? {} : { code }) };
  }

  #useCounter(counterId: number): void {
    if (this.token === null) return;
    this.#closeConnection();
    this.counterId = counterId;
    const connection = new HallConnection({ token: this.token });
    this.#offConnection = [
      connection.onSnapshot(() => this.#refetch()),
      connection.onEvent((name, event) => {
        if (name === 'ticket:updated') this.#trackTicket((event as unknown as { ticket: Ticket }).ticket);
        if (name !== 'device:updated' && name !== 'rating:created' && name !== 'notice:updated') this.#refetch();
      }),
    ];
    this.connection = connection;
    connection.open();
    void this.loadQueue();
    this.#ratingPoll = setInterval(() => {
      const last = this.queue?.today.last;
      if (last && !last.rated && Date.now() - Date.parse(last.finishedAt) < RATING_WINDOW_MS) void this.loadQueue();
    }, RATING_POLL_MS);
  }

  #trackTicket(ticket: Ticket): void {
    if (ticket.counterId === this.counterId && (ticket.state === 'called' || ticket.state === 'serving')) this.currentTicket = ticket;
    else if (this.currentTicket?.id === ticket.id) this.currentTicket = null;
  }

  #closeConnection(): void {
    clearInterval(this.#ratingPoll);
    for (const off of this.#offConnection) off();
    this.#offConnection = [];
    this.#refetch.cancel();
    this.connection?.close();
    this.connection = null;
  }

  #forgetSession(): void {
    sessionStorage.removeItem(TOKEN_KEY);
    this.token = null;
    this.user = null;
    this.counters = [];
  }
}
