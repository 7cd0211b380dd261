-- A young person added by a worker may carry a client_id, made by the app, and the
-- account that added them, so "Add" sent again (its first try given up on a bad signal,
-- when it may still have arrived) adds them once.
ALTER TABLE young_people ADD COLUMN client_id TEXT;
ALTER TABLE young_people ADD COLUMN added_by TEXT;
CREATE UNIQUE INDEX young_people_by_client_id ON young_people (client_id);
