-- Report rollups: one row per past hall day × service × counter × staff × hour of issue, holding
-- exact counts and sums and the sorted waits (Int32 little-endian seconds) so p90 stays exact.
-- Built lazily for days before today; today is always computed from the tickets themselves.
CREATE TABLE report_rollups (
  hall_day TEXT NOT NULL,
  service_code TEXT NOT NULL,
  counter_id INTEGER NOT NULL, -- 0: never at a counter
  staff_id INTEGER NOT NULL,   -- 0: nobody
  hour INTEGER NOT NULL,
  issued INTEGER NOT NULL,
  served INTEGER NOT NULL,
  no_show INTEGER NOT NULL,
  called INTEGER NOT NULL,
  wait_sum INTEGER NOT NULL,
  service_count INTEGER NOT NULL,
  service_sum INTEGER NOT NULL,
  estimate_count INTEGER NOT NULL,
  estimate_abs_error_sum INTEGER NOT NULL,
  estimate_error_sum INTEGER NOT NULL,
  rating_count INTEGER NOT NULL,
  score_sum INTEGER NOT NULL,
  score1 INTEGER NOT NULL,
  score2 INTEGER NOT NULL,
  score3 INTEGER NOT NULL,
  score4 INTEGER NOT NULL,
  score5 INTEGER NOT NULL,
  attitude_sum INTEGER NOT NULL,
  attitude_count INTEGER NOT NULL,
  efficiency_sum INTEGER NOT NULL,
  efficiency_count INTEGER NOT NULL,
  policy_sum INTEGER NOT NULL,
  policy_count INTEGER NOT NULL,
  competence_sum INTEGER NOT NULL,
  competence_count INTEGER NOT NULL,
  waits BLOB NOT NULL,
  PRIMARY KEY (hall_day, service_code, counter_id, staff_id, hour)
) WITHOUT ROWID;

-- Which past days have rollups (a day without tickets still gets a row, so it is not rebuilt).
CREATE TABLE report_rollup_days (
  hall_day TEXT PRIMARY KEY,
  built_at INTEGER NOT NULL
);

-- Watermarks (last ticket_events.id and ratings.id seen) to find days changed after their rollup.
CREATE TABLE report_watermarks (
  name TEXT PRIMARY KEY,
  value INTEGER NOT NULL
);
