import Database from 'better-sqlite3';
import { TICKET_STATES } from '@hall/shared';

type Db = Database.Database;

/**
 * The database invariants the hall promises whatever happened to it (load, crashes, fuzzing).
 * Returns one line per violation; an empty list means the database is sound.
 */
export function checkInvariants(db: Db): string[] {
  const problems: string[] = [];
  const integrity = db.pragma('integrity_check') as { integrity_check: string }[];
  if (integrity.length !== 1 || integrity[0]?.integrity_check !== 'ok') problems.push(`integrity_check: ${JSON.stringify(integrity)}`);
  const foreign = db.pragma('foreign_key_check') as unknown[];
  if (foreign.length > 0) problems.push(`foreign_key_check: ${JSON.stringify(foreign.slice(0, 5))}`);

  const twoCurrent = db.prepare(
    "SELECT counter_id, COUNT(*) AS n FROM tickets WHERE state IN ('called', 'serving') GROUP BY counter_id HAVING n > 1 OR counter_id IS NULL",
  ).all();
  if (twoCurrent.length > 0) problems.push(`counters holding more than one current ticket (or a current ticket without counter): ${JSON.stringify(twoCurrent)}`);

  const duplicateNumbers = db.prepare('SELECT hall_day, number, COUNT(*) AS n FROM tickets GROUP BY hall_day, number HAVING n > 1').all();
  if (duplicateNumbers.length > 0) problems.push(`numbers issued twice in a hall day: ${JSON.stringify(duplicateNumbers.slice(0, 5))}`);

  const noIssue = db.prepare(
    "SELECT id, number FROM tickets t WHERE NOT EXISTS (SELECT 1 FROM ticket_events e WHERE e.ticket_id = t.id AND e.action = 'issue')",
  ).all();
  if (noIssue.length > 0) problems.push(`tickets without an 'issue' event: ${JSON.stringify(noIssue.slice(0, 5))}`);

  const placeholders = TICKET_STATES.map(() => '?').join(', ');
  const badStates = db.prepare(`SELECT id, state FROM tickets WHERE state NOT IN (${placeholders})`).all(...TICKET_STATES);
  if (badStates.length > 0) problems.push(`tickets in unknown states: ${JSON.stringify(badStates.slice(0, 5))}`);

  // The last event of a ticket names the state it is in: the audit trail and the row agree.
  const drift = db.prepare(
    `SELECT t.id, t.state, e.to_state FROM tickets t
       JOIN ticket_events e ON e.id = (SELECT MAX(id) FROM ticket_events WHERE ticket_id = t.id)
      WHERE e.to_state <> t.state`,
  ).all();
  if (drift.length > 0) problems.push(`tickets whose last event disagrees with their state: ${JSON.stringify(drift.slice(0, 5))}`);

  // A number's sequence never exceeds the day's counter for its prefix (else the next issue would reuse it).
  const aheadOfSequence = db.prepare(
    `SELECT t.hall_day, t.number, s.last_seq FROM tickets t
       JOIN services sv ON sv.code = t.original_service_code
       LEFT JOIN ticket_sequences s ON s.hall_day = t.hall_day AND s.prefix = sv.prefix
      WHERE s.last_seq IS NULL OR CAST(substr(t.number, length(sv.prefix) + 1) AS INTEGER) > s.last_seq`,
  ).all();
  if (aheadOfSequence.length > 0) problems.push(`numbers beyond their day's sequence: ${JSON.stringify(aheadOfSequence.slice(0, 5))}`);

  const doneWithoutFinish = db.prepare("SELECT id FROM tickets WHERE state = 'done' AND finished_at IS NULL").all();
  if (doneWithoutFinish.length > 0) problems.push(`done tickets without finished_at: ${JSON.stringify(doneWithoutFinish.slice(0, 5))}`);
  return problems;
}

/** Opens a hall database file read-only (after its server has stopped) and checks it. */
export function checkInvariantsOfFile(file: string): string[] {
  // Read-write: a WAL left by a killed server is recovered on open, which a read-only handle may refuse.
  const db = new Database(file);
  try {
    return checkInvariants(db);
  } finally {
    db.close();
  }
}
