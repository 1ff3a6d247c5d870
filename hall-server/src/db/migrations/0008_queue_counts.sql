-- Counts the kiosk and every screen ask for on each ticket, kept by triggers in the same
-- transaction as the ticket change, so they are always exact and cost one row read, not a scan
-- of the day's tickets.
CREATE TABLE waiting_counts (
  hall_day TEXT NOT NULL,
  service_code TEXT NOT NULL,
  priority TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (hall_day, service_code, priority)
) WITHOUT ROWID;

CREATE TABLE issued_counts (
  hall_day TEXT NOT NULL,
  service_code TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (hall_day, service_code)
) WITHOUT ROWID;

INSERT INTO waiting_counts (hall_day, service_code, priority, n)
  SELECT hall_day, service_code, priority, COUNT(*) FROM tickets WHERE state = 'waiting' GROUP BY hall_day, service_code, priority;
INSERT INTO issued_counts (hall_day, service_code, n)
  SELECT hall_day, original_service_code, COUNT(*) FROM tickets GROUP BY hall_day, original_service_code;

CREATE TRIGGER tickets_count_insert AFTER INSERT ON tickets
BEGIN
  INSERT INTO issued_counts (hall_day, service_code, n) VALUES (NEW.hall_day, NEW.original_service_code, 1)
    ON CONFLICT (hall_day, service_code) DO UPDATE SET n = n + 1;
  INSERT INTO waiting_counts (hall_day, service_code, priority, n)
    SELECT NEW.hall_day, NEW.service_code, NEW.priority, 1 WHERE NEW.state = 'waiting'
    ON CONFLICT (hall_day, service_code, priority) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER tickets_count_leave_waiting AFTER UPDATE OF state, service_code, priority ON tickets
  WHEN OLD.state = 'waiting'
BEGIN
  UPDATE waiting_counts SET n = n - 1 WHERE hall_day = OLD.hall_day AND service_code = OLD.service_code AND priority = OLD.priority;
END;

CREATE TRIGGER tickets_count_enter_waiting AFTER UPDATE OF state, service_code, priority ON tickets
  WHEN NEW.state = 'waiting'
BEGIN
  INSERT INTO waiting_counts (hall_day, service_code, priority, n) VALUES (NEW.hall_day, NEW.service_code, NEW.priority, 1)
    ON CONFLICT (hall_day, service_code, priority) DO UPDATE SET n = n + 1;
END;

-- Issued counts come from issued_counts now; the index of 0005 only slowed every insert.
DROP INDEX tickets_day_service;
