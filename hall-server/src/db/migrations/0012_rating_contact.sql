-- The visitor's phone, given only if they want a call back about their rating (issue 13.3). Personal
-- data: shown to managers on the follow-up, never in the city outbox (0011's triggers name their
-- columns, so this one stays out) nor in exports.
ALTER TABLE ratings ADD COLUMN contact_phone TEXT;
