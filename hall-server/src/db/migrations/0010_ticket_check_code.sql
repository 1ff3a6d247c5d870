-- 验证码: four random digits printed beside the number. A kiosk rating needs them (or the scanned
-- QR), so a number read off the board is no longer enough to rate someone else's service.
-- Tickets issued before this migration have none and are rated with their QR only.
ALTER TABLE tickets ADD COLUMN check_code TEXT;
