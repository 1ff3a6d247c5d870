-- Appointments (DESIGN.md "Appointments", issue 12): slot templates, slots with their capacity,
-- bookings from 12348 (integration tokens) and the booking desk, no-shows and blocks.

-- Tokens of the 12348 web/hotline integration (created by an admin; only the sha256 is kept).
CREATE TABLE integration_tokens (
  id serial PRIMARY KEY,
  name text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);

-- A hall's weekly pattern for one service: periods [{weekdays, from, to}] cut into slot_minutes slots.
CREATE TABLE slot_templates (
  hall_id integer NOT NULL REFERENCES halls(id),
  service_code text NOT NULL,
  periods jsonb NOT NULL,
  slot_minutes integer NOT NULL CHECK (slot_minutes BETWEEN 5 AND 240),
  capacity integer NOT NULL CHECK (capacity BETWEEN 1 AND 500),
  days_ahead integer NOT NULL CHECK (days_ahead BETWEEN 1 AND 14),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (hall_id, service_code)
);

-- A slot that has had a booking. `booked` only moves by a conditional UPDATE (booked < capacity),
-- so concurrent bookings never exceed the capacity; the CHECK is the last line of defence.
CREATE TABLE booking_slots (
  hall_id integer NOT NULL REFERENCES halls(id),
  service_code text NOT NULL,
  slot_start bigint NOT NULL,
  slot_end bigint NOT NULL,
  capacity integer NOT NULL,
  booked integer NOT NULL DEFAULT 0,
  PRIMARY KEY (hall_id, service_code, slot_start),
  CHECK (booked >= 0 AND booked <= capacity)
);

CREATE TABLE bookings (
  id serial PRIMARY KEY,
  hall_id integer NOT NULL REFERENCES halls(id),
  service_code text NOT NULL,
  slot_start bigint NOT NULL,
  slot_end bigint NOT NULL,
  hall_day date NOT NULL,
  code text NOT NULL CHECK (code ~ '^[0-9]{6}$'),
  state text NOT NULL CHECK (state IN ('booked', 'cancelled', 'checked_in', 'no_show')),
  name text NOT NULL,
  phone text NOT NULL,
  -- Keyed hashes (HMAC with booking_secret): the hall and the block list hold these, never the numbers.
  phone_hash text NOT NULL,
  id_hash text,
  channel text NOT NULL,
  external_id text NOT NULL UNIQUE,
  created_at bigint NOT NULL,
  cancelled_at bigint,
  checked_in_at bigint,
  ticket_id integer,
  no_show_at bigint,
  -- Highest hall outbox seq applied to this booking (check-in, no-show), so a replay changes nothing.
  hall_seq bigint NOT NULL DEFAULT 0,
  -- pull_version of the last change the hall must see (created, cancelled).
  version bigint NOT NULL,
  UNIQUE (hall_id, hall_day, code)
);
CREATE INDEX bookings_pull ON bookings (hall_id, version);
CREATE INDEX bookings_phone ON bookings (phone_hash, state);
CREATE INDEX bookings_id_hash ON bookings (id_hash, state) WHERE id_hash IS NOT NULL;

-- A phone or ID hash blocked from booking after repeated no-shows; lifted by an admin, audited.
CREATE TABLE booking_blocks (
  id serial PRIMARY KEY,
  subject_hash text NOT NULL,
  reason text NOT NULL,
  blocked_at bigint NOT NULL,
  blocked_until bigint NOT NULL,
  lifted_at bigint,
  lifted_by integer REFERENCES users(id),
  lift_reason text
);
CREATE INDEX booking_blocks_subject ON booking_blocks (subject_hash, blocked_until);

-- Key of the phone/ID hashes: random per city, so a hall's copy cannot be reversed by trying every number.
CREATE TABLE booking_secret (
  id integer PRIMARY KEY CHECK (id = 1),
  secret text NOT NULL
);
INSERT INTO booking_secret (id, secret) VALUES (1, md5(random()::text || clock_timestamp()::text) || md5(random()::text || clock_timestamp()::text));
