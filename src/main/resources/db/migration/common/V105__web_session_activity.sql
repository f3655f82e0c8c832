-- When a signed-in browser was last seen, for the sessions page (written at most every few minutes, not per request).
ALTER TABLE web_sessions ADD COLUMN last_active_at BIGINT;
