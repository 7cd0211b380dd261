-- Sessions can be corrected (issue 21): a worker (or their manager) puts right a session
-- recorded by mistake, or removes it. Nothing is deleted: a removed session keeps its row
-- with when it was removed (and no longer counts anywhere), and each change keeps the
-- session as it was before, with who changed it and when.
ALTER TABLE care_sessions ADD COLUMN removed_at TEXT;

CREATE TABLE care_session_changes (
    id          INTEGER PRIMARY KEY,
    session_id  INTEGER NOT NULL REFERENCES care_sessions(id),
    change      TEXT NOT NULL CHECK (change IN ('corrected', 'removed')),
    -- the session as it was before this change
    held_on     TEXT NOT NULL,
    kind        TEXT NOT NULL,
    mode        TEXT NOT NULL,
    with_whom   TEXT NOT NULL,
    missed      TEXT,
    by_name     TEXT NOT NULL,
    account_id  TEXT NOT NULL REFERENCES accounts(id),
    created_at  TEXT NOT NULL
);
CREATE INDEX care_session_changes_by_session ON care_session_changes (session_id, id);
