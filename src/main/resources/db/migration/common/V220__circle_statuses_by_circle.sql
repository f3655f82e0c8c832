-- kmyblue's circle timeline (GET /api/v1/circles/:id/statuses) pages a circle's posts newest first.
CREATE INDEX circle_statuses_circle_idx ON circle_statuses (circle_id, status_id);
