-- A hall's complete past months packed once (issue 11): `packMonth` of the month's day packs, so a
-- year's summary reads 12 packs per hall instead of ~360. Valid while `version_sum` equals the sum
-- of the month's day_rollups.version (every ingest bumps a day's version, so any change to a day of
-- the month changes the sum); otherwise the report service packs the month again.
CREATE TABLE month_rollups (
  hall_id integer NOT NULL REFERENCES halls(id),
  month date NOT NULL,
  version_sum bigint NOT NULL,
  packed bytea NOT NULL,
  PRIMARY KEY (hall_id, month)
);
