-- Issue 11: supervision queries, 考评, 督办, administration.

-- Follow-up ids repeat from hall to hall: `gid` names one city-wide (the :id of 督办).
ALTER TABLE follow_ups ADD COLUMN gid serial;
CREATE UNIQUE INDEX follow_ups_gid ON follow_ups (gid);
CREATE INDEX follow_ups_open ON follow_ups (hall_id, due_day) WHERE state = 'open';

-- A disabled user cannot sign in; their sessions end when they are disabled.
ALTER TABLE users ADD COLUMN disabled_at timestamptz;

-- City-wide settings edited in the console (the 考评 weights), one JSON value per key.
CREATE TABLE city_settings (
  key text PRIMARY KEY,
  value jsonb NOT NULL,
  updated_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- 督办 reminders a supervisor sent about a hall's open follow-up; they flow down in the pull
-- (`version` from pull_version) and the hall reports when it received and when its manager read them.
CREATE TABLE supervisions (
  id serial PRIMARY KEY,
  hall_id integer NOT NULL REFERENCES halls(id),
  follow_up_id integer NOT NULL,
  follow_up_gid integer NOT NULL,
  message text NOT NULL,
  by_user_id integer NOT NULL REFERENCES users(id),
  by_username text NOT NULL,
  created_at bigint NOT NULL,
  version bigint NOT NULL,
  received_at bigint,
  acknowledged_at bigint
);
CREATE INDEX supervisions_follow_up ON supervisions (follow_up_gid);
CREATE INDEX supervisions_version ON supervisions (hall_id, version);

