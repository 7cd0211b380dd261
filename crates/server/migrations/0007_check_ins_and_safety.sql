-- "How I'm doing": mood check-ins, and "I don't feel safe" flags with what staff did.

CREATE TABLE check_ins (
    id               INTEGER PRIMARY KEY,
    young_person_id  TEXT NOT NULL REFERENCES young_people(id),
    -- made by the app, so a retry is recorded once
    client_id        TEXT NOT NULL UNIQUE,
    -- NULL: they chose not to say
    mood             TEXT CHECK (mood IN ('awful', 'low', 'okay', 'good', 'great')),
    words            TEXT,
    account_id       TEXT NOT NULL REFERENCES accounts(id),
    created_at       TEXT NOT NULL
);
CREATE INDEX check_ins_by_young_person ON check_ins (young_person_id, id);

-- Seen by the allocated worker and their manager whatever any other choice says.
CREATE TABLE safety_flags (
    id               TEXT PRIMARY KEY NOT NULL,
    young_person_id  TEXT NOT NULL REFERENCES young_people(id),
    client_id        TEXT NOT NULL UNIQUE,
    words            TEXT,
    -- closed when someone records what they did
    open             INTEGER NOT NULL DEFAULT 1 CHECK (open IN (0, 1)),
    account_id       TEXT NOT NULL REFERENCES accounts(id),
    created_at       TEXT NOT NULL
);
CREATE INDEX safety_flags_by_young_person ON safety_flags (young_person_id, open);

CREATE TABLE safety_actions (
    id           INTEGER PRIMARY KEY,
    flag_id      TEXT NOT NULL REFERENCES safety_flags(id),
    words        TEXT NOT NULL,
    by_name      TEXT NOT NULL,
    account_id   TEXT NOT NULL REFERENCES accounts(id),
    created_at   TEXT NOT NULL
);
CREATE INDEX safety_actions_by_flag ON safety_actions (flag_id, id);
