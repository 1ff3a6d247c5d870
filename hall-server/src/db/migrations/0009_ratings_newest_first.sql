-- The rating review list walks ratings newest first and stops at its limit. (IF NOT EXISTS: an
-- early build of 0006 carried this index; a landed migration is not edited, so it moved here.)
CREATE INDEX IF NOT EXISTS ratings_created_at ON ratings (created_at);
