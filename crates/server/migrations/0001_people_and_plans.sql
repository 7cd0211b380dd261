-- People and plans. Plans are kept as whole versions (never overwritten): each change
-- adds a row with the next version number, who made it and when.

CREATE TABLE workers (
    id          TEXT PRIMARY KEY NOT NULL,
    name        TEXT NOT NULL,
    role        TEXT NOT NULL,
    phone       TEXT,
    email       TEXT,
    created_at  TEXT NOT NULL
);

CREATE TABLE young_people (
    id          TEXT PRIMARY KEY NOT NULL,
    first_name  TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

-- Which worker supports which young person, and why. A change of worker ends one row
-- and starts another, so the young person can be told who is new and why.
CREATE TABLE allocations (
    id               INTEGER PRIMARY KEY,
    young_person_id  TEXT NOT NULL REFERENCES young_people(id),
    worker_id        TEXT NOT NULL REFERENCES workers(id),
    why              TEXT NOT NULL,
    meets            TEXT NOT NULL,
    next_meeting     TEXT,
    started_on       TEXT NOT NULL,
    ended_on         TEXT
);
CREATE INDEX allocations_by_young_person ON allocations (young_person_id, ended_on);

CREATE TABLE plan_versions (
    young_person_id  TEXT NOT NULL REFERENCES young_people(id),
    version          INTEGER NOT NULL,
    -- The plan as journey_core::Plan JSON.
    body             TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    created_by       TEXT,
    PRIMARY KEY (young_person_id, version)
);
