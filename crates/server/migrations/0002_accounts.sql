-- Accounts, teams, invites, sessions and the audit log.

CREATE TABLE teams (
    id          TEXT PRIMARY KEY NOT NULL,
    name        TEXT NOT NULL UNIQUE,
    created_at  TEXT NOT NULL
);

ALTER TABLE workers ADD COLUMN team_id TEXT REFERENCES teams(id);
ALTER TABLE workers ADD COLUMN is_manager INTEGER NOT NULL DEFAULT 0;

CREATE TABLE accounts (
    id               TEXT PRIMARY KEY NOT NULL,
    username         TEXT NOT NULL,
    -- lower case, so "Alex" and "alex" are one name
    username_key     TEXT NOT NULL UNIQUE,
    -- argon2id, PHC string
    password_hash    TEXT NOT NULL,
    role             TEXT NOT NULL CHECK (role IN ('young_person', 'worker', 'manager')),
    young_person_id  TEXT UNIQUE REFERENCES young_people(id),
    worker_id        TEXT UNIQUE REFERENCES workers(id),
    created_at       TEXT NOT NULL,
    CHECK ((role = 'young_person') = (young_person_id IS NOT NULL)),
    CHECK ((role <> 'young_person') = (worker_id IS NOT NULL))
);

-- Codes are bearer secrets: only their SHA-256 is kept.
CREATE TABLE invites (
    code_hash        TEXT PRIMARY KEY NOT NULL,
    young_person_id  TEXT NOT NULL REFERENCES young_people(id),
    created_by       TEXT NOT NULL REFERENCES accounts(id),
    created_at       INTEGER NOT NULL,
    expires_at       INTEGER NOT NULL,
    used_at          INTEGER
);

-- Session tokens likewise: the cookie holds the token, the table its SHA-256.
CREATE TABLE sessions (
    token_hash    TEXT PRIMARY KEY NOT NULL,
    account_id    TEXT NOT NULL REFERENCES accounts(id),
    created_at    INTEGER NOT NULL,
    last_seen_at  INTEGER NOT NULL
);
CREATE INDEX sessions_by_account ON sessions (account_id);

-- Every write: who, when, what. team_id says which manager may read it.
CREATE TABLE audit_log (
    id               INTEGER PRIMARY KEY,
    at               TEXT NOT NULL,
    account_id       TEXT REFERENCES accounts(id),
    who              TEXT NOT NULL,
    action           TEXT NOT NULL,
    young_person_id  TEXT,
    team_id          TEXT
);
CREATE INDEX audit_by_team ON audit_log (team_id, id);
