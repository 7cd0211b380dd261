-- Goals in the young person's own words, their versions, and ratings each session.

CREATE TABLE goals (
    id               TEXT PRIMARY KEY NOT NULL,
    young_person_id  TEXT NOT NULL REFERENCES young_people(id),
    agreed_by        TEXT NOT NULL CHECK (agreed_by IN ('young_person', 'together', 'worker', 'parent_or_carer')),
    set_on           TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('working_on_it', 'achieved', 'paused', 'let_go')),
    closed_reason    TEXT,
    created_at       TEXT NOT NULL
);
CREATE INDEX goals_by_young_person ON goals (young_person_id);

-- Never overwritten: rewording adds a version. Words exactly as typed.
CREATE TABLE goal_versions (
    goal_id          TEXT NOT NULL REFERENCES goals(id),
    version          INTEGER NOT NULL,
    words            TEXT NOT NULL,
    what_will_help   TEXT,
    typed_by_name    TEXT NOT NULL,
    typed_by_young_person INTEGER NOT NULL,
    account_id       TEXT NOT NULL REFERENCES accounts(id),
    created_at       TEXT NOT NULL,
    PRIMARY KEY (goal_id, version)
);

-- One row per session in which goals were rated. client_id makes a retry harmless.
CREATE TABLE goal_sessions (
    id               INTEGER PRIMARY KEY,
    young_person_id  TEXT NOT NULL REFERENCES young_people(id),
    client_id        TEXT NOT NULL UNIQUE,
    held_on          TEXT NOT NULL,
    account_id       TEXT NOT NULL REFERENCES accounts(id),
    typed_by_young_person INTEGER NOT NULL,
    created_at       TEXT NOT NULL
);

CREATE TABLE goal_ratings (
    session_id  INTEGER NOT NULL REFERENCES goal_sessions(id),
    goal_id     TEXT NOT NULL REFERENCES goals(id),
    -- NULL: "I'd rather not say"
    rating      INTEGER CHECK (rating BETWEEN 0 AND 10),
    PRIMARY KEY (session_id, goal_id)
);
