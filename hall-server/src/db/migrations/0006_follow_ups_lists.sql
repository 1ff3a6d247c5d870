-- The follow-up list reads open ones by deadline and closed ones newest first.
CREATE INDEX follow_ups_open_by_due ON follow_ups (due_day) WHERE closed_at IS NULL;
CREATE INDEX follow_ups_closed_at ON follow_ups (closed_at) WHERE closed_at IS NOT NULL;
