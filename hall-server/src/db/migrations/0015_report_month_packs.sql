-- Past months pre-merged: one row per hall month holding its rolled-up days packed in one blob
-- (shared/src/reports/rollup.ts packMonth), so a year's summary sums 12 packs instead of ~360
-- days. from_day is the month's first day the pack covers (a hall's first month may start late).
-- A pack is dropped whenever a day of its month is stored, rebuilt or dropped; the next report
-- that covers the whole month packs it again from the day rollups.
CREATE TABLE report_rollup_months (
  month TEXT PRIMARY KEY, -- YYYY-MM
  from_day TEXT NOT NULL,
  built_at INTEGER NOT NULL,
  data BLOB NOT NULL
);

CREATE TRIGGER report_rollup_days_insert_drops_month AFTER INSERT ON report_rollup_days BEGIN
  DELETE FROM report_rollup_months WHERE month = substr(NEW.hall_day, 1, 7);
END;
CREATE TRIGGER report_rollup_days_update_drops_month AFTER UPDATE ON report_rollup_days BEGIN
  DELETE FROM report_rollup_months WHERE month IN (substr(OLD.hall_day, 1, 7), substr(NEW.hall_day, 1, 7));
END;
CREATE TRIGGER report_rollup_days_delete_drops_month AFTER DELETE ON report_rollup_days BEGIN
  DELETE FROM report_rollup_months WHERE month = substr(OLD.hall_day, 1, 7);
END;
