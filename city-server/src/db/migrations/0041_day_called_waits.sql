-- The bookings block of the city summary (mean wait of booked visitors against walk-ins) from sums
-- per hall day instead of every called ticket of the range (issue 11: the whole city's year scanned
-- ~1.6 M tickets, 566 ms alone). Per hall day: tickets called per source and their summed wait to
-- the first call in ms; a booked visitor's wait counts from check-in or the slot start, whichever is
-- later (as the hall's report_called_days, hall migration 0016). A narrow table of its own: the day
-- rollups' rows carry their packs inline and a year of them is ~85 MB to read.
--
-- Written with the day's pack, in the same transaction (`storeDayWaits`): a day whose rollup is not
-- stale has its row here, or none when nobody was called; a stale day's row may be old, and the
-- reader counts that day from its tickets instead.
CREATE TABLE day_called (
  hall_id integer NOT NULL REFERENCES halls(id),
  hall_day date NOT NULL,
  booked_called integer NOT NULL,
  booked_wait_ms bigint NOT NULL,
  walk_in_called integer NOT NULL,
  walk_in_wait_ms bigint NOT NULL,
  PRIMARY KEY (hall_id, hall_day)
);

-- A booked ticket's booking, found by the ticket (the day's sums join every called ticket to it).
CREATE INDEX bookings_ticket ON bookings (hall_id, ticket_id) WHERE ticket_id IS NOT NULL;

-- Days already built get their sums now.
INSERT INTO day_called (hall_id, hall_day, booked_called, booked_wait_ms, walk_in_called, walk_in_wait_ms)
SELECT t.hall_id, t.hall_day,
  COUNT(*) FILTER (WHERE t.source = 'booking'),
  COALESCE(SUM(GREATEST(0, t.called_at - GREATEST(t.issued_at, COALESCE(b.slot_start, t.issued_at)))) FILTER (WHERE t.source = 'booking'), 0),
  COUNT(*) FILTER (WHERE t.source = 'walk-in'),
  COALESCE(SUM(GREATEST(0, t.called_at - GREATEST(t.issued_at, COALESCE(b.slot_start, t.issued_at)))) FILTER (WHERE t.source = 'walk-in'), 0)
FROM tickets t
JOIN day_rollups r ON r.hall_id = t.hall_id AND r.hall_day = t.hall_day AND r.built_version = r.version
LEFT JOIN bookings b ON b.hall_id = t.hall_id AND b.ticket_id = t.id
WHERE t.called_at IS NOT NULL
GROUP BY t.hall_id, t.hall_day;
