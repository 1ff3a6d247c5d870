-- A change counter for follow_ups (report_watermarks 'follow-ups'), bumped by every insert, update
-- or delete: the summary's follow-up counts of a range are reused while it and the hall day stay
-- the same, instead of counting ~20 k follow-ups of a year on every report.
INSERT OR IGNORE INTO report_watermarks (name, value) VALUES ('follow-ups', 0);
CREATE TRIGGER follow_ups_insert_bumps_version AFTER INSERT ON follow_ups BEGIN
  UPDATE report_watermarks SET value = value + 1 WHERE name = 'follow-ups';
END;
CREATE TRIGGER follow_ups_update_bumps_version AFTER UPDATE ON follow_ups BEGIN
  UPDATE report_watermarks SET value = value + 1 WHERE name = 'follow-ups';
END;
CREATE TRIGGER follow_ups_delete_bumps_version AFTER DELETE ON follow_ups BEGIN
  UPDATE report_watermarks SET value = value + 1 WHERE name = 'follow-ups';
END;
