-- Waiting tickets of one hall day by service, lane and queue position: counts, people ahead and
-- call-next read this index alone instead of visiting every waiting row's table page.
CREATE INDEX tickets_waiting_by_day ON tickets (hall_day, service_code, priority, queued_at) WHERE state = 'waiting';
DROP INDEX tickets_waiting;
