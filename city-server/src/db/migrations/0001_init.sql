-- The city's schema. Runs unchanged on PostgreSQL 15 and on PGlite (PostgreSQL 18 in WASM).
-- Times the reports compute with are epoch milliseconds (bigint), exactly as the hall's SQLite holds them.

-- 行政区划 tree: 市 → 县/区 → 乡镇/街道 → 村/社区. `prefix` is the code cut to its level's digits:
-- every hall at or below an area has an area code starting with that prefix.
CREATE TABLE areas (
  code text PRIMARY KEY CHECK (code ~ '^[0-9]{12}$'),
  name text NOT NULL,
  level text NOT NULL CHECK (level IN ('city', 'county', 'township', 'village')),
  parent_code text REFERENCES areas(code),
  prefix text NOT NULL
);
CREATE INDEX areas_parent ON areas (parent_code);

CREATE TABLE halls (
  id serial PRIMARY KEY,
  name text NOT NULL,
  level text NOT NULL CHECK (level IN ('city', 'county', 'township', 'village')),
  area_code text NOT NULL REFERENCES areas(code),
  time_zone text NOT NULL DEFAULT 'Asia/Shanghai',
  -- sha256 hex of the hall's credential; NULL until enrolled, after a revoke and during a rekey.
  credential_hash text UNIQUE,
  enrolled_at timestamptz,
  revoked_at timestamptz,
  software_version text,
  -- Highest contiguous outbox seq held; a push is applied under this row's lock.
  ack_seq bigint NOT NULL DEFAULT 0,
  last_seen_at timestamptz,
  live jsonb,
  live_at bigint,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX halls_area ON halls (area_code);

-- One-time enrollment codes, kept as sha256 hex only.
CREATE TABLE enrollment_codes (
  code_hash text PRIMARY KEY,
  hall_id integer NOT NULL REFERENCES halls(id),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  id serial PRIMARY KEY,
  username text NOT NULL UNIQUE,
  password_hash text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin', 'supervisor')),
  area_code text NOT NULL REFERENCES areas(code),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  expires_at timestamptz NOT NULL
);

-- Every outbox record exactly once: the log the hall pushed, partitioned by the month of the change.
-- Partitions are created on demand as months appear (see repos/partitions.ts).
CREATE TABLE sync_records (
  hall_id integer NOT NULL,
  seq bigint NOT NULL,
  month date NOT NULL,
  kind text NOT NULL,
  at bigint NOT NULL,
  data jsonb NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (hall_id, seq, month)
) PARTITION BY RANGE (month);

-- Current state of each hall's rows (a later seq for the same id replaces the earlier one).
CREATE TABLE hall_services (
  hall_id integer NOT NULL REFERENCES halls(id),
  code text NOT NULL,
  seq bigint NOT NULL,
  name text NOT NULL,
  target_wait_minutes integer NOT NULL,
  daily_quota integer,
  PRIMARY KEY (hall_id, code)
);

-- `gid` keys counters and staff city-wide (hall ids repeat from hall to hall) in the city's figures.
CREATE TABLE hall_counters (
  hall_id integer NOT NULL REFERENCES halls(id),
  id integer NOT NULL,
  gid serial UNIQUE,
  seq bigint NOT NULL DEFAULT 0,
  name text NOT NULL DEFAULT '',
  services jsonb NOT NULL DEFAULT '[]',
  state text NOT NULL DEFAULT 'closed',
  staff_id integer,
  PRIMARY KEY (hall_id, id)
);

CREATE TABLE hall_staff (
  hall_id integer NOT NULL REFERENCES halls(id),
  id integer NOT NULL,
  gid serial UNIQUE,
  seq bigint NOT NULL DEFAULT 0,
  name text NOT NULL DEFAULT '',
  staff_no text NOT NULL DEFAULT '',
  PRIMARY KEY (hall_id, id)
);

-- Ticket facts, partitioned by the month of their hall day.
CREATE TABLE tickets (
  hall_id integer NOT NULL,
  hall_day date NOT NULL,
  id integer NOT NULL,
  seq bigint NOT NULL,
  number text NOT NULL,
  service_code text NOT NULL,
  original_service_code text NOT NULL,
  priority text NOT NULL,
  source text NOT NULL,
  state text NOT NULL,
  issued_at bigint NOT NULL,
  called_at bigint,
  started_at bigint,
  finished_at bigint,
  counter_id integer,
  staff_id integer,
  recall_count integer NOT NULL,
  outcome text,
  estimated_wait_seconds integer,
  case_number text,
  PRIMARY KEY (hall_id, hall_day, id)
) PARTITION BY RANGE (hall_day);
CREATE INDEX tickets_hall_id ON tickets (hall_id, id);

CREATE TABLE ratings (
  hall_id integer NOT NULL REFERENCES halls(id),
  id integer NOT NULL,
  seq bigint NOT NULL,
  ticket_id integer NOT NULL,
  -- The rated ticket's hall day (the day whose figures it counts in); NULL while the ticket is unknown.
  hall_day date,
  score integer NOT NULL,
  attitude integer,
  efficiency integer,
  policy integer,
  competence integer,
  comment text,
  channel text NOT NULL,
  created_at bigint NOT NULL,
  excluded boolean NOT NULL,
  excluded_reason text,
  PRIMARY KEY (hall_id, id)
);
CREATE INDEX ratings_day ON ratings (hall_id, hall_day);

CREATE TABLE follow_ups (
  hall_id integer NOT NULL REFERENCES halls(id),
  id integer NOT NULL,
  seq bigint NOT NULL,
  rating_id integer NOT NULL,
  ticket_id integer NOT NULL,
  state text NOT NULL,
  opened_at bigint NOT NULL,
  due_day date NOT NULL,
  closed_at bigint,
  outcome text,
  PRIMARY KEY (hall_id, id)
);

CREATE TABLE closed_days (
  hall_id integer NOT NULL REFERENCES halls(id),
  hall_day date NOT NULL,
  seq bigint NOT NULL,
  PRIMARY KEY (hall_id, hall_day)
);

-- Daily rollups per hall and day (rows per service × counter × staff × hour inside `packed`, the
-- shared report format). Ingest bumps `version`; a builder repacks while built_version < version.
CREATE TABLE day_rollups (
  hall_id integer NOT NULL REFERENCES halls(id),
  hall_day date NOT NULL,
  version bigint NOT NULL DEFAULT 1,
  built_version bigint NOT NULL DEFAULT 0,
  packed bytea,
  PRIMARY KEY (hall_id, hall_day)
);
CREATE INDEX day_rollups_stale ON day_rollups (hall_id, hall_day) WHERE built_version < version;

-- The phone view of each open ticket as the hall last pushed it, found by the tracking code's sha256.
CREATE TABLE live_tickets (
  tracking_hash text PRIMARY KEY,
  hall_id integer NOT NULL REFERENCES halls(id),
  ticket_id integer NOT NULL,
  view jsonb NOT NULL,
  updated_at bigint NOT NULL
);
CREATE INDEX live_tickets_hall ON live_tickets (hall_id);

-- What flows down (pull). One counter row: a writer bumps it and holds its lock to commit, so
-- versions commit in order and `since` never skips a row.
CREATE TABLE pull_version (
  id integer PRIMARY KEY CHECK (id = 1),
  value bigint NOT NULL
);
INSERT INTO pull_version (id, value) VALUES (1, 0);

CREATE TABLE holidays (
  day date PRIMARY KEY,
  name text NOT NULL,
  workday boolean NOT NULL,
  version bigint NOT NULL
);

CREATE TABLE notices (
  id serial PRIMARY KEY,
  text text NOT NULL,
  from_day date NOT NULL,
  to_day date NOT NULL,
  version bigint NOT NULL
);

-- Ratings given on the city's /t/ page: sent down to the hall, which applies them as channel 'qr'.
CREATE TABLE city_ratings (
  id serial PRIMARY KEY,
  hall_id integer NOT NULL REFERENCES halls(id),
  ticket_id integer NOT NULL,
  score integer NOT NULL CHECK (score BETWEEN 1 AND 5),
  attitude integer CHECK (attitude BETWEEN 1 AND 5),
  efficiency integer CHECK (efficiency BETWEEN 1 AND 5),
  policy integer CHECK (policy BETWEEN 1 AND 5),
  competence integer CHECK (competence BETWEEN 1 AND 5),
  comment text,
  created_at bigint NOT NULL,
  version bigint NOT NULL,
  UNIQUE (hall_id, ticket_id)
);
CREATE INDEX city_ratings_version ON city_ratings (hall_id, version);
