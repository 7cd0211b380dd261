-- Help content per organisation (one organisation per server), and young people's
-- concerns and complaints with their replies.

-- The organisation this server is for. Its nation decides the default help content
-- (England and Wales have different complaint stages and bodies).
CREATE TABLE organisation (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    nation      TEXT NOT NULL CHECK (nation IN ('england', 'wales')),
    updated_at  TEXT NOT NULL
);
INSERT INTO organisation (id, nation, updated_at) VALUES (1, 'england', '1970-01-01T00:00:00+00:00');

-- Never overwritten: each change adds a version. Before the first, the nation's default.
CREATE TABLE help_versions (
    version     INTEGER PRIMARY KEY,
    body        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    created_by  TEXT
);

CREATE TABLE concerns (
    id               TEXT PRIMARY KEY NOT NULL,
    -- "C-7K3M": short enough to say on the phone
    reference        TEXT NOT NULL UNIQUE,
    young_person_id  TEXT NOT NULL REFERENCES young_people(id),
    -- made by the app, so a retry is recorded once
    client_id        TEXT NOT NULL UNIQUE,
    about            TEXT NOT NULL CHECK (about IN ('my_worker', 'something_else')),
    -- the young person's worker when it was raised: never shown a concern about them
    worker_id        TEXT REFERENCES workers(id),
    words            TEXT NOT NULL,
    what_would_help  TEXT,
    who_sees         TEXT NOT NULL CHECK (who_sees IN ('manager', 'manager_and_worker')),
    stage            INTEGER NOT NULL DEFAULT 1,
    status           TEXT NOT NULL CHECK (status IN ('open', 'answered')),
    raised_on        TEXT NOT NULL,
    due_on           TEXT NOT NULL,
    account_id       TEXT NOT NULL REFERENCES accounts(id),
    created_at       TEXT NOT NULL,
    CHECK (NOT (about = 'my_worker' AND who_sees = 'manager_and_worker'))
);
CREATE INDEX concerns_by_young_person ON concerns (young_person_id);

CREATE TABLE concern_replies (
    id           INTEGER PRIMARY KEY,
    concern_id   TEXT NOT NULL REFERENCES concerns(id),
    words        TEXT NOT NULL,
    by_name      TEXT NOT NULL,
    account_id   TEXT NOT NULL REFERENCES accounts(id),
    created_at   TEXT NOT NULL
);
CREATE INDEX concern_replies_by_concern ON concern_replies (concern_id, id);
