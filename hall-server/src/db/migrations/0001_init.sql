-- Hall settings: hall name, level, notice, recall limit, follow-up days, opening-hours enforcement.
CREATE TABLE hall_settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE services (
  code TEXT PRIMARY KEY,
  prefix TEXT NOT NULL UNIQUE,
  name_zh TEXT NOT NULL,
  name_en TEXT NOT NULL,
  description_zh TEXT NOT NULL DEFAULT '',
  description_en TEXT NOT NULL DEFAULT '',
  target_wait_minutes INTEGER NOT NULL,
  warn_queue_length INTEGER NOT NULL,
  daily_quota INTEGER,
  opens_at TEXT NOT NULL,
  closes_at TEXT NOT NULL,
  ticket_notes TEXT NOT NULL DEFAULT '',
  is_open INTEGER NOT NULL DEFAULT 1,
  sort_order INTEGER NOT NULL
);

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  staff_no TEXT NOT NULL DEFAULT '',
  role TEXT NOT NULL CHECK (role IN ('staff', 'manager', 'admin')),
  password_hash TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);

CREATE TABLE counters (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'paused', 'closed')),
  staff_id INTEGER REFERENCES users(id),
  sort_order INTEGER NOT NULL
);

-- The services a counter serves, in its order of preference (1 = first).
CREATE TABLE counter_services (
  counter_id INTEGER NOT NULL REFERENCES counters(id) ON DELETE CASCADE,
  service_code TEXT NOT NULL REFERENCES services(code),
  preference INTEGER NOT NULL,
  PRIMARY KEY (counter_id, service_code)
);

CREATE TABLE devices (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('kiosk', 'board', 'terminal', 'pad')),
  name TEXT NOT NULL,
  counter_id INTEGER REFERENCES counters(id),
  token_hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  revoked_at INTEGER,
  last_seen_at INTEGER,
  disconnects INTEGER NOT NULL DEFAULT 0,
  printer_state TEXT,
  printer_message TEXT,
  printer_changed_at INTEGER
);

-- Last sequence handed out per hall day and number prefix: a number is never reused within a day.
CREATE TABLE ticket_sequences (
  hall_day TEXT NOT NULL,
  prefix TEXT NOT NULL,
  last_seq INTEGER NOT NULL,
  PRIMARY KEY (hall_day, prefix)
);

CREATE TABLE tickets (
  id INTEGER PRIMARY KEY,
  hall_day TEXT NOT NULL,
  number TEXT NOT NULL,
  service_code TEXT NOT NULL REFERENCES services(code),
  original_service_code TEXT NOT NULL,
  priority TEXT NOT NULL CHECK (priority IN ('normal', 'priority')),
  priority_reason TEXT,
  state TEXT NOT NULL CHECK (state IN ('waiting', 'called', 'serving', 'done', 'no_show', 'parked', 'cancelled')),
  issued_at INTEGER NOT NULL,
  queued_at INTEGER NOT NULL,
  first_called_at INTEGER,
  called_at INTEGER,
  started_at INTEGER,
  finished_at INTEGER,
  parked_at INTEGER,
  counter_id INTEGER REFERENCES counters(id),
  staff_id INTEGER REFERENCES users(id),
  recall_count INTEGER NOT NULL DEFAULT 0,
  outcome TEXT CHECK (outcome IN ('resolved', 'pending', 'referred')),
  note TEXT,
  tracking_code TEXT NOT NULL UNIQUE,
  request_id TEXT UNIQUE,
  device_id INTEGER REFERENCES devices(id),
  estimated_wait_seconds INTEGER,
  UNIQUE (hall_day, number)
);
CREATE INDEX tickets_waiting ON tickets (state, service_code, priority, queued_at);
CREATE INDEX tickets_day ON tickets (hall_day);
-- At most one current ticket per counter, enforced by the database as well as the domain.
CREATE UNIQUE INDEX tickets_one_current_per_counter ON tickets (counter_id) WHERE state IN ('called', 'serving');

-- Append-only audit trail of every transition: the source of every report.
CREATE TABLE ticket_events (
  id INTEGER PRIMARY KEY,
  ticket_id INTEGER NOT NULL REFERENCES tickets(id),
  at INTEGER NOT NULL,
  action TEXT NOT NULL,
  from_state TEXT,
  to_state TEXT NOT NULL,
  counter_id INTEGER,
  actor_user_id INTEGER,
  actor_device_id INTEGER,
  detail TEXT
);
CREATE INDEX ticket_events_ticket ON ticket_events (ticket_id);

CREATE TABLE ratings (
  id INTEGER PRIMARY KEY,
  ticket_id INTEGER NOT NULL UNIQUE REFERENCES tickets(id),
  score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
  attitude INTEGER CHECK (attitude BETWEEN 1 AND 5),
  efficiency INTEGER CHECK (efficiency BETWEEN 1 AND 5),
  policy INTEGER CHECK (policy BETWEEN 1 AND 5),
  competence INTEGER CHECK (competence BETWEEN 1 AND 5),
  comment TEXT,
  source TEXT NOT NULL,
  device_id INTEGER,
  counter_id INTEGER,
  staff_id INTEGER,
  created_at INTEGER NOT NULL,
  excluded_at INTEGER,
  excluded_by INTEGER REFERENCES users(id),
  exclude_reason TEXT
);

-- 回访核实 → 整改 → 反馈 for every rating of 1–2.
CREATE TABLE follow_ups (
  id INTEGER PRIMARY KEY,
  rating_id INTEGER NOT NULL UNIQUE REFERENCES ratings(id),
  opened_at INTEGER NOT NULL,
  due_day TEXT NOT NULL,
  closed_at INTEGER,
  closed_by INTEGER REFERENCES users(id),
  outcome TEXT
);

-- The hall's calendar: public holidays, and weekend days made into workdays (调休).
CREATE TABLE holidays (
  day TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),
  name TEXT NOT NULL DEFAULT ''
);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  user_id INTEGER,
  action TEXT NOT NULL,
  detail TEXT
);
-- Recent service times per service, for the wait estimate.
CREATE INDEX tickets_done_by_service ON tickets (service_code, finished_at) WHERE state = 'done';
