-- Called tickets per past hall day with the sum of their waits in milliseconds (issue to first
-- call, never below 0): the walk-in side of the summary's bookings block is this minus the few
-- booked tickets, instead of a scan of a year of tickets. A day's row is dropped with its rollup
-- (stored, rebuilt or dropped) and counted again from its tickets by the next report.
CREATE TABLE report_called_days (
  hall_day TEXT PRIMARY KEY,
  called INTEGER NOT NULL,
  wait_ms INTEGER NOT NULL
);

CREATE TRIGGER report_rollup_days_insert_drops_called AFTER INSERT ON report_rollup_days BEGIN
  DELETE FROM report_called_days WHERE hall_day = NEW.hall_day;
END;
CREATE TRIGGER report_rollup_days_update_drops_called AFTER UPDATE ON report_rollup_days BEGIN
  DELETE FROM report_called_days WHERE hall_day IN (OLD.hall_day, NEW.hall_day);
END;
CREATE TRIGGER report_rollup_days_delete_drops_called AFTER DELETE ON report_rollup_days BEGIN
  DELETE FROM report_called_days WHERE hall_day = OLD.hall_day;
END;

-- A month pack's serial (from report_watermarks 'month-packs', never reused): the report service
-- keeps packs it has read in memory and reads a month's blob again only when its serial changed.
ALTER TABLE report_rollup_months ADD COLUMN serial INTEGER NOT NULL DEFAULT 0;
