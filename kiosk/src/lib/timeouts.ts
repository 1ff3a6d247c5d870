/** How long each screen waits for the visitor. Elderly mode never waits under 30 s (the hall's accessibility rule). */
export interface ScreenTimeouts {
  /** The issued ticket, then back to the start. */
  ticketMs: number;
  /** A ticket that did not print: the visitor needs time to photograph it. */
  unprintedTicketMs: number;
  /** 感谢您的评价. */
  thanksMs: number;
  /** Any other screen left untouched. */
  idleMs: number;
}

export function screenTimeouts(elderly: boolean): ScreenTimeouts {
  return elderly
    ? { ticketMs: 30_000, unprintedTicketMs: 45_000, thanksMs: 30_000, idleMs: 60_000 }
    : { ticketMs: 15_000, unprintedTicketMs: 30_000, thanksMs: 10_000, idleMs: 60_000 };
}
