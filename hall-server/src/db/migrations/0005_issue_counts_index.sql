-- Tickets issued per service per hall day (daily quota check on every issue).
CREATE INDEX tickets_day_service ON tickets (hall_day, original_service_code);
