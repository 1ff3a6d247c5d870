-- Issue 11: the 办件编号 staff may type in the finish dialog (optional; the city export generates one
-- when it is empty), carried up in the outbox ticket rows as `caseNumber`.
ALTER TABLE tickets ADD COLUMN case_number TEXT CHECK (case_number IS NULL OR length(case_number) BETWEEN 1 AND 64);

-- The outbox's ticket rows now carry the case number (0011 and 0013 wrote NULL).
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
    'estimatedWaitSeconds', NEW.estimated_wait_seconds, 'caseNumber', NEW.case_number));
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
    'estimatedWaitSeconds', NEW.estimated_wait_seconds, 'caseNumber', NEW.case_number));
END;

-- 督办 reminders pulled from the city about one of this hall's open follow-ups: shown on the manager
-- console until a manager marks them read. Each change goes up as an outbox `supervision` record.
CREATE TABLE city_supervisions (
  id INTEGER PRIMARY KEY,
  follow_up_id INTEGER NOT NULL,
  message TEXT NOT NULL,
  by_name TEXT NOT NULL,
  sent_at INTEGER NOT NULL,
  received_at INTEGER NOT NULL,
  acknowledged_at INTEGER,
  acknowledged_by INTEGER
);
CREATE INDEX city_supervisions_unread ON city_supervisions (acknowledged_at, id);

CREATE TRIGGER sync_supervisions_insert AFTER INSERT ON city_supervisions WHEN (SELECT enrolled FROM sync_state WHERE id = 1) = 1
BEGIN
  INSERT INTO outbox (kind, at, data) VALUES ('supervision', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER), json_object(
    'id', NEW.id, 'receivedAt', strftime('%Y-%m-%dT%H:%M:%fZ', NEW.received_at / 1000.0, 'unixepoch'),
    'acknowledgedAt', strftime('%Y-%m-%dT%H:%M:%fZ', NEW.acknowledged_at / 1000.0, 'unixepoch')));
END;

CREATE TRIGGER sync_supervisions_update AFTER UPDATE OF acknowledged_at ON city_supervisions WHEN (SELECT enrolled FROM sync_state WHERE id = 1) = 1
BEGIN
  INSERT INTO outbox (kind, at, data) VALUES ('supervision', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER), json_object(
    'id', NEW.id, 'receivedAt', strftime('%Y-%m-%dT%H:%M:%fZ', NEW.received_at / 1000.0, 'unixepoch'),
    'acknowledgedAt', strftime('%Y-%m-%dT%H:%M:%fZ', NEW.acknowledged_at / 1000.0, 'unixepoch')));
END;
