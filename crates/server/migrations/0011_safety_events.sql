-- "A flag was raised" and "a flag was closed", written in the same transaction as the
-- flag or the action, so every server on this database can push them to the staff screens
-- open on it (GET /api/v1/events). Kept for a short while only, then pruned.

CREATE TABLE safety_events (
    -- AUTOINCREMENT: ids never go back, even after pruning empties the table, so a
    -- server watching for "ids above the last one I saw" misses nothing.
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    kind             TEXT NOT NULL CHECK (kind IN ('raised', 'closed')),
    flag_id          TEXT NOT NULL,
    young_person_id  TEXT NOT NULL,
    -- the server process that wrote it; it tells its own screens at once, others watch
    origin           TEXT NOT NULL,
    -- seconds since 1970 (UTC), for pruning
    created_at       BIGINT NOT NULL
);
CREATE INDEX safety_events_by_time ON safety_events (created_at);
