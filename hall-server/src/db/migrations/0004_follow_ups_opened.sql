-- Follow-up counts per report range read this index alone (no scan of the table, no join).
CREATE INDEX follow_ups_opened ON follow_ups (opened_at, closed_at, due_day);
