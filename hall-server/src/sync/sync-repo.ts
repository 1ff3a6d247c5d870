import type { Db } from '../db/database';

/** The hall's sync state (one row). */
export interface SyncState {
  enrolled: boolean;
  cityUrl: string | null;
  hallId: number | null;
  publicUrl: string | null;
  enrolledAt: number | null;
  ackSeq: number;
  pullVersion: number;
  lastDayClosed: string | null;
  lastSuccessAt: number | null;
  lastPullAt: number | null;
  lastError: string | null;
  lastErrorAt: number | null;
}

interface SyncStateRow {
  enrolled: number; city_url: string | null; hall_id: number | null; public_url: string | null; enrolled_at: number | null;
  ack_seq: number; pull_version: number; last_day_closed: string | null; last_success_at: number | null;
  last_pull_at: number | null; last_error: string | null; last_error_at: number | null;
}

/** One outbox row; `data` is already the contract's JSON text. */
export interface OutboxRow {
  seq: number;
  kind: string;
  at: number;
  data: string;
}

/** Setting key holding the base URL printed in ticket QR codes once the hall is enrolled. */
export const TRACKING_URL_SETTING = 'tracking_url_base';

export type SyncRepo = ReturnType<typeof createSyncRepo>;

/** SQL of the sync module: its state row, the outbox, the enrollment backfill, city notices. */
export function createSyncRepo(db: Db) {
  const state = db.prepare('SELECT * FROM sync_state WHERE id = 1');
  const enroll = db.prepare(
    `UPDATE sync_state SET enrolled = 1, city_url = ?, hall_id = ?, public_url = ?, enrolled_at = ?, ack_seq = 0, pull_version = 0,
       last_error = NULL, last_error_at = NULL WHERE id = 1`,
  );
  const putTrackingUrl = db.prepare(
    'INSERT INTO hall_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  const setAck = db.prepare('UPDATE sync_state SET ack_seq = ?, last_success_at = ?, last_error = NULL, last_error_at = NULL WHERE id = 1');
  const setPulled = db.prepare('UPDATE sync_state SET pull_version = ?, last_pull_at = ? WHERE id = 1');
  const setError = db.prepare('UPDATE sync_state SET last_error = ?, last_error_at = ? WHERE id = 1');
  const setDayClosed = db.prepare('UPDATE sync_state SET last_day_closed = ? WHERE id = 1');
  // The highest seq ever handed out, even after acknowledged rows were pruned.
  const lastSeq = db.prepare("SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'outbox'), 0) AS seq");
  const pending = db.prepare('SELECT seq, kind, at, data FROM outbox WHERE seq >= ? ORDER BY seq LIMIT ?');
  const append = db.prepare('INSERT INTO outbox (kind, at, data) VALUES (?, ?, ?)');
  const prune = db.prepare('DELETE FROM outbox WHERE seq <= ? AND at < ?');
  const openOrRecent = db.prepare(
    `SELECT t.id FROM tickets t
     WHERE t.hall_day = ? AND (t.state IN ('waiting', 'called', 'serving', 'parked')
       OR (t.state = 'done' AND t.finished_at >= ? AND NOT EXISTS (SELECT 1 FROM ratings r WHERE r.ticket_id = t.id)))
     ORDER BY t.id`,
  );
  const oldestWaiting = db.prepare("SELECT MIN(issued_at) AS at FROM tickets WHERE hall_day = ? AND state = 'waiting'");
  const printerFaults = db.prepare("SELECT COUNT(*) AS n FROM devices WHERE revoked_at IS NULL AND printer_state IS NOT NULL AND printer_state != 'ok'");
  const putNotice = db.prepare(
    `INSERT INTO sync_notices (id, text, from_day, to_day) VALUES (?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET text = excluded.text, from_day = excluded.from_day, to_day = excluded.to_day`,
  );
  const currentNotices = db.prepare('SELECT id, text, from_day, to_day FROM sync_notices WHERE ? BETWEEN from_day AND to_day ORDER BY id');
  // Issue 11: 督办 reminders from the city (the insert and the read each queue an outbox `supervision` record).
  const putSupervision = db.prepare(
    `INSERT INTO city_supervisions (id, follow_up_id, message, by_name, sent_at, received_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO NOTHING`,
  );
  const readSupervision = db.prepare('UPDATE city_supervisions SET acknowledged_at = ?, acknowledged_by = ? WHERE id = ? AND acknowledged_at IS NULL');
  const supervisionExists = db.prepare('SELECT 1 FROM city_supervisions WHERE id = ?');
  const listSupervisions = db.prepare(
    `SELECT s.id, s.follow_up_id, s.message, s.by_name, s.sent_at, s.received_at, s.acknowledged_at, t.number, t.hall_day
     FROM city_supervisions s
     LEFT JOIN follow_ups f ON f.id = s.follow_up_id
     LEFT JOIN ratings r ON r.id = f.rating_id
     LEFT JOIN tickets t ON t.id = r.ticket_id
     ORDER BY s.acknowledged_at IS NOT NULL, s.id DESC LIMIT ?`,
  );

  // Enrollment backfill: rewriting a row onto itself fires the AFTER UPDATE outbox triggers, so the
  // history goes out in exactly the shape of a live change. No other trigger watches these columns.
  const backfillSetup = [
    db.prepare('UPDATE services SET code = code'),
    db.prepare('UPDATE users SET display_name = display_name'),
    db.prepare('UPDATE counters SET id = id'),
  ];
  const backfillHistory = [
    db.prepare('UPDATE tickets SET id = id WHERE hall_day >= ?'),
    db.prepare('UPDATE ratings SET id = id WHERE ticket_id IN (SELECT id FROM tickets WHERE hall_day >= ?)'),
    db.prepare(
      'UPDATE follow_ups SET id = id WHERE rating_id IN (SELECT r.id FROM ratings r JOIN tickets t ON t.id = r.ticket_id WHERE t.hall_day >= ?)',
    ),
  ];

  const toState = (row: SyncStateRow): SyncState => ({
    enrolled: row.enrolled === 1, cityUrl: row.city_url, hallId: row.hall_id, publicUrl: row.public_url, enrolledAt: row.enrolled_at,
    ackSeq: row.ack_seq, pullVersion: row.pull_version, lastDayClosed: row.last_day_closed, lastSuccessAt: row.last_success_at,
    lastPullAt: row.last_pull_at, lastError: row.last_error, lastErrorAt: row.last_error_at,
  });

  return {
    state: (): SyncState => toState(state.get() as SyncStateRow),

    /** Marks the hall enrolled (outbox triggers on) and queues its current setup and history since `sinceDay`. */
    enroll(city: { cityUrl: string; hallId: number; publicUrl: string }, now: number, sinceDay: string) {
      db.transaction(() => {
        enroll.run(city.cityUrl, city.hallId, city.publicUrl, now);
        putTrackingUrl.run(TRACKING_URL_SETTING, city.publicUrl.replace(/\/$/, ''));
        for (const statement of backfillSetup) statement.run();
        for (const statement of backfillHistory) statement.run(sinceDay);
      }).immediate();
    },

    lastSeq: () => (lastSeq.get() as { seq: number }).seq,
    pending: (fromSeq: number, limit: number) => pending.all(fromSeq, limit) as OutboxRow[],
    append: (kind: string, at: number, data: unknown) => Number(append.run(kind, at, JSON.stringify(data)).lastInsertRowid),
    acknowledge: (ackSeq: number, now: number) => {
      setAck.run(ackSeq, now);
    },
    pulled: (version: number, now: number) => {
      setPulled.run(version, now);
    },
    failed: (message: string, now: number) => {
      setError.run(message.slice(0, 500), now);
    },
    /** Drops acknowledged rows older than `before` (they stay as long as the city may still ask). */
    prune: (ackSeq: number, before: number) => prune.run(ackSeq, before).changes,
    /** Appends `day-closed` for `hallDay` once, in one transaction with the mark. */
    closeDay(hallDay: string, now: number) {
      db.transaction(() => {
        append.run('day-closed', now, JSON.stringify({ hallDay }));
        setDayClosed.run(hallDay);
      }).immediate();
    },
    /** Today's tickets a phone may still be watching: open ones, and done ones not yet rated. */
    liveTicketIds: (hallDay: string, finishedSince: number) => (openOrRecent.all(hallDay, finishedSince) as { id: number }[]).map((r) => r.id),
    oldestWaitingIssuedAt: (hallDay: string) => (oldestWaiting.get(hallDay) as { at: number | null }).at,
    printerFaults: () => (printerFaults.get() as { n: number }).n,
    putNotice: (notice: { id: number; text: string; from: string; to: string }) => {
      putNotice.run(notice.id, notice.text, notice.from, notice.to);
    },
    /** Stores 督办 reminders pulled from the city, each once. */
    putSupervisions(list: readonly { id: number; followUpId: number; message: string; by: string; at: string }[], now: number) {
      if (list.length === 0) return;
      db.transaction(() => {
        for (const s of list) putSupervision.run(s.id, s.followUpId, s.message, s.by, Date.parse(s.at), now);
      }).immediate();
    },
    /** Marks a reminder read; false when there is no such reminder. */
    readSupervision(id: number, userId: number | null, now: number): boolean {
      if (!supervisionExists.get(id)) return false;
      readSupervision.run(now, userId, id);
      return true;
    },
    supervisions: (limit: number) =>
      (listSupervisions.all(limit) as {
        id: number; follow_up_id: number; message: string; by_name: string; sent_at: number; received_at: number; acknowledged_at: number | null;
        number: string | null; hall_day: string | null;
      }[]).map((s) => ({
        id: s.id, followUpId: s.follow_up_id, ticketNumber: s.number, hallDay: s.hall_day, message: s.message, by: s.by_name,
        sentAt: new Date(s.sent_at).toISOString(), receivedAt: new Date(s.received_at).toISOString(),
        acknowledgedAt: s.acknowledged_at === null ? null : new Date(s.acknowledged_at).toISOString(),
      })),
    currentNotices: (today: string) =>
      (currentNotices.all(today) as { id: number; text: string; from_day: string; to_day: string }[]).map((n) => ({
        id: n.id, text: n.text, from: n.from_day, to: n.to_day,
      })),
  };
}
