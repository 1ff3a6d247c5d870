-- Appointments (issue 12, DESIGN.md "Appointments"): bookings pulled from the city, checked in at
-- the kiosk. Personal data: the name masked (张*), the phone's last 4 digits and a keyed hash only —
-- never a full phone or ID number.
CREATE TABLE bookings (
  id INTEGER PRIMARY KEY,                 -- the city's booking id
  code TEXT NOT NULL,                     -- 6 digits, unique per hall and day
  service_code TEXT NOT NULL,
  slot_start INTEGER NOT NULL,
  slot_end INTEGER NOT NULL,
  hall_day TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('booked', 'cancelled', 'checked_in', 'no_show')),
  masked_name TEXT NOT NULL,
  phone_last4 TEXT NOT NULL,
  phone_hash TEXT NOT NULL,
  ticket_id INTEGER REFERENCES tickets(id),
  checked_in_at INTEGER,
  no_show_at INTEGER,
  cancelled_at INTEGER
);
CREATE UNIQUE INDEX bookings_day_code ON bookings (hall_day, code);
CREATE INDEX bookings_open ON bookings (state, slot_start);

-- Where a ticket came from: a walk-in, or a booking checked in at the kiosk (its queue place is the slot start).
ALTER TABLE tickets ADD COLUMN source TEXT NOT NULL DEFAULT 'walk-in' CHECK (source IN ('walk-in', 'booking'));

-- The outbox's ticket rows now carry the ticket's source (0011 wrote 'walk-in' for every ticket).
DROP TRIGGER sync_tickets_insert;
DROP TRIGGER sync_tickets_update;

CREATE TRIGGER sync_tickets_insert AFTER INSERT ON tickets WHEN (SELECT enrolled FROM sync_state WHERE id = 1) = 1
BEGIN
  INSERT INTO outbox (kind, at, data) VALUES ('ticket', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER), json_object(
    'id', NEW.id, 'hallDay', NEW.hall_day, 'number', NEW.number, 'serviceCode', NEW.service_code,
    'originalServiceCode', NEW.original_service_code, 'priority', NEW.priority, 'source', NEW.source, 'state', NEW.state,
    'issuedAt', strftime('%Y-%m-%dT%H:%M:%fZ', NEW.issued_at / 1000.0, 'unixepoch'),
    'calledAt', strftime('%Y-%m-%dT%H:%M:%fZ', NEW.first_called_at / 1000.0, 'unixepoch'),
    'lastCalledAt', strftime('%Y-%m-%dT%H:%M:%fZ', NEW.called_at / 1000.0, 'unixepoch'),
    'startedAt', strftime('%Y-%m-%dT%H:%M:%fZ', NEW.started_at / 1000.0, 'unixepoch'),
    'finishedAt', strftime('%Y-%m-%dT%H:%M:%fZ', NEW.finished_at / 1000.0, 'unixepoch'),
    'counterId', NEW.counter_id, 'staffId', NEW.staff_id, 'recallCount', NEW.recall_count, 'outcome', NEW.outcome,
    'estimatedWaitSeconds', NEW.estimated_wait_seconds, 'caseNumber', NULL));
END;

CREATE TRIGGER sync_tickets_update AFTER UPDATE ON tickets WHEN (SELECT enrolled FROM sync_state WHERE id = 1) = 1
BEGIN
  INSERT INTO outbox (kind, at, data) VALUES ('ticket', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER), json_object(
    'id', NEW.id, 'hallDay', NEW.hall_day, 'number', NEW.number, 'serviceCode', NEW.service_code,
    'originalServiceCode', NEW.original_service_code, 'priority', NEW.priority, 'source', NEW.source, 'state', NEW.state,
    'issuedAt', strftime('%Y-%m-%dT%H:%M:%fZ', NEW.issued_at / 1000.0, 'unixepoch'),
    'calledAt', strftime('%Y-%m-%dT%H:%M:%fZ', NEW.first_called_at / 1000.0, 'unixepoch'),
    'lastCalledAt', strftime('%Y-%m-%dT%H:%M:%fZ', NEW.called_at / 1000.0, 'unixepoch'),
    'startedAt', strftime('%Y-%m-%dT%H:%M:%fZ', NEW.started_at / 1000.0, 'unixepoch'),
    'finishedAt', strftime('%Y-%m-%dT%H:%M:%fZ', NEW.finished_at / 1000.0, 'unixepoch'),
    'counterId', NEW.counter_id, 'staffId', NEW.staff_id, 'recallCount', NEW.recall_count, 'outcome', NEW.outcome,
    'estimatedWaitSeconds', NEW.estimated_wait_seconds, 'caseNumber', NULL));
END;

-- The hall's word on a booking goes up to the city: checked in (with its ticket) or a no-show.
CREATE TRIGGER sync_bookings_state AFTER UPDATE OF state ON bookings
  WHEN (SELECT enrolled FROM sync_state WHERE id = 1) = 1 AND NEW.state IN ('checked_in', 'no_show') AND NEW.state <> OLD.state
BEGIN
  INSERT INTO outbox (kind, at, data) VALUES ('booking', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER), json_object(
    'id', NEW.id, 'state', NEW.state,
    'at', strftime('%Y-%m-%dT%H:%M:%fZ', COALESCE(CASE NEW.state WHEN 'checked_in' THEN NEW.checked_in_at ELSE NEW.no_show_at END, 0) / 1000.0, 'unixepoch'),
    'ticketId', NEW.ticket_id));
END;
