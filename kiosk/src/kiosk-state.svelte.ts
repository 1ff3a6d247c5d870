import {
  ApiError, type IssuedTicket, type PriorityReason, type RatingBody, type TicketLookup, type TrackView,
} from '@hall/shared';
import { findBridge, printThrough } from './bridge';
import type { HallLink } from './hall-link.svelte';
import { errorMessage, t, type Lang, type StringKey } from './i18n';
import { issueBody, newRequestId, sendWithRetry, SingleFlight } from './lib/issue-request';
import { spokenNumber } from './lib/format';
import { reportAfterPrint, type PrinterReport } from './lib/printer-report';
import { tilesPerPage } from './lib/service-tiles';
import { parseRateInput } from './lib/ticket-input';
import { screenTimeouts } from './lib/timeouts';
import { speak, speechTimeoutMs } from './speech';

export type Lane = { priority: 'normal' } | { priority: 'priority'; reason: PriorityReason };
export type PrintState = 'none' | 'printing' | 'printed' | 'fault';
export interface RateTarget {
  ticketId: number;
  number: string;
  serviceName: string;
  counterName: string | null;
  staffName: string | null;
  staffNo: string | null;
  /** Proof of holding the ticket, sent with the rating: the scanned QR or the 验证码 typed beside the number. */
  proof: { trackingCode: string } | { checkCode: string };
}
export type Screen =
  | { name: 'services'; lane: Lane }
  | { name: 'priority' }
  | { name: 'ticket'; ticket: IssuedTicket; print: PrintState }
  | { name: 'rate-entry' }
  | { name: 'rate-form'; target: RateTarget }
  | { name: 'thanks' }
  | { name: 'check-in' };

const HOME: Screen = { name: 'services', lane: { priority: 'normal' } };
/** Retries of one tap, all with the same requestId: about 6 s before the kiosk says the server is gone. */
const ISSUE_RETRY_DELAYS_MS = [400, 800, 1500, 3000];

const isOffline = (error: unknown) => error instanceof ApiError && error.code === 'offline';

/** The kiosk's screen flow: which screen shows, the visitor's language and text size, timeouts, issuing and rating. */
export class Kiosk {
  screen = $state<Screen>(HOME);
  lang = $state<Lang>('zh');
  elderly = $state(false);
  page = $state(0);
  orientation = $state<'portrait' | 'landscape'>('portrait');
  issuing = $state(false);
  /** A refusal after a tap (quota just ran out …), shown over the tiles for a few seconds. */
  notice = $state<string | null>(null);
  now = $state(Date.now());
  deadline = $state<number | null>(null);
  /** Elderly mode is reading something aloud: the screen shows 语音播报中 meanwhile. */
  speaking = $state(false);

  private readonly flight = new SingleFlight<IssuedTicket>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private noticeTimer: ReturnType<typeof setTimeout> | undefined;
  private clock: ReturnType<typeof setInterval> | undefined;
  private lastReported: PrinterReport['state'] | null = null;
  private speechTimer: ReturnType<typeof setTimeout> | undefined;
  private utterance = 0;

  constructor(readonly link: HallLink) {}

  get perPage(): number {
    return tilesPerPage(this.orientation, this.elderly);
  }

  get timeouts() {
    return screenTimeouts(this.elderly);
  }

  /** Seconds left before the screen goes back by itself. */
  get secondsLeft(): number {
    return this.deadline === null ? 0 : Math.max(0, Math.ceil((this.deadline - this.now) / 1000));
  }

  text(key: StringKey, params?: Record<string, string | number>): string {
    return t(this.lang, key, params);
  }

  start(): void {
    this.clock = setInterval(() => {
      this.now = Date.now();
    }, 1000);
    this.arm();
  }

  stop(): void {
    clearInterval(this.clock);
    clearTimeout(this.timer);
    clearTimeout(this.speechTimer);
  }

  /** Any touch or key press: the visitor is still here. */
  touch(): void {
    if (this.screen.name !== 'ticket' && this.screen.name !== 'thanks') this.arm();
  }

  go(screen: Screen): void {
    this.screen = screen;
    this.page = 0;
    this.arm();
  }

  home(): void {
    this.go(HOME);
  }

  /** The next visitor starts from the defaults. */
  resetToStart(): void {
    this.lang = 'zh';
    this.elderly = false;
    this.unmark();
    this.notice = null;
    this.go(HOME);
  }

  toggleLang(): void {
    this.lang = this.lang === 'zh' ? 'en' : 'zh';
    this.say(this.lang === 'zh' ? '中文' : 'English');
  }

  private unmark(): void {
    this.utterance += 1;
    clearTimeout(this.speechTimer);
    this.speaking = false;
  }

  /** Reads aloud and keeps the 语音播报中 mark up until this utterance (not an earlier, cut-off one) is done. */
  private speakMarked(text: string): void {
    const id = ++this.utterance;
    const done = () => {
      if (id !== this.utterance) return;
      clearTimeout(this.speechTimer);
      this.speaking = false;
    };
    if (!speak(text, this.lang, done)) return;
    this.speaking = true;
    clearTimeout(this.speechTimer);
    this.speechTimer = setTimeout(done, speechTimeoutMs(text));
  }

  toggleElderly(): void {
    this.elderly = !this.elderly;
    this.page = 0;
    if (this.elderly) this.speakMarked(t(this.lang, 'elderlyMode'));
    else this.unmark();
    this.arm();
  }

  /** Elderly mode reads each choice aloud. */
  say(text: string): void {
    if (this.elderly) this.speakMarked(text);
  }

  /**
   * One tap on a tile issues one ticket. A second tap while the first is on its way is ignored,
   * and a lost request is retried with the same requestId (the server returns the same ticket).
   */
  take(serviceCode: string, lane: Lane): void {
    if (this.flight.busy || this.link.state !== 'online') return;
    const body = issueBody(serviceCode, newRequestId(), lane);
    this.issuing = true;
    this.flight
      .run(() => sendWithRetry(() => this.link.api.post<IssuedTicket>('/api/tickets', body), {
        delaysMs: ISSUE_RETRY_DELAYS_MS, sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)), retryable: isOffline,
      }))
      .then((ticket) => this.showTicket(ticket))
      .catch((error: unknown) => {
        if (isOffline(error)) this.link.httpFailed();
        else {
          this.flash(error instanceof ApiError ? errorMessage(this.lang, error.code) : errorMessage(this.lang, 'internal'));
          void this.link.refresh();
        }
      })
      .finally(() => {
        this.issuing = false;
      });
  }

  /** Shows (and prints) an issued ticket: a number taken here, or a booking checked in (预约签到). */
  showTicket(ticket: IssuedTicket): void {
    const bridge = findBridge();
    this.go({ name: 'ticket', ticket, print: bridge ? 'printing' : 'none' });
    this.say(`${spokenNumber(ticket.number)}，${t(this.lang, 'takeTicket')}`);
    if (!bridge) return;
    void printThrough(bridge, ticket).then((result) => {
      if (this.screen.name === 'ticket' && this.screen.ticket.id === ticket.id) {
        this.screen = { ...this.screen, print: result.ok ? 'printed' : 'fault' };
        if (!result.ok) this.arm();
      }
      const report = reportAfterPrint(this.lastReported, result);
      if (report) void this.report(report);
    });
  }

  /** The Electron main process reports too; the page does as well, so the manager hears of it in any wiring. */
  private async report(printer: PrinterReport): Promise<void> {
    try {
      await this.link.api.post('/api/devices/status', { printer });
      this.lastReported = printer.state;
    } catch {
      // The next print reports again.
    }
  }

  /**
   * 评价服务: a scanned ticket QR, or a typed number with the 验证码 beside it → the rating form,
   * or the reason it cannot be rated. The server checks the code here already, before the visitor fills the form.
   */
  async findTicketToRate(raw: string, checkCode = ''): Promise<string | null> {
    const input = parseRateInput(raw);
    if (input.kind === 'invalid') return t(this.lang, 'rateBadNumber');
    if (input.kind === 'number' && !/^\d{4}$/.test(checkCode)) return t(this.lang, 'rateBadCode');
    try {
      const found = input.kind === 'tracking'
        ? await this.link.api.get<TrackView>(`/api/track/${encodeURIComponent(input.code)}`)
        : await this.link.api.get<TicketLookup>(`/api/tickets/lookup?number=${encodeURIComponent(input.number)}&checkCode=${checkCode}`);
      if (!found.canRate) return errorMessage(this.lang, found.rated ? 'already-rated' : 'not-rateable');
      this.go({
        name: 'rate-form',
        target: {
          ticketId: found.id, number: found.number, serviceName: found.serviceName,
          counterName: found.counterName, staffName: found.staffName, staffNo: found.staffNo,
          proof: input.kind === 'tracking' ? { trackingCode: input.code } : { checkCode },
        },
      });
      return null;
    } catch (error) {
      if (isOffline(error)) this.link.httpFailed();
      if (error instanceof ApiError && error.code === 'not-found') return t(this.lang, 'rateNotFound');
      return errorMessage(this.lang, error instanceof ApiError ? error.code : 'internal');
    }
  }

  /** Sends the rating with the ticket's proof; null when it was taken, else the visitor-facing reason (已评价 …). */
  async submitRating(target: RateTarget, body: RatingBody): Promise<string | null> {
    try {
      await this.link.api.post(`/api/tickets/${target.ticketId}/rating`, { ...body, ...target.proof });
      this.go({ name: 'thanks' });
      this.say(t(this.lang, 'thanks'));
      return null;
    } catch (error) {
      if (isOffline(error)) this.link.httpFailed();
      return errorMessage(this.lang, error instanceof ApiError ? error.code : 'internal');
    }
  }

  private flash(message: string): void {
    this.notice = message;
    this.say(message);
    clearTimeout(this.noticeTimer);
    this.noticeTimer = setTimeout(() => {
      this.notice = null;
    }, 6000);
  }

  /** One timer per screen: the ticket and thanks screens go back by themselves, any other screen after a minute untouched. */
  private arm(): void {
    clearTimeout(this.timer);
    const screen = this.screen;
    const { ticketMs, unprintedTicketMs, thanksMs, idleMs } = this.timeouts;
    let ms = idleMs;
    if (screen.name === 'ticket') ms = screen.print === 'fault' || screen.print === 'none' ? unprintedTicketMs : ticketMs;
    else if (screen.name === 'thanks') ms = thanksMs;
    this.deadline = Date.now() + ms;
    this.now = Date.now();
    this.timer = setTimeout(() => {
      if (screen.name === 'ticket' || screen.name === 'thanks') this.home();
      else this.resetToStart();
    }, ms);
  }
}
