-- "My view", what each young person has seen, and why a worker changed.

CREATE TABLE views (
    id               INTEGER PRIMARY KEY,
    young_person_id  TEXT NOT NULL REFERENCES young_people(id),
    -- NULL: about the whole plan
    step_id          TEXT,
    stance           TEXT CHECK (stance IN ('agree', 'not_sure', 'dont_agree')),
    -- exactly as typed
    words            TEXT NOT NULL,
    account_id       TEXT NOT NULL REFERENCES accounts(id),
    by_name          TEXT NOT NULL,
    by_young_person  INTEGER NOT NULL,
    created_at       TEXT NOT NULL
);
CREATE INDEX views_by_young_person ON views (young_person_id, id);

-- The newest plan version the young person has looked at.
CREATE TABLE plan_seen (
    young_person_id  TEXT PRIMARY KEY NOT NULL REFERENCES young_people(id),
    version          INTEGER NOT NULL,
    seen_at          TEXT NOT NULL
);

ALTER TABLE allocations ADD COLUMN change_reason TEXT;
