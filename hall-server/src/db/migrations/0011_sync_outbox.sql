-- City network (DESIGN.md "City network"): the hall's link to the city server.
-- One row of sync state. `enrolled` switches the outbox triggers on: a hall that never enrolls
-- writes nothing more than before (each trigger's WHEN reads this one row and stops).
CREATE TABLE sync_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  enrolled INTEGER NOT NULL DEFAULT 0,
  city_url TEXT,
  hall_id INTEGER,
  public_url TEXT,
  enrolled_at INTEGER,
  ack_seq INTEGER NOT NULL DEFAULT 0,
  pull_version INTEGER NOT NULL DEFAULT 0,
  last_day_closed TEXT,
  last_success_at INTEGER,
  last_pull_at INTEGER,
  last_error TEXT,
  last_error_at INTEGER
);
INSERT INTO sync_state (id) VALUES (1);

-- Every change the city needs, appended in the same transaction as the change itself. AUTOINCREMENT
-- keeps seq gap-free and never reused: a rolled-back transaction rolls its seq back too, and pruning
-- acknowledged rows never lets a later seq restart below the highest one ever handed out.
-- `data` is the full current row (JSON, contract field names); never a finish note or visitor data.
CREATE TABLE outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL,
  at INTEGER NOT NULL,
  data TEXT NOT NULL
);

-- City-wide notices pulled from the city (shown on the manager console).
CREATE TABLE sync_notices (
  id INTEGER PRIMARY KEY,
  text TEXT NOT NULL,
  from_day TEXT NOT NULL,
  to_day TEXT NOT NULL
);

-- Times: ISO 8601 UTC with milliseconds, as the contract's isoTime; `at` is milliseconds since the epoch.
-- A ticket's `calledAt` is its FIRST call (first_called_at): the wait every report counts ends there.

CREATE TRIGGER sync_tickets_insert AFTER INSERT ON tickets WHEN (SELECT enrolled FROM sync_state WHERE id = 1) = 1
BEGIN
  INSERT INTO outbox (kind, at, data) VALUES ('ticket', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER), json_object(
    'id', NEW.id, 'hallDay', NEW.hall_day, 'number', NEW.number, 'serviceCode', NEW.service_code,
    'originalServiceCode', NEW.original_service_code, 'priority', NEW.priority, 'source', 'walk-in', 'state', NEW.state,
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
    'originalServiceCode', NEW.original_service_code, 'priority', NEW.priority, 'source', 'walk-in', 'state', NEW.state,
    'issuedAt', strftime('%Y-%m-%dT%H:%M:%fZ', NEW.issued_at / 1000.0, 'unixepoch'),
    'calledAt', strftime('%Y-%m-%dT%H:%M:%fZ', NEW.first_called_at / 1000.0, 'unixepoch'),
    'lastCalledAt', strftime('%Y-%m-%dT%H:%M:%fZ', NEW.called_at / 1000.0, 'unixepoch'),
    'startedAt', strftime('%Y-%m-%dT%H:%M:%fZ', NEW.started_at / 1000.0, 'unixepoch'),
    'finishedAt', strftime('%Y-%m-%dT%H:%M:%fZ', NEW.finished_at / 1000.0, 'unixepoch'),
    'counterId', NEW.counter_id, 'staffId', NEW.staff_id, 'recallCount', NEW.recall_count, 'outcome', NEW.outcome,
    'estimatedWaitSeconds', NEW.estimated_wait_seconds, 'caseNumber', NULL));
END;

CREATE TRIGGER sync_ratings_insert AFTER INSERT ON ratings WHEN (SELECT enrolled FROM sync_state WHERE id = 1) = 1
BEGIN
  INSERT INTO outbox (kind, at, data) VALUES ('rating', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER), json_object(
    'id', NEW.id, 'ticketId', NEW.ticket_id, 'score', NEW.score, 'attitude', NEW.attitude, 'efficiency', NEW.efficiency,
    'policy', NEW.policy, 'competence', NEW.competence, 'comment', NEW.comment,
    'channel', CASE NEW.source WHEN 'phone' THEN 'qr' WHEN 'pad' THEN 'pad' ELSE 'kiosk' END,
    'createdAt', strftime('%Y-%m-%dT%H:%M:%fZ', NEW.created_at / 1000.0, 'unixepoch'),
    'excluded', json(CASE WHEN NEW.excluded_at IS NULL THEN 'false' ELSE 'true' END), 'excludedReason', NEW.exclude_reason));
END;

CREATE TRIGGER sync_ratings_update AFTER UPDATE ON ratings WHEN (SELECT enrolled FROM sync_state WHERE id = 1) = 1
BEGIN
  INSERT INTO outbox (kind, at, data) VALUES ('rating', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER), json_object(
    'id', NEW.id, 'ticketId', NEW.ticket_id, 'score', NEW.score, 'attitude', NEW.attitude, 'efficiency', NEW.efficiency,
    'policy', NEW.policy, 'competence', NEW.competence, 'comment', NEW.comment,
    'channel', CASE NEW.source WHEN 'phone' THEN 'qr' WHEN 'pad' THEN 'pad' ELSE 'kiosk' END,
    'createdAt', strftime('%Y-%m-%dT%H:%M:%fZ', NEW.created_at / 1000.0, 'unixepoch'),
    'excluded', json(CASE WHEN NEW.excluded_at IS NULL THEN 'false' ELSE 'true' END), 'excludedReason', NEW.exclude_reason));
END;

CREATE TRIGGER sync_follow_ups_insert AFTER INSERT ON follow_ups WHEN (SELECT enrolled FROM sync_state WHERE id = 1) = 1
BEGIN
  INSERT INTO outbox (kind, at, data) VALUES ('follow-up', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER), json_object(
    'id', NEW.id, 'ratingId', NEW.rating_id, 'ticketId', (SELECT ticket_id FROM ratings WHERE id = NEW.rating_id),
    'state', CASE WHEN NEW.closed_at IS NULL THEN 'open' ELSE 'closed' END,
    'openedAt', strftime('%Y-%m-%dT%H:%M:%fZ', NEW.opened_at / 1000.0, 'unixepoch'), 'dueDay', NEW.due_day,
    'closedAt', strftime('%Y-%m-%dT%H:%M:%fZ', NEW.closed_at / 1000.0, 'unixepoch'), 'outcome', NEW.outcome));
END;

CREATE TRIGGER sync_follow_ups_update AFTER UPDATE ON follow_ups WHEN (SELECT enrolled FROM sync_state WHERE id = 1) = 1
BEGIN
  INSERT INTO outbox (kind, at, data) VALUES ('follow-up', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER), json_object(
    'id', NEW.id, 'ratingId', NEW.rating_id, 'ticketId', (SELECT ticket_id FROM ratings WHERE id = NEW.rating_id),
    'state', CASE WHEN NEW.closed_at IS NULL THEN 'open' ELSE 'closed' END,
    'openedAt', strftime('%Y-%m-%dT%H:%M:%fZ', NEW.opened_at / 1000.0, 'unixepoch'), 'dueDay', NEW.due_day,
    'closedAt', strftime('%Y-%m-%dT%H:%M:%fZ', NEW.closed_at / 1000.0, 'unixepoch'), 'outcome', NEW.outcome));
END;

CREATE TRIGGER sync_services_insert AFTER INSERT ON services WHEN (SELECT enrolled FROM sync_state WHERE id = 1) = 1
BEGIN
  INSERT INTO outbox (kind, at, data) VALUES ('service', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER), json_object(
    'code', NEW.code, 'name', NEW.name_zh, 'targetWaitMinutes', NEW.target_wait_minutes, 'dailyQuota', NEW.daily_quota));
END;

CREATE TRIGGER sync_services_update AFTER UPDATE ON services WHEN (SELECT enrolled FROM sync_state WHERE id = 1) = 1
BEGIN
  INSERT INTO outbox (kind, at, data) VALUES ('service', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER), json_object(
    'code', NEW.code, 'name', NEW.name_zh, 'targetWaitMinutes', NEW.target_wait_minutes, 'dailyQuota', NEW.daily_quota));
END;

-- Staff names and numbers only: a password or login change writes nothing.
CREATE TRIGGER sync_users_insert AFTER INSERT ON users WHEN (SELECT enrolled FROM sync_state WHERE id = 1) = 1
BEGIN
  INSERT INTO outbox (kind, at, data) VALUES ('staff', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER), json_object(
    'id', NEW.id, 'name', NEW.display_name, 'staffNo', NEW.staff_no));
END;

CREATE TRIGGER sync_users_update AFTER UPDATE OF display_name, staff_no ON users WHEN (SELECT enrolled FROM sync_state WHERE id = 1) = 1
BEGIN
  INSERT INTO outbox (kind, at, data) VALUES ('staff', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER), json_object(
    'id', NEW.id, 'name', NEW.display_name, 'staffNo', NEW.staff_no));
END;

CREATE TRIGGER sync_counters_insert AFTER INSERT ON counters WHEN (SELECT enrolled FROM sync_state WHERE id = 1) = 1
BEGIN
  INSERT INTO outbox (kind, at, data) VALUES ('counter', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER), json_object(
    'id', NEW.id, 'name', NEW.name,
    'services', json((SELECT json_group_array(service_code) FROM (SELECT service_code FROM counter_services WHERE counter_id = NEW.id ORDER BY preference))),
    'state', NEW.state, 'staffId', NEW.staff_id));
END;

CREATE TRIGGER sync_counters_update AFTER UPDATE ON counters WHEN (SELECT enrolled FROM sync_state WHERE id = 1) = 1
BEGIN
  INSERT INTO outbox (kind, at, data) VALUES ('counter', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER), json_object(
    'id', NEW.id, 'name', NEW.name,
    'services', json((SELECT json_group_array(service_code) FROM (SELECT service_code FROM counter_services WHERE counter_id = NEW.id ORDER BY preference))),
    'state', NEW.state, 'staffId', NEW.staff_id));
END;

-- A counter's service list changes row by row: each change sends the counter as it then stands.
CREATE TRIGGER sync_counter_services_insert AFTER INSERT ON counter_services WHEN (SELECT enrolled FROM sync_state WHERE id = 1) = 1
BEGIN
  INSERT INTO outbox (kind, at, data) SELECT 'counter', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER), json_object(
    'id', c.id, 'name', c.name,
    'services', json((SELECT json_group_array(service_code) FROM (SELECT service_code FROM counter_services WHERE counter_id = c.id ORDER BY preference))),
    'state', c.state, 'staffId', c.staff_id) FROM counters c WHERE c.id = NEW.counter_id;
END;

CREATE TRIGGER sync_counter_services_delete AFTER DELETE ON counter_services WHEN (SELECT enrolled FROM sync_state WHERE id = 1) = 1
BEGIN
  INSERT INTO outbox (kind, at, data) SELECT 'counter', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER), json_object(
    'id', c.id, 'name', c.name,
    'services', json((SELECT json_group_array(service_code) FROM (SELECT service_code FROM counter_services WHERE counter_id = c.id ORDER BY preference))),
    'state', c.state, 'staffId', c.staff_id) FROM counters c WHERE c.id = OLD.counter_id;
END;
